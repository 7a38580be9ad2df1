import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroSim
import ServiceLifecycleTestKit
import Synchronization
import Testing

@testable import NeuroHost

/// Every game of `games.json` on one NeuroSim that behaves like the real Neuro: it retries a
/// failed forced action three times and then gives up on the force silently. Here every action
/// it sends fails (bad data on purpose), so every force is abandoned; the games must notice
/// and play on: after every abandoned force, some game forces again within 15 s.
@Suite(.timeLimit(.minutes(2))) struct AbandonedForceTests {
    /// What NeuroSim did, with the time it did it.
    struct Timeline: Sendable {
        var forcedActionsSent: [ContinuousClock.Instant] = []
        var abandonedForces: [ContinuousClock.Instant] = []
        var forcedIDs: Set<String> = []
        var failuresInARow: [Int: Int] = [:]
        var violations: [String] = []
    }

    /// Runs every game of `games.json` (the embedded default, pointed at `simulator`) with the
    /// host's defaults until `whilePlaying` returns, then stops the host and the server.
    static func playGamesJSON<Value: Sendable>(
        on simulator: NeuroSimulator,
        logger: Logger,
        whilePlaying: (GameHost<ContinuousClock>) async throws -> Value
    ) async throws -> Value {
        return try await testGracefulShutdown { trigger in
            let server = NeuroSimServer(simulator: simulator, host: "127.0.0.1", port: 0, logger: logger)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                let (ports, portContinuation) = AsyncStream<Int>.makeStream()
                group.addTask { try await server.run(onListening: { portContinuation.yield($0) }) }
                var portIterator = ports.makeAsyncIterator()
                let port = try #require(await portIterator.next())
                let configuration = try HostConfiguration.gamesJSON(url: "ws://127.0.0.1:\(port)")
                // The host's defaults: a force counts as abandoned after 5 s without an action.
                let host = try GameHost(
                    configuration: configuration, catalog: .builtIn, connector: WebSocketConnector(logger: logger),
                    clock: ContinuousClock(),
                    seed: 5,
                    saveDirectory: nil, logger: logger)
                let (finished, finishedContinuation) = AsyncStream<Void>.makeStream()
                group.addTask {
                    await host.run()
                    finishedContinuation.finish()
                }
                let value = try await whilePlaying(host)
                trigger.triggerGracefulShutdown()
                for await _ in finished {}
                server.stop()
                try await group.waitForAll()
                return value
            }
        }
    }

    @Test func afterEveryAbandonedForceSomeGameForcesAgainWithin15Seconds() async throws {
        var logger = Logger(label: "test.abandoned")
        logger.logLevel = .critical
        var simulatorConfiguration = NeuroSimConfiguration()
        simulatorConfiguration.seed = 11
        simulatorConfiguration.forceDelay = .milliseconds(20)
        simulatorConfiguration.forceRetries = 3
        simulatorConfiguration.badDataShare = 1
        let timeline = Mutex(Timeline())
        let (events, eventContinuation) = AsyncStream<NeuroSimEvent>.makeStream()
        let simulator = NeuroSimulator(configuration: simulatorConfiguration, logger: logger) { event in
            let now = ContinuousClock.now
            timeline.withLock { timeline in
                switch event {
                case .actionSent(_, let action, let isForced, _) where isForced:
                    timeline.forcedActionsSent.append(now)
                    timeline.forcedIDs.insert(action.id)
                case .resultReceived(let connection, let result, _) where timeline.forcedIDs.contains(result.id):
                    guard !result.isSuccess else {
                        timeline.failuresInARow[connection] = 0
                        return
                    }
                    timeline.failuresInARow[connection, default: 0] += 1
                    // The forced action and its three retries failed: NeuroSim gives up now.
                    if timeline.failuresInARow[connection] == 4 {
                        timeline.failuresInARow[connection] = 0
                        timeline.abandonedForces.append(now)
                    }
                case .diagnostic(let diagnostic) where diagnostic.isViolation:
                    timeline.violations.append("\(diagnostic)")
                default:
                    break
                }
            }
            eventContinuation.yield(event)
        }
        let withdrawn = try await Self.playGamesJSON(on: simulator, logger: logger) { host in
            // Until two forces were abandoned and some game forced after the second (bounded).
            var seen = 0
            for await _ in events {
                seen += 1
                if seen > 100_000 { break }
                let done = timeline.withLock { timeline in
                    guard timeline.abandonedForces.count >= 2, let last = timeline.abandonedForces.last else { return false }
                    return timeline.forcedActionsSent.contains { $0 > last }
                }
                if done { break }
            }
            // The games' side: each abandoned force was withdrawn by its game, which let the
            // next force go out.
            return host.supervisors.reduce(0) { $0 + $1.game.statistics.forcesAbandoned }
        }
        let result = timeline.withLock { $0 }
        #expect(result.abandonedForces.count >= 2)
        for abandoned in result.abandonedForces.prefix(2) {
            let next = result.forcedActionsSent.first { $0 > abandoned }
            #expect(next.map { $0 - abandoned <= .seconds(15) } == true, "no force within 15 s of an abandoned one")
        }
        #expect(result.violations.isEmpty, "\(result.violations)")
        #expect(withdrawn >= 2)
    }

    /// `neuro-host --simulate` as a person watches it: NeuroSim's defaults (a force answered
    /// after 0.5 s, three retries, schema-valid random data), every game of `games.json` on it.
    /// Every game advances (two accepted actions) within the first 60 actions NeuroSim sends (12 at best; 12–13 in practice):
    /// one force slot shared by six games, and none stuck retrying (NeuroSim gives up after
    /// three retries; the game then forces anew). Counted in actions, not seconds, so a loaded
    /// machine only makes it take longer.
    @Test func everyGameAdvancesWithinTheFirst60ActionsOnTheDefaultSimulator() async throws {
        var logger = Logger(label: "test.watchable")
        logger.logLevel = .critical
        var simulatorConfiguration = NeuroSimConfiguration()
        simulatorConfiguration.seed = 21
        let (events, eventContinuation) = AsyncStream<NeuroSimEvent>.makeStream()
        let simulator = NeuroSimulator(configuration: simulatorConfiguration, logger: logger) { eventContinuation.yield($0) }
        let (actionsSent, statistics) = try await Self.playGamesJSON(on: simulator, logger: logger) { host in
            var seen = 0
            var actionsSent = 0
            for await event in events {
                seen += 1
                if case .actionSent = event { actionsSent += 1 }
                if seen > 100_000 || actionsSent > 60 { break }
                guard case .resultReceived = event else { continue }
                if host.supervisors.allSatisfy({ $0.game.statistics.actionsAccepted >= 2 }) { break }
            }
            return (actionsSent, host.supervisors.map { ($0.game.title, $0.game.statistics) })
        }
        #expect(actionsSent <= 60, "NeuroSim sent \(actionsSent) actions before every game advanced twice")
        for (title, game) in statistics {
            #expect(game.actionsAccepted >= 2, "\(title) did not advance: \(game)")
        }
        let report = simulator.report()
        #expect(report.violationCount == 0, "\(report.violations)")
    }
}
