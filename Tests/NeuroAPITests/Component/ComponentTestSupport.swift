import Logging
import Synchronization
import Testing

@testable import NeuroAPI

/// How a test connects the component to its fake Neuro.
enum TestTransport: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// An ``InMemoryTransport`` pair.
    case inMemory
    /// A real websocket on 127.0.0.1: a ``WebSocketListener`` on port 0 per connection, reached
    /// through ``WebSocketConnector``.
    case webSocket

    var testDescription: String { rawValue }
}

/// A connector that hands out connections, in memory or over a loopback websocket: the game
/// end goes to the component, the Neuro end to the test through ``nextPeer()``.
final class InMemoryConnector: NeuroConnector {
    private let peers: AsyncStream<FakeNeuro>
    private let peerContinuation: AsyncStream<FakeNeuro>.Continuation
    private let failure = Mutex<NeuroError?>(nil)
    private let urls = Mutex<[String]>([])
    private let hold = Mutex<Gate?>(nil)
    /// Opens when a connect begins.
    let connectStarted = Gate()

    /// In memory, or over a real websocket.
    let mode: TestTransport

    init(mode: TestTransport = .inMemory) {
        self.mode = mode
        (peers, peerContinuation) = AsyncStream.makeStream()
    }

    /// Makes every later connect fail with `error` (or succeed again with `nil`).
    func failConnects(with error: NeuroError?) {
        failure.withLock { $0 = error }
    }

    /// Makes later connects wait for `gate` before opening (or not, with `nil`).
    func holdConnects(until gate: Gate?) {
        hold.withLock { $0 = gate }
    }

    /// The URLs connected to, in order.
    var connectedURLs: [String] { urls.withLock { $0 } }

    func withConnection<Result: Sendable>(
        to url: String,
        _ body: (any NeuroTransport) async throws -> Result
    ) async throws -> Result {
        urls.withLock { $0.append(url) }
        connectStarted.open()
        if let gate = hold.withLock({ $0 }) { await gate.wait() }
        if let failure = failure.withLock({ $0 }) { throw failure }
        if mode == .webSocket { return try await withLoopbackWebSocket(body) }
        let (game, neuro) = InMemoryTransport.makePair()
        peerContinuation.yield(FakeNeuro(transport: neuro, drop: { neuro.drop() }))
        do {
            let result = try await body(game)
            await game.close(code: .normalClosure, reason: nil)
            return result
        } catch {
            await game.close(code: .normalClosure, reason: nil)
            throw error
        }
    }

    /// Serves one connection through a real websocket: a listener on 127.0.0.1 port 0 whose
    /// connection handler lends the server end to the test until the game's side is done.
    private func withLoopbackWebSocket<Result: Sendable>(
        _ body: (any NeuroTransport) async throws -> Result
    ) async throws -> Result {
        var logger = Logger(label: "test.component.loopback")
        logger.logLevel = .critical
        let listener = WebSocketListener(host: "127.0.0.1", port: 0, logger: logger)
        let finished = Gate()
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [peerContinuation] in
                try await listener.run(onListening: { portContinuation.yield($0) }) { transport, _ in
                    peerContinuation.yield(FakeNeuro(transport: transport, drop: { transport.abort() }))
                    await finished.wait()
                }
            }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            defer {
                finished.open()
                listener.stop(closeCode: nil)
            }
            return try await WebSocketConnector(logger: logger).withConnection(to: "ws://127.0.0.1:\(port)", body)
        }
    }

    /// The Neuro end of the next connection.
    func nextPeer() async throws -> FakeNeuro {
        var iterator = peers.makeAsyncIterator()
        return try #require(await iterator.next())
    }
}

/// The Neuro side of a connection, as a test drives it.
struct FakeNeuro: Sendable {
    let transport: any NeuroTransport
    /// Ends the connection without a close frame.
    let drop: @Sendable () -> Void

    /// Sends a command as Neuro.
    func send(_ command: NeuroCommand) async throws {
        try await transport.send(command.encoded())
    }

    /// Sends a raw text frame.
    func send(raw text: String) async throws {
        try await transport.send(text)
    }

    /// Sends an `action`.
    func sendAction(id: String, name: String, data: String? = nil) async throws {
        try await send(.action(NeuroAction(id: id, name: name, data: data)))
    }

    /// The next message from the game.
    func nextMessage() async throws -> TransportMessage {
        try await transport.receive()
    }

