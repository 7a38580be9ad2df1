import Logging
import Synchronization

/// A game's whole connection to Neuro: connects, says `startup`, registers actions with
/// handlers, answers every action, and reports what happens as ``NeuroEvent``s. The Swift
/// counterpart of the Python library's `TrioNeuroAPIComponent`.
///
/// The component holds a ``NeuroClient`` for every send (``client``) and adds what the
/// Python component adds on top: action handlers whose results are sent for them, temporary
/// actions, the connection's lifetime in one call (``run(url:)``), and behaviours for Neuro's
/// requests. There is no event manager: handlers are closures, behaviours are `on…` hooks,
/// observations are an `AsyncSequence` (``events()``), and several components run together
/// as ``NeuroComponentService``s in one `ServiceGroup`.
///
/// ```swift
/// let component = NeuroComponent(name: "neuro_api", gameTitle: "Jerald Game", connector: WebSocketConnector())
/// try await withThrowingDiscardingTaskGroup { group in
///     group.addTask { try await component.run(url: NeuroURL.resolve()) }
///     guard await component.waitForWebSocket() else { return }
///     let names = try await component.registerTemporaryActionGroup([
///         HandledAction(Action(name: "set_name", description: "Sets your name.")) { action, data in .success("Hi!") }
///     ])
///     try await component.client.forceActions(named: names, query: "Pick a name.")
/// }
/// ```
///
/// Every method may be called from any task, also from inside an action handler.
public final class NeuroComponent: Sendable {
    /// Where a connection attempt stands.
    enum Phase {
        /// No connection attempt has started yet.
        case idle
        /// ``run(url:)`` is opening the connection.
        case connecting
        /// The connection is open; `startup`, the actions and the connected hook are being sent or run.
        case open(any NeuroTransport)
        /// The connection is open and set up; the read loop runs.
        case ready(any NeuroTransport)
        /// The last attempt failed or its connection ended.
        case ended
    }

    /// A close that ``stop(code:reason:)`` asked for.
    struct StopRequest {
        var code: WebSocketCloseCode
        var reason: String?
    }

    /// The replaceable behaviours; `nil` means the default.
    struct Hooks {
        var connected: (@Sendable (NeuroComponent) async throws -> Void)?
        var connectFailed: (@Sendable (NeuroComponent, NeuroError) async -> Void)?
        var gracefulShutdownRequest: (@Sendable (NeuroComponent, Bool) async throws -> Void)?
        var immediateShutdownRequest: (@Sendable (NeuroComponent) async throws -> Void)?
        var actionCompleted: ActionCompletionHook?
        var startupAcknowledged: (@Sendable (NeuroComponent, NeuroSessionInfo?) async throws -> Void)?
    }

    struct State {
        var phase = Phase.idle
        var stopRequest: StopRequest?
        var hooks = Hooks()
        var nextWaiterID = 0
        /// Tasks in ``NeuroComponent/waitForWebSocket()``: `true` once ready, `false` once ended.
        var connectionWaiters = Waiters<Int, Bool>()
        /// Tasks waiting for the run to end.
        var endWaiters = Waiters<Int, Void>()
    }

    /// The component's name (the Python `Component.name`), also in log metadata as `neuro.component`.
    public let name: String
    /// The client that sends every command and holds the registered actions. Use it for
    /// `startup`, `context`, forces, results and `shutdown/ready`; register actions with
    /// handlers through the component instead.
    public let client: NeuroClient
    /// How the component behaves.
    public let configuration: NeuroComponentConfiguration
    /// Opens the connections for ``run(url:)``; `nil` for a component that only serves
    /// connections its owner opens and hands to ``run(on:)`` (a supervised game session).
    public let connector: (any NeuroConnector)?
    /// The component's logger (metadata `neuro.component` and `neuro.game`).
    public let logger: Logger

    let state = Mutex(State())
    let broadcaster: NeuroEventBroadcaster

    /// Is set to the component whose ``run(url:)`` the current task is part of (handlers and
    /// hooks included), so that ``stop(code:reason:)`` called from there does not wait for
    /// the end of the very run it is part of.
    @TaskLocal static var enclosingRun: ObjectIdentifier?

    /// Creates a component; nothing is sent until ``run(url:)``.
    /// - Parameters:
    ///   - name: the component's name, for logs.
    ///   - gameTitle: the `game` field of every command.
    ///   - connector: opens the connection, e.g. `WebSocketConnector`; `nil` for a component
    ///     that only serves connections given to ``run(on:)`` (then ``run(url:)`` throws
    ///     `NeuroError/Code/componentHasNoConnector`).
    ///   - logger: where the component and its client log.
    ///   - configuration: how the component behaves on each connection.
    ///   - clock: the clock that tells an action unregistered a moment ago from an unknown one
    ///     (``client``'s); tests pass a manual one.
    public init(
        name: String,
        gameTitle: String,
        connector: (any NeuroConnector)?,
        logger: Logger = Logger(label: "neuro.component"),
        configuration: NeuroComponentConfiguration = NeuroComponentConfiguration(),
        clock: some Clock<Duration> = ContinuousClock()
    ) {
        var logger = logger
        logger[metadataKey: "neuro.component"] = "\(name)"
        self.name = name
        self.connector = connector
        self.configuration = configuration
        self.client = NeuroClient(
            gameTitle: gameTitle,
            logger: logger,
            core: NeuroConnectionCore(validatesActionData: configuration.validatesActionData),
            clock: clock
        )
        self.logger = client.logger
        self.broadcaster = NeuroEventBroadcaster(bufferSize: configuration.eventBufferSize)
    }

