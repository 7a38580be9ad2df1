/// How a ``NeuroComponent`` behaves on each connection. Every field has a default.
///
/// The defaults follow the ecosystem's best practice: on every (re)connect send `startup`
/// and then, at once, the full set of currently registered actions; validate every action's
/// data before its handler sees it.
///
/// ```swift
/// var configuration = NeuroComponentConfiguration()
/// configuration.eventBufferSize = 1024
/// let component = NeuroComponent(
///     name: "neuro_api", gameTitle: "Chess", connector: connector, configuration: configuration)
/// ```
public struct NeuroComponentConfiguration: Sendable, Hashable {
    /// Send `startup` as soon as the connection is open. Default `true`.
    ///
    /// The Python reference leaves this to an override of `websocket_connect_successful`;
    /// turn it off to send `startup` yourself from ``NeuroComponent/onConnected(_:)``.
    public var sendsStartupOnConnect: Bool

    /// Register every currently registered action again right after `startup`. Default `true`.
    ///
    /// `startup` makes Neuro forget the game's actions, so a reconnect without this leaves
    /// Neuro with none until she sends `actions/reregister_all`. Actions registered while
    /// disconnected are only kept locally and reach Neuro this way.
    public var reregistersOnConnect: Bool

    /// Check each action's data against its schema before calling the handler, and answer
    /// data that does not fit with a failure `action/result`. Default `true`.
    ///
    /// When `false`, a handler receives the parsed data when it is JSON and `nil` otherwise;
    /// the raw text is always in `NeuroAction/data`.
    public var validatesActionData: Bool

    /// Answer actions one at a time inside the read loop, on the connection's preferred
    /// executor (a websocket's event loop), instead of one child task per action on the
    /// global executor. Default `false`.
    ///
    /// For quick handlers that never block, such as game plugins: one action is answered
    /// (result and completion hook included) before the next frame is read, and no thread
    /// hop separates the socket from the handler. A slow handler then delays every frame
    /// after it, and every other connection on the same event loop.
    public var handlesActionsInline: Bool

    /// How many events each ``NeuroComponent/events()`` subscriber may have waiting before the
    /// oldest are dropped. Default 256. A slow subscriber never slows the read loop.
    public var eventBufferSize: Int

    /// The close reason ``NeuroComponentService`` sends with code 1001 when the process
    /// shuts down gracefully. Default `"Game shutting down"`.
    public var gracefulShutdownCloseReason: String?

    /// Creates a configuration.
    public init(
        sendsStartupOnConnect: Bool = true,
        reregistersOnConnect: Bool = true,
        validatesActionData: Bool = true,
        handlesActionsInline: Bool = false,
        eventBufferSize: Int = 256,
        gracefulShutdownCloseReason: String? = "Game shutting down"
    ) {
        self.sendsStartupOnConnect = sendsStartupOnConnect
        self.reregistersOnConnect = reregistersOnConnect
        self.validatesActionData = validatesActionData
        self.handlesActionsInline = handlesActionsInline
        self.eventBufferSize = max(1, eventBufferSize)
        self.gracefulShutdownCloseReason = gracefulShutdownCloseReason
    }
}
