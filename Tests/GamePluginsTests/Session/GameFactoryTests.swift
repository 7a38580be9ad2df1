import Logging
import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

@Suite struct GameFactoryTests {
    let logger = Logger(label: "test")

    @Test(arguments: GameCatalog.builtIn.plugins.map { $0.id })
    func everyPluginStartsFromEmptySettings(id: String) throws {
        let game = try GameCatalog.builtIn.makeSession(
            plugin: id, title: "T", settings: nil, seed: 1, options: GameSessionOptions(logger: logger))
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
            _ = try GameCatalog.builtIn.makeSession(
                plugin: "guess-the-number", title: "G", settings: settings, seed: 1, options: GameSessionOptions(logger: logger))
            Issue.record("expected an error")
        } catch {
            #expect(error.setting == setting)
            if !message.isEmpty { #expect(error.message == message) }
        }
    }

    @Test func nullMeansTheDefault() throws {
        let game = try GameCatalog.builtIn.makeSession(
            plugin: "guess-the-number", title: "G", settings: ["lowest": nil], seed: 1,
            options: GameSessionOptions(logger: logger))
        #expect(game.pluginID == "guess-the-number")
    }

    @Test func missingOrNullSettingsMeanTheDefaultsInGuessTheNumber() throws {
        #expect(try GuessTheNumber.decodeSettings(nil) == GuessTheNumber.Settings())
        #expect(try GuessTheNumber.decodeSettings(["lowest": nil, "highest": nil, "attempts": nil]) == GuessTheNumber.Settings())
        #expect(try GuessTheNumber.decodeSettings(["attempts": 3]) == GuessTheNumber.Settings(attempts: 3))
    }

    @Test func nullSettingsMeanTheDefaultsInHangman() throws {
        let settings = try Hangman.decodeSettings(["words": nil, "lives": nil])
        #expect(settings == Hangman.Settings())
        #expect(try Hangman.decodeSettings(["words": nil, "lives": 8]) == Hangman.Settings(lives: 8))
    }

    @Test func nullSettingsMeanTheDefaultsInTicTacToe() throws {
        let settings = try TicTacToe.decodeSettings(["opponent": nil, "firstPlayer": nil])
        #expect(settings == TicTacToe.Settings())
        #expect(
            try TicTacToe.decodeSettings(["opponent": "perfect", "firstPlayer": nil]) == TicTacToe.Settings(opponent: .perfect))
    }

    @Test func nullSettingsMeanTheDefaultsInBlackjackAndMinesweeper() throws {
        #expect(try Blackjack.decodeSettings(["decks": nil, "minimumBet": nil]) == Blackjack.Settings())
        #expect(try Minesweeper.decodeSettings(["rows": nil, "columns": 8, "mines": nil]) == Minesweeper.Settings(columns: 8))
    }

    @Test func aNullUnknownKeyIsStillNotASetting() {
        do {
            _ = try Hangman.decodeSettings(["lifes": nil])
            Issue.record("expected an error")
        } catch {
            #expect(error.setting == "lifes")
            #expect(error.message == "is not a setting of hangman; known settings: lives, words")
        }
    }

    @Test func aWrongElementNamesItsIndex() {
        do {
            _ = try Hangman.decodeSettings(["words": ["swift", 7]])
            Issue.record("expected an error")
        } catch {
            #expect(error.setting == "words[1]")
            #expect(error.message == "must be a string")
        }
    }

    @Test func unknownPluginsListTheKnownOnes() {
        do {
            _ = try GameCatalog.builtIn.makeSession(
                plugin: "chess", title: "C", settings: nil, seed: 1, options: GameSessionOptions(logger: logger))
            Issue.record("expected an error")
        } catch {
            #expect(
                error.message
                    == "unknown plugin \"chess\"; known plugins: blackjack, guess-the-number, hangman, minesweeper, tic-tac-toe")
        }
    }

    @Test func defaultTitlesCoverTheCatalog() {
        #expect(GameCatalog.builtIn.defaultTitles["tic-tac-toe"] == "Tic-Tac-Toe")
        #expect(GameCatalog.builtIn.defaultTitles.count == GameCatalog.builtIn.plugins.count)
    }
}
