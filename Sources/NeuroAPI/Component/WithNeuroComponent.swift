import Logging

/// Runs a ``NeuroComponent`` for the duration of `body`: connects, gives `body` the component
/// and its events, and closes the connection when `body` returns or throws (in the style of
/// gRPC Swift's `withGRPCClient`).
///
/// The event stream is subscribed *before* the connection opens, so `body` sees every event
/// from ``NeuroEvent/connected`` on: an action answered the instant a force goes out is never
/// missed. When `body` is called, `startup` has been sent and the component is connected.
///
/// ```swift
/// try await withNeuroComponent(gameTitle: "Jerald Game", url: url, connector: connector) { component, events in
///     let names = try await component.registerTemporaryActionGroup([
///         HandledAction(setName) { _, data in .success("Hello!") }
///     ])
///     try await component.client.forceActions(named: names, query: "Tell me your name.")
///     for await event in events { if case .actionHandled = event { break } }
/// }
/// ```
/// - Parameters:
///   - name: the component's name, for logs (default: the game title).
///   - gameTitle: the `game` field of every command.
///   - url: where to connect; by default `NEURO_SDK_WS_URL` or `ws://localhost:8000`.
///   - connector: opens the connection, e.g. `WebSocketConnector`.
///   - logger: where the component logs.
///   - configuration: how the component behaves.
///   - closeCode: the close code sent when `body` is done (default 1000, normal closure).
///   - closeReason: the close reason sent with it.
///   - body: the game; the connection lasts as long as it runs.
/// - Returns: what `body` returned.
/// - Throws: the connect failure (`NeuroError/Code/handshakeFailed` and the like) before
///   `body` runs; what `body` throws; a drop of the connection while `body` runs is reported
///   to `body` as ``NeuroEvent/disconnected(_:)`` and thrown once `body` returns.
public func withNeuroComponent<Result>(
    name: String? = nil,
    gameTitle: String,
    url: String = NeuroURL.resolve(),
    connector: any NeuroConnector,
    logger: Logger = Logger(label: "neuro.component"),
    configuration: NeuroComponentConfiguration = NeuroComponentConfiguration(),
    closeCode: WebSocketCloseCode = .normalClosure,
    closeReason: String? = nil,
    _ body: (NeuroComponent, AsyncStream<NeuroEvent>) async throws -> Result
) async throws -> Result {
    let component = NeuroComponent(
        name: name ?? gameTitle, gameTitle: gameTitle, connector: connector, logger: logger, configuration: configuration)
    let events = component.events()
    return try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { group in
        group.addTask { try await component.run(url: url) }
        guard await component.waitForWebSocket() else {
            // The run ended before it connected: its error says why.
            try await group.next()
            throw NeuroError(code: .notConnected, message: "the connection to \(url) ended before it was set up")
        }
        let result: Result
        do {
            result = try await body(component, events)
        } catch {
            await component.stop(code: closeCode, reason: closeReason)
            throw error
        }
        await component.stop(code: closeCode, reason: closeReason)
        try await group.waitForAll()
        return result
    }
}
