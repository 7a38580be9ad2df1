import Logging
import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

@Suite struct GameFactoryTests {
    let logger = Logger(label: "test")

    @Test(arguments: GameCatalog.plugins.map { $0.id })
    func everyPluginStartsFromEmptySettings(id: String) throws {
        let game = try GameCatalog.makeSession(plugin: id, title: "T", settings: nil, seed: 1, logger: logger)
        #expect(game.pluginID == id)
        #expect(game.title == "T")
    }

    @Test(arguments: [
        (JSONValue(["lowest": "one"]), "lowest", "must be a whole number"),
        (JSONValue(["lowset": 1]), "lowset", "is not a setting of guess-the-number; known settings: attempts, highest, lowest"),
        (JSONValue(["lowest": 10, "highest": 5]), "highest", ""),
        (JSONValue.array([]), "settings", "must be an object, not array"),
    ])
    func badSettingsNameTheSetting(settings: JSONValue, setting: String, message: String) {
        do {
            _ = try GameCatalog.makeSession(plugin: "guess-the-number", title: "G", settings: settings, seed: 1, logger: logger)
            Issue.record("expected an error")
        } catch {
            #expect(error.setting == setting)
            if !message.isEmpty { #expect(error.message == message) }
        }
    }

    @Test func nullMeansTheDefault() throws {
        let game = try GameCatalog.makeSession(
            plugin: "guess-the-number", title: "G", settings: ["lowest": nil], seed: 1, logger: logger)
        #expect(game.pluginID == "guess-the-number")
    }

    @Test func unknownPluginsListTheKnownOnes() {
        do {
            _ = try GameCatalog.makeSession(plugin: "chess", title: "C", settings: nil, seed: 1, logger: logger)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.message
                    == "unknown plugin \"chess\"; known plugins: blackjack, guess-the-number, hangman, minesweeper, tic-tac-toe")
        }
    }

    @Test func defaultTitlesCoverTheCatalog() {
        #expect(GameCatalog.defaultTitles["tic-tac-toe"] == "Tic-Tac-Toe")
        #expect(GameCatalog.defaultTitles.count == GameCatalog.plugins.count)
    }
}
