import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroSim
import ServiceLifecycleTestKit
import Synchronization
import Testing

@testable import NeuroHost

/// Several games on one Neuro: one force at a time, distinct action names, clean goodbyes —
/// checked by NeuroSim in strict mode, with its cross-game rules on.
@Suite(.timeLimit(.minutes(1))) struct SharedNeuroTests {
    let logger = Logger(label: "test")

    static func strictConfiguration() -> NeuroSimConfiguration {
        var configuration = NeuroSimConfiguration()
        configuration.seed = 7
        configuration.isStrict = true
        configuration.isCheckingAcrossGames = true
        configuration.forceDelay = .milliseconds(10)
        // Randy's habit, not the real Neuro's: a failed forced action is retried until it succeeds.
        // The random player fails far more often than Neuro, and a game does not force again
        // after Neuro abandons a force, so with the real limit a round could stall.
        configuration.forceRetries = .max
        return configuration
    }

    func configuration(url: String, games: [String]) throws -> HostConfiguration {
        try HostConfiguration.decode(
            text: #"{"url": "\#(url)", "games": [\#(games.joined(separator: ", "))]}"#,
            catalog: .builtIn, environment: [:])
    }

    /// Runs `games` on a websocket NeuroSim until every one has handled `actions` actions,
    /// then stops the host cleanly; returns the simulator and the last statuses.
    /// The games whose forces NeuroSim answered, in order, one entry per force (its retries
    /// after a failed action are the same force).
    final class ForcedGames: Sendable {
        private let state = Mutex<(games: [Int: String], order: [String], lastForce: Int?)>(([:], [], nil))
        var order: [String] { state.withLock { $0.order } }

        func note(_ event: NeuroSimEvent) {
            state.withLock { state in
                switch event {
                case .identified(let connection, let game): state.games[connection] = game
                case .actionSent(let connection, _, true, _):
                    if state.lastForce != connection, let game = state.games[connection] { state.order.append(game) }
                    state.lastForce = connection
                case .resultReceived(let connection, let result, _) where result.isSuccess && state.lastForce == connection:
                    state.lastForce = nil
                default: break
                }
            }
        }
    }

    func play(
        _ games: [String], actions: Int, forcesInTurns: Bool = false, forcedGames: ForcedGames? = nil,
        whilePlaying: @escaping @Sendable (NeuroSimulator) -> Void = { _ in }
    ) async throws -> (NeuroSimulator, [GameStatus]) {
        return try await testGracefulShutdown { trigger in
            let (events, eventContinuation) = AsyncStream<NeuroSimEvent>.makeStream()
            let simulator = NeuroSimulator(
                configuration: Self.strictConfiguration(), logger: logger, eventHandler: { eventContinuation.yield($0) })
            let server = NeuroSimServer(simulator: simulator, host: "127.0.0.1", port: 0, logger: logger)
            let statuses = try await withThrowingTaskGroup(of: Void.self) { group in
                let (ports, portContinuation) = AsyncStream<Int>.makeStream()
                group.addTask { try await server.run(onListening: { portContinuation.yield($0) }) }
                var portIterator = ports.makeAsyncIterator()
                let port = try #require(await portIterator.next())
                let host = try GameHost(
                    configuration: configuration(url: "ws://127.0.0.1:\(port)", games: games),
                    catalog: .builtIn, connector: WebSocketConnector(logger: logger), clock: ContinuousClock(), seed: 3,
                    saveDirectory: nil, forcesInTurns: forcesInTurns, forceTurnWait: .seconds(120),
                    logger: logger)
                #expect(host.forceSlots.count == 1)
                let (finished, finishedContinuation) = AsyncStream<Void>.makeStream()
                group.addTask {
                    await host.run()
                    finishedContinuation.finish()
                }
                // Bounded wait on what the games report, driven by NeuroSim's events.
                var seen = 0
                for await event in events {
                    seen += 1
                    if seen > 200_000 { break }
                    forcedGames?.note(event)
                    // Fail fast on a violation: the checks below report it.
                    if case .diagnostic(let diagnostic) = event, diagnostic.isViolation { break }
                    guard case .resultReceived = event else { continue }
                    if host.statuses.allSatisfy({ $0.actionsHandled >= actions }) { break }
                }
                whilePlaying(simulator)
                let statuses = host.statuses
                trigger.triggerGracefulShutdown()
                // The games end first, then the server.
                for await _ in finished {}
                // Closed as the games began to stop: none forced between another's goodbye and its own.
                #expect(host.forceSlots.values.allSatisfy { $0.isClosed })
                server.stop()
                try await group.waitForAll()
                return statuses
            }
            return (simulator, statuses)
        }
    }

    @Test func fiveGamesTakeTurnsWithTheForceSlot() async throws {
        let (simulator, statuses) = try await play(
            [
                #"{"plugin": "tic-tac-toe"}"#, #"{"plugin": "hangman"}"#, #"{"plugin": "guess-the-number"}"#,
                #"{"plugin": "minesweeper"}"#, #"{"plugin": "blackjack"}"#,
            ],
            actions: 3)
        #expect(statuses.count == 5)
        for status in statuses {
            #expect(status.actionsHandled >= 3, "\(status.title)")
            #expect(status.reconnects == 0, "\(status.title): \(status.lastError ?? "")")
        }
        #expect(simulator.violations == [])
        let report = simulator.report()
        #expect(report.violationCount == 0)
        #expect(report.totals.violationsByRule[.forceWhileOtherGamePending] == nil)
    }

    @Test func inTurnsTheGamesForceRoundAndRoundInConfigurationOrder() async throws {
        let forced = ForcedGames()
        let titles = ["Tic-Tac-Toe", "Hangman", "Guess the Number", "Blackjack"]
        let (simulator, statuses) = try await play(
            [
                #"{"plugin": "tic-tac-toe"}"#, #"{"plugin": "hangman"}"#, #"{"plugin": "guess-the-number"}"#,
                #"{"plugin": "blackjack"}"#,
            ],
            actions: 3, forcesInTurns: true, forcedGames: forced)
        #expect(statuses.map(\.title) == titles)
        let order = forced.order
        // Each game handled 3 actions: at least two full rounds of forces.
        #expect(order.count >= 2 * titles.count, "\(order)")
        // A turn wait longer than the test may last: no game misses its turn, however slowly
        // it connects or asks on a busy machine.
        for (index, game) in order.enumerated() {
            #expect(game == titles[index % titles.count], "force \(index + 1) of \(order)")
        }
        #expect(simulator.violations == [])
    }

    @Test func twoInstancesOfOnePluginGetDistinctNamesAndTheirOwnActions() async throws {
        let registered = Mutex<[String: [String]]>([:])
        let (simulator, statuses) = try await play(
            [#"{"plugin": "guess-the-number", "title": "Guess A"}"#, #"{"plugin": "guess-the-number", "title": "Guess B"}"#],
            actions: 3,
            whilePlaying: { simulator in
                registered.withLock { registered in
                    for connection in simulator.connections {
                        registered[connection.game ?? "?", default: []] += connection.registeredActions
                    }
                }
            })
        #expect(simulator.violations == [])
        #expect(statuses.map(\.actionNamePrefix) == ["guess_a_", "guess_b_"])
        #expect(statuses.map(\.actionsHandled).allSatisfy { $0 >= 3 })
        let names = registered.withLock { $0 }
        let namesOfA = try #require(names["Guess A"])
        let namesOfB = try #require(names["Guess B"])
        #expect(!namesOfA.isEmpty && namesOfA.allSatisfy { $0.hasPrefix("guess_a_") })
        #expect(!namesOfB.isEmpty && namesOfB.allSatisfy { $0.hasPrefix("guess_b_") })
        #expect(Set(namesOfA).isDisjoint(with: namesOfB))
        // Each instance answered its own actions: NeuroSim counted successful results per game.
        let report = simulator.report()
        for title in ["Guess A", "Guess B"] {
            let game = try #require(report.games.first { $0.title == title })
            #expect(game.statistics.results - game.statistics.failedResults >= 3, "\(title)")
        }
    }

    @Test func aCleanStopUnregistersEveryActionBeforeTheClose() async throws {
        try await testGracefulShutdown { trigger in
            let simulator = NeuroSimulator(configuration: Self.strictConfiguration(), logger: logger)
            let connector = SimulatedConnector(simulator: simulator)
            let host = try GameHost(
                configuration: configuration(
                    url: "ws://sim",
                    games: [#"{"plugin": "hangman"}"#, #"{"plugin": "tic-tac-toe"}"#, #"{"plugin": "blackjack"}"#]),
                catalog: .builtIn, connector: connector, clock: ContinuousClock(), seed: 5, saveDirectory: nil, logger: logger)
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await host.run() }
                for await _ in connector.progress {
                    if host.statuses.allSatisfy({ $0.actionsHandled >= 2 }) || !simulator.violations.isEmpty { break }
                }
                trigger.triggerGracefulShutdown()
            }
            #expect(host.statuses.map(\.state) == [.stopped, .stopped, .stopped])
            let closes = connector.registeredAtClose
            #expect(closes.count == 3)
            for (game, names) in closes {
                #expect(names == [], "\(game) left actions registered: \(names)")
            }
            #expect(simulator.violations == [])
        }
    }
}
