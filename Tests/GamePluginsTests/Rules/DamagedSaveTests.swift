import Foundation
import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

/// A save file that was damaged or edited by hand must fail to load with an error, not load
/// into a state the rules cannot handle.
@Suite struct DamagedSaveTests {
    struct Damage: Sendable, CustomTestStringConvertible {
        var kind: GameKind
        var label: String
        /// A path of object keys, then the new JSON value (as JSON text) to put there.
        var path: [String]
        var value: String
        var testDescription: String { "\(kind.rawValue): \(label)" }
    }

    static let damages: [Damage] = [
        Damage(kind: .ticTacToe, label: "short board", path: ["board", "squares"], value: #"["X", null]"#),
        Damage(
            kind: .ticTacToe, label: "finished board", path: ["board", "squares"],
            value: #"["X","X","X","O","O",null,null,null,null]"#),
        Damage(
            kind: .ticTacToe, label: "O to move", path: ["board", "squares"],
            value: #"["X",null,null,null,null,null,null,null,null]"#),
        Damage(kind: .ticTacToe, label: "negative score", path: ["tally", "wins"], value: "-1"),
        Damage(kind: .hangman, label: "word not in list", path: ["word"], value: #""zzz""#),
        Damage(kind: .hangman, label: "lives in settings", path: ["settings", "lives"], value: "0"),
        Damage(kind: .hangman, label: "lives left", path: ["livesLeft"], value: "99"),
        Damage(kind: .hangman, label: "guess not a letter", path: ["guessedLetters"], value: #"["ab"]"#),
        Damage(kind: .guessTheNumber, label: "lowest above highest", path: ["settings", "lowest"], value: "500"),
        Damage(kind: .guessTheNumber, label: "secret out of range", path: ["secret"], value: "1000"),
        Damage(kind: .guessTheNumber, label: "no attempts left", path: ["attemptsLeft"], value: "0"),
        Damage(kind: .blackjack, label: "negative chips", path: ["chips"], value: "-5"),
        Damage(kind: .blackjack, label: "playing without cards", path: ["phase"], value: #""playing""#),
        Damage(kind: .blackjack, label: "bad card", path: ["shoe", "cards"], value: #"[{"rank": 99, "suit": "♠"}]"#),
        Damage(kind: .blackjack, label: "decks in settings", path: ["settings", "decks"], value: "0"),
        Damage(kind: .minesweeper, label: "short grid", path: ["grid", "mines"], value: "[true]"),
        Damage(kind: .minesweeper, label: "rows in settings", path: ["settings", "rows"], value: "40"),
        Damage(kind: .minesweeper, label: "grid of another size", path: ["grid", "rows"], value: "4"),
        Damage(kind: .minesweeper, label: "score ahead of round", path: ["tally", "round"], value: "7"),
    ]

    @Test(arguments: damages)
    func damagedSaveFailsToLoad(damage: Damage) throws {
        switch damage.kind {
        case .ticTacToe: try Self.expectFailsToLoad(TicTacToe(settings: .init(), seed: 1), damage)
        case .hangman: try Self.expectFailsToLoad(Hangman(settings: .init(), seed: 1), damage)
        case .guessTheNumber: try Self.expectFailsToLoad(GuessTheNumber(settings: .init(), seed: 1), damage)
        case .blackjack: try Self.expectFailsToLoad(Blackjack(settings: .init(), seed: 1), damage)
        case .minesweeper: try Self.expectFailsToLoad(Minesweeper(settings: .init(), seed: 1), damage)
        }
    }

    static func expectFailsToLoad<Game: GamePlugin>(_ game: Game, _ damage: Damage) throws {
        let saved = try JSONEncoder().encode(game)
        #expect(throws: Never.self) { try JSONDecoder().decode(Game.self, from: saved) }
        let root = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
        let value = try JSONSerialization.jsonObject(with: Data(damage.value.utf8), options: .fragmentsAllowed)
        let damaged = try JSONSerialization.data(withJSONObject: replacing(damage.path, in: root, with: value))
        #expect {
            try JSONDecoder().decode(Game.self, from: damaged)
        } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return context.debugDescription.hasPrefix("saved game: ")
        }
    }

    static func replacing(_ path: [String], in object: [String: Any], with value: Any) -> [String: Any] {
        var object = object
        guard let key = path.first else { return object }
        if path.count == 1 {
            object[key] = value
        } else {
            object[key] = replacing(Array(path.dropFirst()), in: object[key] as? [String: Any] ?? [:], with: value)
        }
        return object
    }
}
