import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

@Suite struct GuessTheNumberRulesTests {
    /// A game on 1...100 whose secret is 42.
    static func game(attempts: Int = 7) throws -> GuessTheNumber {
        var game = try GuessTheNumber(settings: .init(lowest: 1, highest: 100, attempts: attempts), seed: 1)
        game.secret = 42
        return game
    }

    struct IllegalGuess: Sendable, CustomTestStringConvertible {
        var label: String
        var actionName: String
        var data: JSONValue?
        var fragment: String
        var testDescription: String { label }
    }

    static let illegalGuesses: [IllegalGuess] = [
        IllegalGuess(
            label: "below the range", actionName: "guess", data: ["number": 0], fragment: "number: 0 is below the minimum 1"),
        IllegalGuess(
            label: "above the range", actionName: "guess", data: ["number": 101], fragment: "number: 101 is above the maximum 100"
        ),
        IllegalGuess(
            label: "not a number", actionName: "guess", data: ["number": "forty"],
            fragment: "number: must be an integer, not string"),
        IllegalGuess(label: "missing number", actionName: "guess", data: nil, fragment: "missing required property \"number\""),
        IllegalGuess(label: "unknown action", actionName: "answer", data: ["number": 42], fragment: "`guess`"),
    ]

    @Test(arguments: illegalGuesses)
    func illegalGuessIsRefusedAndChangesNothing(guess: IllegalGuess) throws {
        var game = try Self.game()
        try GameTestSupport.expectAccepted(&game, "guess", ["number": 30])
        try GameTestSupport.expectAccepted(&game, "guess", ["number": 60])
        try GameTestSupport.expectRejected(&game, guess.actionName, guess.data, mentioning: guess.fragment)
    }

    @Test(arguments: [30, 60, 5, 99])
    func aGuessTheHintsRuleOutCostsAGuessAndRepeatsTheRange(number: Int) throws {
        var game = try Self.game()
        try GameTestSupport.expectAccepted(&game, "guess", ["number": 30])
        try GameTestSupport.expectAccepted(&game, "guess", ["number": 60])
        let outcome = try GameTestSupport.expectAccepted(&game, "guess", .object(["number": .integer(Int64(number))]))
        #expect(outcome.message == "\(number) is wrong. The hints already say the number is from 31 to 59; 4 guesses left.")
        #expect(game.attemptsLeft == 4)
        #expect(game.low == 31 && game.high == 59)
    }

    @Test func aRuledOutLastGuessLosesTheRound() throws {
        var game = try Self.game(attempts: 2)
        try GameTestSupport.expectAccepted(&game, "guess", ["number": 30])
        let outcome = try GameTestSupport.expectAccepted(&game, "guess", ["number": 1])
        #expect(outcome.message == "1 is wrong. The hints already say the number is from 31 to 100.")
        #expect(outcome.context.first?.message.contains("out of guesses") == true)
    }

    struct Hint: Sendable {
        var guess: Int64
        var message: String
        var low: Int
        var high: Int
    }

    @Test(arguments: [
        Hint(guess: 50, message: "50 is wrong: the number is lower. It is from 1 to 49; 6 guesses left.", low: 1, high: 49),
        Hint(guess: 1, message: "1 is wrong: the number is higher. It is from 2 to 100; 6 guesses left.", low: 2, high: 100),
        Hint(guess: 41, message: "41 is wrong: the number is higher. It is from 42 to 100; 6 guesses left.", low: 42, high: 100),
    ])
    func wrongGuessNarrowsTheRange(hint: Hint) throws {
        var game = try Self.game()
        let outcome = try GameTestSupport.expectAccepted(&game, "guess", .object(["number": .integer(hint.guess)]))
        #expect(outcome.message == hint.message)
        #expect(game.low == hint.low && game.high == hint.high && game.attemptsLeft == 6)
        #expect(game.force?.query.contains("from \(hint.low) to \(hint.high)") == true)
    }

    @Test func rightGuessWinsAndStartsANewRound() throws {
        var game = try Self.game()
        try GameTestSupport.expectAccepted(&game, "guess", ["number": 50])
        let outcome = try GameTestSupport.expectAccepted(&game, "guess", ["number": 42])
        #expect(outcome.message == "42 is right! You found it in 2 guesses.")
        #expect(GameTestSupport.contextText(outcome).contains("Round 1: You found 42. Score: 1-0"))
        #expect(game.tally == RoundTally(round: 2, wins: 1))
        #expect(game.low == 1 && game.high == 100 && game.attemptsLeft == 7)
        #expect(game.status == "round 2, score 1-0")
    }

    @Test func lastWrongGuessLosesAndRevealsTheNumber() throws {
        var game = try Self.game(attempts: 2)
        try GameTestSupport.expectAccepted(&game, "guess", ["number": 50])
        let outcome = try GameTestSupport.expectAccepted(&game, "guess", ["number": 10])
        #expect(outcome.message == "10 is wrong: the number is higher.")
        #expect(GameTestSupport.contextText(outcome).contains("You are out of guesses. The number was 42."))
        #expect(game.tally == RoundTally(round: 2, losses: 1))
        #expect(game.attemptsLeft == 2)
    }

    @Test func schemaBoundsFollowTheSettings() throws {
        let game = try GuessTheNumber(settings: .init(lowest: -5, highest: 5, attempts: 3), seed: 2)
        let schema = try #require(game.actions.first?.schema)
        #expect(schema["properties"]?["number"] == ["type": "integer", "minimum": -5, "maximum": 5])
        #expect(schema["required"] == ["number"])
        #expect((-5...5).contains(game.secret))
        try GameTestSupport.expectWellFormed(game)
    }

    @Test func secretsCoverTheRange() throws {
        var seen = Set<Int>()
        for seed: UInt64 in 0..<200 {
            seen.insert(try GuessTheNumber(settings: .init(lowest: 1, highest: 3), seed: seed).secret)
        }
        #expect(seen == [1, 2, 3])
    }

    struct BadSettings: Sendable, CustomTestStringConvertible {
        var settings: GuessTheNumber.Settings
        var setting: String
        var testDescription: String { "\(settings)" }
    }

    static let badSettings: [BadSettings] = [
        BadSettings(settings: .init(lowest: 10, highest: 5), setting: "highest"),
        BadSettings(settings: .init(lowest: 5, highest: 5), setting: "highest"),
        BadSettings(settings: .init(attempts: 0), setting: "attempts"),
        BadSettings(settings: .init(attempts: -3), setting: "attempts"),
        BadSettings(settings: .init(lowest: -2_000_000_000), setting: "lowest"),
        BadSettings(settings: .init(highest: Int.max), setting: "highest"),
    ]

    @Test(arguments: badSettings)
    func inconsistentSettingsNameTheSetting(bad: BadSettings) {
        #expect {
            _ = try GuessTheNumber(settings: bad.settings, seed: 1)
        } throws: { error in
            (error as? GamePluginError)?.setting == bad.setting
        }
    }

    @Test func settingsDecodeFromEmptyObjectWithDefaults() throws {
        #expect(try GameTestSupport.settings("{}", for: GuessTheNumber.self) == .init(lowest: 1, highest: 100, attempts: 7))
        #expect(
            try GameTestSupport.settings(#"{"highest": 10}"#, for: GuessTheNumber.self)
                == .init(lowest: 1, highest: 10, attempts: 7))
    }
}