    /// The game title sent as `game` with every command.
    public var gameTitle: String { client.gameTitle }

    /// Whether a websocket is attached: from the moment it opens until ``run(url:)`` has
    /// finished tearing it down (the Python `not not_connected`).
    public var isConnected: Bool { client.isConnected }

    // MARK: Events

    /// A new subscription to the component's events, from now on.
    ///
    /// Each call is a separate subscriber with its own buffer of
    /// ``NeuroComponentConfiguration/eventBufferSize`` events; when it falls behind, its oldest
    /// events are dropped, and the read loop never waits for it. The stream spans every
    /// connection of the component and finishes when the component is deinitialised, so
    /// stop iterating when you have what you need.
    public func events() -> AsyncStream<NeuroEvent> {
        broadcaster.subscribe()
    }

    /// Waits for the next final `speech_finished`: Neuro has finished speaking (also when her
    /// speech was cancelled; the message says so).
    ///
    /// Waits from the moment of the call: a message that came before is not seen.
    /// - Returns: the final message, or `nil` when the connection ended or the task was
    ///   cancelled first.
    public func waitForSpeechToFinish() async -> SpeechFinished? {
        for await event in events() {
            switch event {
            case .speechFinished(let speech) where speech.isFinal: return speech
            case .disconnected: return nil
            default: continue
            }
        }
        return nil
    }

    // MARK: Hooks

    /// Replaces what runs once the connection is open, after `startup` and the actions were
    /// sent (as configured) and before ``NeuroEvent/connected`` and ``waitForWebSocket()``
    /// report it (the Python `websocket_connect_successful`). Default: nothing.
    ///
    /// The read loop starts after the hook returns, so keep it short. An error it throws is
    /// logged and the connection goes on.
    public func onConnected(_ hook: @escaping @Sendable (NeuroComponent) async throws -> Void) {
        state.withLock { $0.hooks.connected = hook }
    }

    /// Replaces what runs when the connection cannot be opened, before
    /// ``NeuroEvent/connectFailed(_:)`` (the Python `websocket_connect_failed`). Default: log
    /// the error.
    public func onConnectFailed(_ hook: @escaping @Sendable (NeuroComponent, NeuroError) async -> Void) {
        state.withLock { $0.hooks.connectFailed = hook }
    }

    /// Replaces the answer to Neuro's `shutdown/graceful` request (the Python
    /// `handle_graceful_shutdown_request`). Default: send `shutdown/ready` when `wantsShutdown`
    /// is true. A replacement should save, return to the menu, then call
    /// ``NeuroClient/sendShutdownReady()``.
    ///
    /// The hook runs beside the read loop, so a cancelling request (`wantsShutdown: false`)
    /// is seen while it runs. An error it throws is logged.
    public func onGracefulShutdownRequest(
        _ hook: @escaping @Sendable (_ component: NeuroComponent, _ wantsShutdown: Bool) async throws -> Void
    ) {
        state.withLock { $0.hooks.gracefulShutdownRequest = hook }
    }

    /// Replaces the answer to Neuro's `shutdown/immediate` request (the Python
    /// `handle_immediate_shutdown`). Default: send `shutdown/ready`. An error it throws is logged.
    public func onImmediateShutdownRequest(_ hook: @escaping @Sendable (NeuroComponent) async throws -> Void) {
        state.withLock { $0.hooks.immediateShutdownRequest = hook }
    }

    /// Adds steps right after the result of every action, in the same change as the result
    /// (``NeuroClient/update(_:)->Value``): nothing the game sends can come between the result and
    /// these steps. Runs for actions a handler answered and for those the connection core
    /// answered without one (unknown name, bad data, duplicate id). Default: none.
    ///
    /// The hook runs under the client's lock with the connection's state after the result
    /// (a success of a forced action has answered the force), so it must be quick and must
    /// not call the client or the component. Game plugin sessions use it to send the next
    /// force, and to hand the shared force slot on once the result is written. Package
    /// access: a hook that broke that rule would deadlock, so only this package's sessions,
    /// which keep it, install one.
    package func onActionCompleted(_ hook: @escaping ActionCompletionHook) {
        state.withLock { $0.hooks.actionCompleted = hook }
    }

    /// Runs when Neuro acknowledges `startup`, inside the read loop (so before the next
    /// command is handled), after ``NeuroEvent/startupAcknowledged(_:)``. Default: nothing.
    /// A different session than before means Neuro restarted and forgot the game's context.
    /// An error it throws is logged.
    public func onStartupAcknowledged(_ hook: @escaping @Sendable (NeuroComponent, NeuroSessionInfo?) async throws -> Void) {
        state.withLock { $0.hooks.startupAcknowledged = hook }
    }

