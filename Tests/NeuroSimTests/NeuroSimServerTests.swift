import Logging
import NeuroAPI
import Testing

@testable import NeuroSim

@Suite(.timeLimit(.minutes(1)))
struct NeuroSimServerTests {
    static var quietLogger: Logger {
        var logger = Logger(label: "neuro.sim.server.test")
        logger.logLevel = .critical
        return logger
    }

    /// Runs a server on 127.0.0.1:0 around `body`, handing it the bound ports as they come.
    static func withServer(
        _ fixture: SimulatorFixture,
        _ body: @escaping @Sendable (NeuroSimServer, AsyncStream<Int>) async throws -> Void
    ) async throws {
        let server = NeuroSimServer(simulator: fixture.simulator, host: "127.0.0.1", port: 0, logger: quietLogger)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run { portContinuation.yield($0) } }
            defer { server.stop() }
            try await body(server, ports)
        }
    }

    static func connect(port: Int) async throws -> WebSocketTransport {
        try await WebSocketConnector(logger: quietLogger).connect(to: "ws://127.0.0.1:\(port)")
    }

    @Test func playsAGameOverAWebSocket() async throws {
        let fixture = SimulatorFixture()
        try await Self.withServer(fixture) { server, ports in
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            #expect(port > 0)
            #expect(server.boundPort == port)
            let transport = try await Self.connect(port: port)
            let game = GameEnd(transport: transport)
            try await game.send("startup")
            guard case .startupAcknowledgement(_?)? = try await game.receive() else {
                Issue.record("no startup acknowledgement")
                return
            }
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
            try await game.send("actions/force", data: SessionHarness.force(["jump"]))
            let action = try await game.receiveAction()
            try await game.send("action/result", data: #"{"id":"\#(action.id)","success":true}"#)
            _ = try await fixture.next { event -> Void? in
                if case .resultReceived = event { return () }
                return nil
            }
            await transport.close(code: .normalClosure, reason: nil)
            _ = try await fixture.next { event -> Void? in
                if case .disconnected = event { return () }
                return nil
            }
        }
        let report = fixture.simulator.report()
        #expect(report.violationCount == 0)
        #expect(report.totals.results == 1)
        #expect(report.games.first?.title == "Game")
    }

    @Test func restartClosesConnectionsAndBindsTheSamePort() async throws {
        let fixture = SimulatorFixture()
        try await Self.withServer(fixture) { server, ports in
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let transport = try await Self.connect(port: port)
            try await GameEnd(transport: transport).send("startup")
            _ = try await transport.receive()
            server.restart()
            #expect(try await transport.receive() == .closed(.goingAway, reason: nil))
            let rebound = try #require(await iterator.next())
            #expect(rebound == port)
            let again = try await Self.connect(port: rebound)
            try await GameEnd(transport: again).send("startup")
            _ = try await again.receive()
            await again.close(code: .normalClosure, reason: nil)
        }
        let game = try #require(fixture.simulator.report().games.first)
        #expect(game.connections == 2)
        #expect(game.reconnects == 1)
    }

    @Test func dropFaultEndsTheConnectionWithoutACloseFrame() async throws {
        let fixture = SimulatorFixture()
        try await Self.withServer(fixture) { _, ports in
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let transport = try await Self.connect(port: port)
            try await GameEnd(transport: transport).send("startup")
            _ = try await transport.receive()
            try fixture.simulator.drop()
            await #expect(throws: NeuroError.self) { _ = try await transport.receive() }
        }
    }

    @Test func strictModeClosesWith1008OverAWebSocket() async throws {
        let fixture = SimulatorFixture { $0.isStrict = true }
        try await Self.withServer(fixture) { _, ports in
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let transport = try await Self.connect(port: port)
            try await transport.send(#"{"command":"context","game":"Game","data":{"message":"hi","silent":true}}"#)
            let message = try await transport.receive()
            guard case .closed(let code, let reason) = message else {
                Issue.record("expected a close frame, got \(message)")
                return
            }
            #expect(code == .policyViolation)
            #expect(reason?.hasPrefix("messageBeforeStartup") == true)
        }
    }
}