    /// The next text frame from the game.
    func nextFrame(sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let message = try await transport.receive()
        guard case .text(let text) = message else {
            Issue.record("expected a text frame, got \(message)", sourceLocation: sourceLocation)
            throw NeuroError(code: .connectionClosed, message: "no text frame")
        }
        return text
    }

    /// The next frames from the game, `count` of them.
    func nextFrames(_ count: Int) async throws -> [String] {
        var frames: [String] = []
        for _ in 0..<count { frames.append(try await nextFrame()) }
        return frames
    }

    /// The next frame, decoded as a game command.
    func nextCommand() async throws -> GameCommand {
        try GameCommand.decode(try await nextFrame()).command
    }

    /// The `action/result` in the next frame.
    func nextResult(sourceLocation: SourceLocation = #_sourceLocation) async throws -> ActionResult {
        let command = try await nextCommand()
        guard case .actionResult(let result) = command else {
            Issue.record("expected action/result, got \(command)", sourceLocation: sourceLocation)
            throw NeuroError(code: .invalidMessage, message: "not a result")
        }
        return result
    }

    /// Closes the connection cleanly, as Neuro.
    func close(code: WebSocketCloseCode = .normalClosure, reason: String? = nil) async {
        await transport.close(code: code, reason: reason)
    }

}

/// Exact frames, as the game sends them for the title "Test Game".
enum Frames {
    static let startup = #"{"command":"startup","game":"Test Game"}"#
    static let shutdownReady = #"{"command":"shutdown/ready","game":"Test Game"}"#

    static func register(_ actions: [Action]) -> String {
        GameCommand.registerActions(actions).encoded(game: "Test Game")
    }

    static func unregister(_ names: [String]) -> String {
        GameCommand.unregisterActions(names).encoded(game: "Test Game")
    }

    static func result(id: String, isSuccess: Bool, message: String?) -> String {
        GameCommand.actionResult(ActionResult(id: id, isSuccess: isSuccess, message: message)).encoded(game: "Test Game")
    }

    static func context(_ message: String, isSilent: Bool = true) -> String {
        GameCommand.context(message: message, isSilent: isSilent).encoded(game: "Test Game")
    }
}

/// A latch that tasks wait on until it is opened; no sleeping.
final class Gate: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Waits until the gate is open.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    /// Opens the gate for every waiter, present and future.
    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Counts calls from any task.
final class Counter: Sendable {
    private let value = Mutex(0)

    /// Adds one and returns the new count.
    @discardableResult
    func increment() -> Int {
        value.withLock {
            $0 += 1; return $0
        }
    }

    /// The count.
    var count: Int { value.withLock { $0 } }
}

/// The next event that `matches`, reading at most `limit` events.
func nextEvent(
    _ iterator: inout AsyncStream<NeuroEvent>.Iterator,
    limit: Int = 100,
    where matches: (NeuroEvent) -> Bool
) async -> NeuroEvent? {
    for _ in 0..<limit {
        guard let event = await iterator.next() else { return nil }
        if matches(event) { return event }
    }
    return nil
}

/// A component over an in-memory connector, titled "Test Game"; `clock` is its client's (a
/// manual one for tests that check how long ago an action was unregistered).
func makeComponent(
    configuration: NeuroComponentConfiguration = NeuroComponentConfiguration(),
    over transport: TestTransport = .inMemory,
    clock: some Clock<Duration> = ContinuousClock()
) -> (NeuroComponent, InMemoryConnector) {
    let connector = InMemoryConnector(mode: transport)
    var logger = Logger(label: "test.component")
    logger.logLevel = .critical
    let component = NeuroComponent(
        name: "neuro_api",
        gameTitle: "Test Game",
        connector: connector,
        logger: logger,
        configuration: configuration,
        clock: clock
    )
    return (component, connector)
}

/// Runs `component` in a child task, hands the connected Neuro end to `body` (after reading
/// the `startup` frame when one is sent), then stops the component and checks that `run`
/// ended without an error.
func withRunningComponent(
    _ component: NeuroComponent,
    _ connector: InMemoryConnector,
    readsStartup: Bool = true,
    _ body: (FakeNeuro) async throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await component.run(url: "ws://neuro.test:8000") }
        let neuro = try await connector.nextPeer()
        if readsStartup { #expect(try await neuro.nextFrame() == Frames.startup) }
        try await body(neuro)
        await component.stop()
        try await group.waitForAll()
    }
}

/// An action handler that answers success with `message`.
func succeeding(_ message: String? = nil) -> ActionHandler {
    { _, _ in .success(message) }
}