    // MARK: Actions

    /// Registers actions, each answered by its handler (the Python `register_neuro_actions`).
    ///
    /// The actions are checked first (names, schemas, no name twice), so a bad batch leaves no
    /// handler behind. Then the handlers are installed and one `actions/register` is sent.
    /// Registering a name again replaces its handler. While disconnected, the actions are
    /// only recorded and go out with the next connect; with
    /// ``NeuroComponentConfiguration/reregistersOnConnect`` off, that is an error
    /// (`NeuroError/Code/notConnected`), though the actions stay recorded for
    /// `actions/reregister_all`.
    ///
    /// ```swift
    /// try await component.registerActions([
    ///     HandledAction(Action(name: "jump", description: "Jump.")) { action, data in .success("Jumped.") }
    /// ])
    /// ```
    /// - Throws: `NeuroError` (`NeuroError/Code/emptyActionList`,
    ///   `NeuroError/Code/invalidActionName`, `NeuroError/Code/invalidSchema`), or a
    ///   transport error.
    public func registerActions(_ actions: [HandledAction]) async throws {
        try await register(actions, as: .permanent)
    }

    /// Registers `(action, handler)` pairs, the shape of the Python reference; see
    /// `registerActions(_:)`.
    public func registerActions(_ handlers: [(Action, ActionHandler)]) async throws {
        try await register(handlers.map { HandledAction($0.0, handler: $0.1) }, as: .permanent)
    }

    /// Registers actions that each unregister themselves after their first success (the
    /// Python `register_temporary_actions`).
    ///
    /// On success, `actions/unregister` for that one action is sent *before* its
    /// `action/result`, so Neuro never retries a force with a name that is already gone.
    /// A failure keeps the action registered.
    /// - Throws: as `registerActions(_:)`.
    public func registerTemporaryActions(_ actions: [HandledAction]) async throws {
        try await register(actions, as: .temporary)
    }

    /// Registers temporary `(action, handler)` pairs; see `registerTemporaryActions(_:)`.
    public func registerTemporaryActions(_ handlers: [(Action, ActionHandler)]) async throws {
        try await register(handlers.map { HandledAction($0.0, handler: $0.1) }, as: .temporary)
    }

    /// Registers a group of actions that all unregister after any one of them succeeds (the
    /// Python `register_temporary_actions_group`), e.g. the legal moves of one turn.
    ///
    /// On success, one `actions/unregister` with every name of the group still registered is
    /// sent *before* the `action/result`. A failure keeps the group registered.
    ///
    /// ```swift
    /// let names = try await component.registerTemporaryActionGroup(moves.map { move in
    ///     HandledAction(move.action) { _, _ in board.play(move); return .success("Played.") }
    /// })
    /// try await component.client.forceActions(named: names, query: "Your turn.")
    /// ```
    /// - Returns: the names, in order, ready for ``NeuroClient/forceActions(named:query:state:isEphemeralContext:priority:)``.
    /// - Throws: as `registerActions(_:)`.
    @discardableResult
    public func registerTemporaryActionGroup(_ actions: [HandledAction]) async throws -> [String] {
        try await register(actions, as: .group)
        return actions.map(\.action.name)
    }

    /// Registers a temporary group of `(action, handler)` pairs; see
    /// `registerTemporaryActionGroup(_:)`.
    @discardableResult
    public func registerTemporaryActionGroup(_ handlers: [(Action, ActionHandler)]) async throws -> [String] {
        try await registerTemporaryActionGroup(handlers.map { HandledAction($0.0, handler: $0.1) })
    }

    /// Removes the handlers of the named actions and sends `actions/unregister` (unknown
    /// names are fine). While disconnected, only the local records are removed.
    /// - Throws: `NeuroError` with `NeuroError/Code/emptyActionList`, or a transport error.
    public func unregisterActions(named names: [String]) async throws {
        do {
            try await client.unregisterActions(named: names)
        } catch let error as NeuroError where error.code == .notConnected {
            logger.debug("unregistered actions while disconnected", metadata: ["neuro.actions": "\(names)"])
        }
    }

    /// The names of the actions that have a handler, in registration order.
    public var handledActionNames: [String] {
        client.core.registrations.values.compactMap { $0.handler == nil ? nil : $0.action.name }
    }

    private func register(_ handled: [HandledAction], as kind: NeuroConnectionCore.RegistrationKind) async throws {
        do {
            let warnings = try await client.update { core in
                let (command, warnings) = try core.register(handled.map { ($0.action, $0.handler) }, as: kind)
                return (warnings, [OutgoingStep.send(command)])
            }
            client.logDiscouragedKeywords(warnings)
        } catch let error as NeuroError where error.code == .notConnected && configuration.reregistersOnConnect {
            logger.debug(
                "registered actions while disconnected; they are sent on the next connect",
                metadata: ["neuro.actions": "\(handled.map(\.action.name))"]
            )
        }
    }
}
