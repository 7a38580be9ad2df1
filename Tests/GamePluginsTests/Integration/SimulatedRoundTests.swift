import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroSim
import NeuroTestSupport
import Testing

/// Every game plays whole rounds against NeuroSim's random player, in memory.
@Suite(.timeLimit(.minutes(2)))
struct SimulatedRoundTests {
    /// The most actions a game may take to finish its first round against a random player.
    static let maximumActionsPerRound = 1000

    @Test(arguments: GameCatalog.builtIn.plugins.map { $0.id })
    func everyGameFinishesARoundWithoutViolations(pluginID: String) async throws {
        for seed: UInt64 in [1, 2, 3] {
            var configuration = NeuroSimConfiguration()
            configuration.seed = seed
            configuration.forceDelay = .milliseconds(5)
            // Randy's habit, not the real Neuro's: a failed forced action is retried until it succeeds.
            // The random player fails far more often than Neuro, and a game does not force again
            // after Neuro abandons a force, so with the real limit a round could stall.
            configuration.forceRetries = .max
            let simulator = NeuroSimulator(configuration: configuration, logger: Logger(label: "test.sim"))
            let game = try GameCatalog.builtIn.makeSession(
                plugin: pluginID, title: "Round \(pluginID) \(seed)", settings: nil, seed: seed,
                options: GameSessionOptions(logger: Logger(label: "test.game")))
            let (gameEnd, neuroEnd) = InMemoryTransport.makePair()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await simulator.serve(neuroEnd, abort: { neuroEnd.drop() }) }
                group.addTask {
                    let end = try await game.play(on: gameEnd)
                    #expect(end == .stopped)
                }
                try await eventually("\(pluginID) (seed \(seed)) finishes a round", timeout: .seconds(30)) {
                    Self.round(in: game.gameStatus) > 1 || Self.actionsReceived(by: game) >= Self.maximumActionsPerRound
                }
                await game.stop(code: .normalClosure, reason: nil)
                try await group.waitForAll()
            }
            #expect(Self.round(in: game.gameStatus) > 1, "seed \(seed): \(game.gameStatus)")
            #expect(Self.actionsReceived(by: game) < Self.maximumActionsPerRound, "seed \(seed)")
            #expect(game.statistics.actionsAccepted > 0, "seed \(seed)")
            #expect(simulator.violations.isEmpty, "seed \(seed): \(simulator.violations)")
            #expect(simulator.report().violationCount == 0, "seed \(seed)")
        }
    }

    /// Every action the game answered, accepted or not.
    static func actionsReceived(by game: any HostedGame) -> Int {
        game.statistics.actionsAccepted + game.statistics.failures
    }

    /// The round a status line (`round 3, score 2-0`) names; 0 when it names none.
    static func round(in status: String) -> Int {
        guard let range = status.range(of: "round ") else { return 0 }
        return Int(status[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }
}
