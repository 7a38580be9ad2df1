import GamePlugins
import NeuroPluginTesting
import Testing

/// What the kit refuses before it plays.
@Suite struct PluginCheckConfigurationTests {
    @Test func tooFewActionsAreRefused() async {
        let error = await #expect(throws: PluginCheckError.self) {
            try await PluginCheck.run(CoinFlip.self, actions: 3)
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("at least 8") == true)
    }

    @Test func aBadPrefixIsRefused() async {
        var configuration = PluginCheckConfiguration()
        configuration.namePrefix = "Coin "
        let error = await #expect(throws: PluginCheckError.self) {
            try await PluginCheck.run(CoinFlip.self, configuration: configuration)
        }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func badSettingsNameTheSetting() async {
        var configuration = PluginCheckConfiguration()
        configuration.settings = ["lowest": 10, "highest": 5]
        let error = await #expect(throws: PluginCheckError.self) {
            try await PluginCheck.run(GuessTheNumber.self, configuration: configuration)
        }
        #expect(error?.code == .invalidSettings)
        #expect(error?.message.contains("highest") == true, "\(String(describing: error))")
    }

    @Test func settingsReachTheGame() async throws {
        var configuration = PluginCheckConfiguration.forTests(actions: 40)
        configuration.settings = ["lowest": 1, "highest": 3, "attempts": 2]
        let report = try await PluginCheck.run(GuessTheNumber.self, configuration: configuration)
        #expect(report.violations.isEmpty, "\(report)")
    }
}
