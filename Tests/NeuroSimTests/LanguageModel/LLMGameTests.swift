import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroSim
import NeuroTestSupport
import Testing

/// A real game played end to end by NeuroSim's language-model player, in memory, against a
/// scripted model that reads the force's query and plays a binary search.
@Suite(.timeLimit(.minutes(1)))
struct LLMGameTests {
    /// The midpoint of the range the newest force names ("pick a number from LOW to HIGH").
    static func guess(for request: ScriptedModelServer.Request) -> ScriptedModelServer.Reply {
        let marker = "pick a number from "
        let query = request.messages.compactMap { $0["content"]?.stringValue }.last { $0.contains(marker) }
        guard let query, let start = query.range(of: marker) else { return .text("I do not know what to do.") }
        let numbers = query[start.upperBound...].split(whereSeparator: { !$0.isNumber && $0 != "-" }).compactMap { Int($0) }
        guard numbers.count >= 2 else { return .text("I cannot read the range.") }
        return .toolCall("guess", arguments: #"{"number": \#((numbers[0] + numbers[1]) / 2)}"#)
    }

    /// The round a status line (`round 3, score 2-0`) names; 0 when it names none.
    static func round(in status: String) -> Int {
        guard let range = status.range(of: "round ") else { return 0 }
        return Int(status[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }

    @Test func guessTheNumberIsPlayedByTheModel() async throws {
        try await ScriptedModelServer.withServer(respond: { _, request in Self.guess(for: request) }) { server in
            var player = try LLMPlayerConfiguration(url: server.baseURL, model: "scripted-model")
            player.idleInterval = .seconds(3600)
            var configuration = NeuroSimConfiguration()
            configuration.seed = 7
            configuration.forceDelay = .zero
            configuration.player = .languageModel(player)
            var logger = Logger(label: "test.sim")
            logger.logLevel = .critical
            let simulator = NeuroSimulator(configuration: configuration, logger: logger)
            let game = try GameCatalog.builtIn.makeSession(
                plugin: GuessTheNumber.id, title: "Guess", settings: nil, seed: 7, options: GameSessionOptions(logger: logger))
            let (gameEnd, neuroEnd) = InMemoryTransport.makePair()
            var statisticsWhilePlaying = game.statistics
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await simulator.serve(neuroEnd, abort: { neuroEnd.drop() }) }
                group.addTask { _ = try await game.play(on: gameEnd) }
                try await eventually("the model wins a round", timeout: .seconds(30)) { Self.round(in: game.gameStatus) >= 2 }
                // Taken before stopping: stopping unregisters every action, so a guess the model
                // is still deciding then arrives late and is (rightly) answered as a failure.
                statisticsWhilePlaying = game.statistics
                await game.stop(code: .normalClosure, reason: nil)
                try await group.waitForAll()
            }
            let report = simulator.report()
            #expect(report.violationCount == 0, "\(simulator.violations)")
            let statistics = try #require(report.games.first?.statistics)
            #expect(statistics.model.fallbacks == 0)
            #expect(statistics.model.requests >= statistics.forcedActionsSent)
            let rounds = Self.round(in: game.gameStatus)
            #expect(statistics.forcedActionsSent <= 10 * rounds, "a binary search needs at most 10 guesses a round")
            #expect(statisticsWhilePlaying.failures == 0, "\(statisticsWhilePlaying)")
            #expect(statistics.failedResults == 0)
            #expect(server.requests.allSatisfy { $0.toolNames == ["guess"] })
        }
    }
}
