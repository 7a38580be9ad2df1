import DiceDuel
import GamePlugins
import NeuroPluginTesting
import NeuroProtocol
import Testing

/// Dice Duel against an in-process NeuroSim, with the plugin test kit: valid and invalid data, a
/// reconnect mid-game, a save and restore, an action-name prefix, every text's action names,
/// and every schema against its arguments type.
@Suite(.timeLimit(.minutes(2)))
struct DiceDuelConformanceTests {
    @Test func diceDuelFollowsTheProtocol() async throws {
        let report = try await PluginCheck.run(DiceDuel.self, actions: 300)
        #expect(report.violations.isEmpty, "\(report)")
    }

    @Test(
        arguments: [
            ["dice": 1, "rerolls": 0, "rounds": 1],
            ["startingChips": 3, "maximumBet": 3, "dice": 6, "rerolls": 3, "rounds": 100],
        ] as [JSONValue])
    func everySettingConforms(settings: JSONValue) async throws {
        var configuration = PluginCheckConfiguration(actions: 200, seed: 11)
        configuration.settings = settings
        try await PluginCheck.requireConformance(DiceDuel.self, configuration: configuration)
    }
}
