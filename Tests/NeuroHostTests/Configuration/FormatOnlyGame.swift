import GamePlugins
import NeuroAPI

/// A plugin for the tests of the file format: any `settings` object is fine with it, so those
/// tests are about `games.json` alone, not about the built-in games' settings (which
/// `SettingsCheckTests` covers).
protocol FormatOnlyGame: GamePlugin where Settings == AnySettings {
    init()
}

/// Settings that take any object: read as a dictionary, so no key is unknown.
struct AnySettings: Codable, Sendable {
    init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: JSONCodingKey.self).allKeys
    }

    func encode(to encoder: any Encoder) throws {}
}

extension FormatOnlyGame {
    static var allActions: [GameAction<Self>] { [GameAction("wait", description: "Wait.") { _ in .accepted("Waited.") }] }
    init(settings: AnySettings, seed: UInt64) throws(GamePluginError) { self.init() }
    var introduction: String { "A game of the format tests." }
    var force: ActionForce? { nil }
    var status: String { "" }
}

/// The five ids of the built-in games, with titles of their own.
enum FormatOnlyGames {
    struct TicTacToe: FormatOnlyGame {
        static let id = "tic-tac-toe"
        static let defaultTitle = "Tic Tac Toe"
    }
    struct Hangman: FormatOnlyGame {
        static let id = "hangman"
        static let defaultTitle = "Hangman"
    }
    struct GuessTheNumber: FormatOnlyGame {
        static let id = "guess-the-number"
        static let defaultTitle = "Guess the Number"
    }
    struct Blackjack: FormatOnlyGame {
        static let id = "blackjack"
        static let defaultTitle = "Blackjack"
    }
    struct Minesweeper: FormatOnlyGame {
        static let id = "minesweeper"
        static let defaultTitle = "Minesweeper"
    }

    /// A catalog of the five.
    static let catalog = GameCatalog([
        TicTacToe.self, Hangman.self, GuessTheNumber.self, Blackjack.self, Minesweeper.self,
    ])
}
