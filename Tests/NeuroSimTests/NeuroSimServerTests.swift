import Dispatch
import Logging
import NIOCore
import NIOPosix
import NeuroAPI
import Synchronization
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
        configuration: WebSocketConfiguration = .init(),
        _ body: @escaping @Sendable (NeuroSimServer, AsyncStream<Int>) async throws -> Void
    ) async throws {
        let server = NeuroSimServer(
            simulator: fixture.simulator, host: "127.0.0.1", port: 0, webSocketConfiguration: configuration,
            logger: quietLogger)
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
            try await game.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
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

    /// A game that hands the force slot on after its result was written can rely on NeuroSim
    /// reading that result before the next game's force, even when both arrive while NeuroSim
    /// is busy: every connection is read by one event loop, in arrival order.
    @Test func framesFromDifferentGamesAreHandledInArrivalOrderAfterAStall() async throws {
        let fixture = SimulatorFixture {
            $0.isStrict = true
            $0.isCheckingAcrossGames = true
        }
        let loops = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        try await Self.withServer(fixture, configuration: WebSocketConfiguration(eventLoopGroup: loops)) { _, ports in
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let other = GameEnd(transport: try await Self.connect(port: port), game: "Other")
            try await other.send("startup")
            _ = try await other.receive()
            try await other.send("actions/register", data: #"{"actions":[{"name":"wave","description":"Wave."}]}"#)
            let game = GameEnd(transport: try await Self.connect(port: port))
            try await game.send("startup")
            _ = try await game.receive()
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
            try await game.send("actions/force", data: SessionHarness.force(["wait"]))
            let action = try await game.receiveAction()

            // Stall every loop of the server's group, then answer and hand the slot on.
            let stall = LoopStall(loops)
            await stall.begin()
            defer { stall.end() }  // also when a send throws
            try await game.transport.sendWaitingUntilWritten(
                SessionHarness.frame("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#))
            try await other.transport.sendWaitingUntilWritten(
                SessionHarness.frame("actions/force", data: SessionHarness.force(["wave"]), game: "Other"))
            stall.end()

            // In strict mode a violation would close the connection instead.
            let next = try? await other.receiveAction()
            #expect(next?.name == "wave")
            await game.transport.close(code: .normalClosure, reason: nil)
            await other.transport.close(code: .normalClosure, reason: nil)
        }
        try await loops.shutdownGracefully()
        #expect(fixture.simulator.violations == [])
        #expect(fixture.simulator.report().totals.results == 1)
    }
}

/// Blocks every event loop of a group until ``end()``: a machine too busy to read its sockets.
private final class LoopStall: Sendable {
    private let loops: [any EventLoop]
    private let gate = DispatchSemaphore(value: 0)
    private let hasEnded = Mutex(false)

    init(_ group: MultiThreadedEventLoopGroup) {
        loops = Array(group.makeIterator())
    }

    /// Returns once every loop is blocked. Each stays blocked for at most 10 s.
    func begin() async {
        for loop in loops {
            await withCheckedContinuation { (blocked: CheckedContinuation<Void, Never>) in
                loop.execute { [gate] in
                    blocked.resume()
                    _ = gate.wait(timeout: .now() + 10)
                }
            }
        }
    }

    /// Lets every loop go on; later calls do nothing.
    func end() {
        let isFirst = hasEnded.withLock { hasEnded in
            defer { hasEnded = true }
            return !hasEnded
        }
        guard isFirst else { return }
        for _ in loops { gate.signal() }
    }
}
