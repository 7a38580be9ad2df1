import Logging
import NeuroAPI
import NeuroSim
import Testing

/// The README's quick-start example, compiled and played against NeuroSim over a real websocket.
@Suite(.timeLimit(.minutes(1))) struct ReadmeExampleTests {
    // README example: begin
    static func playJerald(url: String) async throws {
        let setName = Action(
            name: "set_name", description: "Set your name.",
            schema: ["type": "object", "properties": ["name": ["type": "string", "minLength": 1]], "required": ["name"]])
        let connector = WebSocketConnector(logger: Logger(label: "jerald"))
        try await withNeuroComponent(gameTitle: "Jerald Game", url: url, connector: connector) { component, events in
            let names = try await component.registerTemporaryActionGroup([
                HandledAction(setName) { _, data in .success("Hello, \(data?["name"]?.stringValue ?? "you")!") }
            ])
            try await component.client.forceActions(named: names, query: "Tell me your name.")
            for await event in events {
                if case .actionHandled = event { break }
            }
        }
    }
    // README example: end

    @Test func theQuickStartPlaysAgainstNeuroSim() async throws {
        var configuration = NeuroSimConfiguration()
        // Neuro answers the force at once: the events were subscribed before the connection
        // opened, so the answer cannot be missed.
        configuration.forceDelay = .zero
        configuration.isStrict = true
        let simulator = NeuroSimulator(configuration: configuration, logger: Logger(label: "test.sim"))
        let server = NeuroSimServer(simulator: simulator, port: 0, logger: Logger(label: "test.sim"))
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run(onListening: { portContinuation.yield($0) }) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await Self.playJerald(url: "ws://127.0.0.1:\(port)")
            server.stop()
            try await group.waitForAll()
        }
        let report = simulator.report()
        #expect(report.violations.isEmpty)
        #expect(report.games.first?.statistics.results == 1)
    }
}
