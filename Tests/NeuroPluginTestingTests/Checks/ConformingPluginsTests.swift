import GamePlugins
import NeuroPluginTesting
import Testing

/// The kit passes every game that ships with the host, and the README's example.
@Suite(.timeLimit(.minutes(3)))
struct ConformingPluginsTests {
    @Test(arguments: GameCatalog.builtIn.plugins.map { $0.id })
    func everyBuiltInGameConforms(pluginID: String) async throws {
        let plugin = try #require(GameCatalog.builtIn.plugin(id: pluginID))
        let report = try await PluginCheck.run(plugin, configuration: .forTests(actions: 200, seed: 1))
        #expect(report.violations.isEmpty, "\(report)")
        #expect(report.actionsAnswered >= 200, "\(report)")
        #expect(report.badActionsSent > 0, "\(report)")
        #expect(report.reconnects >= 1, "\(report)")
    }

    @Test func theReadmeCoinFlipConforms() async throws {
        let report = try await PluginCheck.run(CoinFlip.self, configuration: .forTests(actions: 200))
        #expect(report.violations.isEmpty, "\(report)")
        #expect(report.namePrefix == "coin_flip_")
        // Both halves were played: the game under its own title, and restored and prefixed.
        #expect(Set(report.neuroSim.games.map(\.title)) == ["Coin Flip", "Coin Flip (restored)"])
        #expect(report.neuroSim.games.allSatisfy { $0.statistics.results > 0 })
        #expect(report.isConforming)
    }

    @Test func requireConformanceReturnsTheReportOfAConformingPlugin() async throws {
        let report = try await PluginCheck.requireConformance(CoinFlip.self, configuration: .forTests(actions: 40, seed: 9))
        #expect(report.isConforming)
        #expect(report.actionsAnswered >= 40)
    }

    @Test func theSameSeedPlaysTheSameCheck() async throws {
        let first = try await PluginCheck.run(GuessTheNumber.self, configuration: .forTests(actions: 60, seed: 4))
        let second = try await PluginCheck.run(GuessTheNumber.self, configuration: .forTests(actions: 60, seed: 4))
        #expect(first.actionsSent == second.actionsSent)
        #expect(first.badActionsSent == second.badActionsSent)
        #expect(first.failedResults == second.failedResults)
        #expect(first.violations == second.violations)
    }
}
