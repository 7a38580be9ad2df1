import Logging
import Synchronization
import Testing

@testable import NeuroAPI

/// The three usage examples of the seed's `trio_ws` module, written in Swift and run against
/// an in-memory Neuro (``InMemoryConnector``; ``WebSocketConnector`` takes its place in a game).
@Suite("Seed examples", .timeLimit(.minutes(1)))
struct SeedExamplesTests {
    /// Collects every frame the game sends until it closes, as Neuro, answering nothing.
    static func recordUntilClosed(_ neuro: FakeNeuro) async throws -> (frames: [String], close: TransportMessage) {
        var frames: [String] = []
        for _ in 0..<100 {
            let message = try await neuro.nextMessage()
            guard case .text(let text) = message else { return (frames, message) }
            frames.append(text)
        }
        Issue.record("the game sent more than 100 frames")
        return (frames, .closed(nil, reason: nil))
    }

    // MARK: Basic Usage with Component Manager

    /// The seed adds a `TrioNeuroAPIComponent` to an `ExternalRaiseManager` inside a nursery,
    /// raises `Event("connect", url)` (which starts `handle_connect` in the background),
    /// waits for the websocket, runs the game, and stops. In Swift the nursery is a task
    /// group, the manager and the event are one `group.addTask { component.run(url:) }`.
    @Test func basicUsageWithComponentManager() async throws {
        let connector = InMemoryConnector()

        // --- the example ---
        func main() async throws {
            try await withThrowingDiscardingTaskGroup { group in
                let component = NeuroComponent(name: "neuro_api", gameTitle: "My Game", connector: connector)
                // Connect to websocket
                group.addTask { try await component.run(url: "ws://localhost:8000") }
                // Wait for connection and setup
                if await component.waitForWebSocket() {
                    // Game logic here
                    try await component.client.sendContext("The game is running.")
                    await component.stop()
                }
            }
        }
        // --- end of the example ---

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await main() }
            let neuro = try await connector.nextPeer()
            let (frames, close) = try await Self.recordUntilClosed(neuro)
            #expect(
                frames == [
                    #"{"command":"startup","game":"My Game"}"#,
                    #"{"command":"context","game":"My Game","data":{"message":"The game is running.","silent":true}}"#,
                ]
            )
            #expect(close == .closed(.normalClosure, reason: nil))
            try await group.waitForAll()
        }
    }

    // MARK: Custom Connection Handling

    /// The seed subclasses `TrioNeuroAPIComponent` and overrides `websocket_connect_failed`
    /// and `websocket_connect_successful`, setting a `trio.Event` in both. In Swift the game
    /// *holds* a component and sets its hooks; `waitForWebSocket()` is the event.
    struct CustomGameComponent {
        let component: NeuroComponent

        init(name: String, title: String, connector: any NeuroConnector, logger: Logger) {
            // The hook sends `startup` itself, as the seed's override does.
            component = NeuroComponent(
                name: name,
                gameTitle: title,
                connector: connector,
                logger: logger,
                configuration: NeuroComponentConfiguration(sendsStartupOnConnect: false)
            )
            component.onConnectFailed { component, error in
                component.logger.warning("Connection failed - retrying...", metadata: ["error": "\(error)"])
            }
            component.onConnected { component in
                component.logger.info("Successfully connected to Neuro!")
                try await component.client.sendStartup()
                try await component.client.sendContext("Game is ready!")
            }
        }

        func waitForConnection() async -> Bool {
            await component.waitForWebSocket()
        }
    }

    @Test func customConnectionHandlingWhenConnected() async throws {
        let connector = InMemoryConnector()
        var logger = Logger(label: "test.seed")
        logger.logLevel = .critical
        let game = CustomGameComponent(name: "custom", title: "My Game", connector: connector, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await game.component.run(url: "ws://localhost:8000") }
            let neuro = try await connector.nextPeer()
            #expect(await game.waitForConnection())
            await game.component.stop(code: .goingAway, reason: "Game ended")
            let (frames, close) = try await Self.recordUntilClosed(neuro)
            #expect(
                frames == [
                    #"{"command":"startup","game":"My Game"}"#,
                    #"{"command":"context","game":"My Game","data":{"message":"Game is ready!","silent":true}}"#,
                ]
            )
            #expect(close == .closed(.goingAway, reason: "Game ended"))
            try await group.waitForAll()
        }
    }

    @Test func customConnectionHandlingWhenTheConnectFails() async throws {
        let connector = InMemoryConnector()
        connector.failConnects(with: NeuroError(code: .handshakeFailed, message: "connection refused"))
        var logger = Logger(label: "test.seed")
        logger.logLevel = .critical
        let game = CustomGameComponent(name: "custom", title: "My Game", connector: connector, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await #expect(throws: NeuroError.self) { try await game.component.run(url: "ws://localhost:8000") }
            }
            #expect(await !game.waitForConnection())
            try await group.waitForAll()
        }
        #expect(!game.component.isConnected)
    }

    // MARK: Direct API Usage

    /// The seed opens a websocket itself, wraps it in a `TrioNeuroAPI`, sends `startup` and
    /// context, and reads until `ConnectionClosed`. In Swift: a connector's
    /// `withConnection`, a ``NeuroClient``, and `read()` until Neuro closes the connection.
    @Test func directAPIUsage() async throws {
        let connector = InMemoryConnector()

        // --- the example ---
        func directUsage() async throws {
            try await connector.withConnection(to: "ws://localhost:8000") { websocket in
                let api = NeuroClient(gameTitle: "My Game", transport: websocket)
                try await api.sendStartup()
                try await api.sendContext("Hello from my game!")
                // Read messages manually, until Neuro closes the connection.
                while true {
                    let read = try await api.read()
                    if read.isClosed { break }
                    guard case .command(.action(let action)) = read else { continue }
                    let message = "Action \"\(action.name)\" is not implemented yet."
                    try await api.sendResult(.success(id: action.id, message: message))
                }
            }
        }
        // --- end of the example ---

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await directUsage() }
            let neuro = try await connector.nextPeer()
            #expect(
                try await neuro.nextFrames(2) == [
                    #"{"command":"startup","game":"My Game"}"#,
                    #"{"command":"context","game":"My Game","data":{"message":"Hello from my game!","silent":true}}"#,
                ]
            )
            try await neuro.sendAction(id: "d1", name: "set_name", data: #""jerald""#)
            #expect(try await neuro.nextResult() == .success(id: "d1", message: #"Action "set_name" is not implemented yet."#))
            await neuro.close()
            try await group.waitForAll()
        }
    }
}
