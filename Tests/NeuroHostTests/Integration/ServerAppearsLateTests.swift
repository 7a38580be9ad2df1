import Foundation
import Logging
import NeuroAPI
import NeuroHost
import NeuroSim
import NeuroTestSupport
import Testing

/// Neuro is not running when the host starts: every game backs off, then connects once it is.
@Suite(.timeLimit(.minutes(2)))
struct ServerAppearsLateTests {
    @Test func everyGameBacksOffThenConnectsWhenTheServerAppears() async throws {
        let port = try await Self.freePort()
        let url = "ws://127.0.0.1:\(port)"
        // Waits of 200 ms: long against a refused connect, so every game is seen backing off.
        let host = try SampleGames.host(
            url: url,
            restartPolicy: RestartPolicy(
                initialDelay: .milliseconds(200), maximumDelay: .milliseconds(200), multiplier: 1, jitter: 0))
        try await SampleGames.withGames(of: host) { trigger in
            try await eventually("every game backs off after a refused connection") {
                host.statuses.allSatisfy { status in
                    status.state == .backingOff && status.lastError?.contains("refused") == true && status.sessions == 0
                }
            }
            let neuro = SimulatedNeuro(port: port)
            try await neuro.withServer { serverURL in
                #expect(serverURL == url)
                try await eventually("every game has connected and started up") {
                    host.statuses.allSatisfy { $0.isConnected && $0.sessions == 1 }
                        && neuro.simulator.connections.filter(\.hasStartedUp).count == host.supervisors.count
                }
                let titles = neuro.simulator.connections.compactMap(\.game)
                #expect(Set(titles) == Set(host.supervisors.map(\.game.title)))
                // Stop the games while Neuro is still there, so they close cleanly.
                trigger.triggerGracefulShutdown()
                try await eventually("every game has stopped") { host.statuses.allSatisfy { $0.state == .stopped } }
            }
            #expect(neuro.simulator.violations.isEmpty, "\(neuro.simulator.violations)")
        }
    }

    /// A port that was free a moment ago: bound on 0 by a listener that is then stopped.
    static func freePort() async throws -> Int {
        let listener = WebSocketListener(host: "127.0.0.1", port: 0, logger: Logger(label: "test.port"))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, portContinuation) = AsyncStream<Int>.makeStream()
            group.addTask {
                defer { portContinuation.finish() }
                try await listener.run(onListening: { portContinuation.yield($0) }, handler: { _, _ in })
            }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next()
            listener.stop()
            try await group.waitForAll()
            return try #require(port)
        }
    }
}
