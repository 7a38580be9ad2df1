import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

@Suite struct HangmanRulesTests {
    /// A game with one word, so every round uses it.
    static func game(word: String = "kitten", lives: Int = 3) throws -> Hangman {
        try Hangman(settings: .init(words: [word], lives: lives), seed: 1)
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
            label: "letter already guessed (hit)", actionName: "guess_letter", data: ["letter": "t"],
            fragment: "already guessed \"t\""),
        IllegalGuess(
            label: "letter already guessed (miss)", actionName: "guess_letter", data: ["letter": "z"],
            fragment: "not tried: a, b, c, d"),
        IllegalGuess(
            label: "uppercase repeat", actionName: "guess_letter", data: ["letter": "T"], fragment: "letter: \"T\" is not one of"),
        IllegalGuess(
            label: "two letters", actionName: "guess_letter", data: ["letter": "ab"], fragment: "letter: \"ab\" is not one of"),
        IllegalGuess(label: "digit", actionName: "guess_letter", data: ["letter": "7"], fragment: "letter: \"7\" is not one of"),
        IllegalGuess(
            label: "missing letter", actionName: "guess_letter", data: [:], fragment: "missing required property \"letter\""),
        IllegalGuess(
            label: "word of wrong length", actionName: "guess_word", data: ["word": "cat"],
            fragment: "word: \"cat\" is shorter than 6 characters"),
        IllegalGuess(
            label: "word repeated", actionName: "guess_word", data: ["word": "mitten"], fragment: "already guessed \"mitten\""),
        IllegalGuess(
            label: "word with a digit", actionName: "guess_word", data: ["word": "k1tten"],
            fragment: "does not match the pattern ^[A-Za-z]+$"),
        IllegalGuess(
            label: "empty word", actionName: "guess_word", data: ["word": ""], fragment: "word: \"\" is shorter than 6 characters"
        ),
        IllegalGuess(
            label: "unknown action", actionName: "guess", data: ["letter": "a"], fragment: "`guess_letter`, `guess_word`"),
    ]

    @Test(arguments: illegalGuesses)
    func illegalGuessIsRefusedAndChangesNothing(guess: IllegalGuess) throws {
        var game = try Self.game(lives: 5)
        try GameTestSupport.expectAccepted(&game, "guess_letter", ["letter": "t"])
        try GameTestSupport.expectAccepted(&game, "guess_letter", ["letter": "z"])
        try GameTestSupport.expectAccepted(&game, "guess_word", ["word": "mitten"])
        try GameTestSupport.expectRejected(&game, guess.actionName, guess.data, mentioning: guess.fragment)
    }

    @Test func rightLetterRevealsEveryCopy() throws {
        var game = try Self.game()
        let outcome = try GameTestSupport.expectAccepted(&game, "guess_letter", ["letter": "t"])
        #expect(outcome.message == "Yes, \"t\" appears 2 times: `_ _ t t _ _`.")
        #expect(game.livesLeft == 3)
        #expect(game.force?.state?.contains("`_ _ t t _ _`") == true)
    }

    @Test func wrongLetterCostsALife() throws {
        var game = try Self.game()
        let outcome = try GameTestSupport.expectAccepted(&game, "guess_letter", ["letter": "q"])
        #expect(outcome.message == "No \"q\" in the word. 2 lives left.")
        #expect(game.livesLeft == 2)
        #expect(outcome.context.isEmpty)
    }

    @Test func revealingEveryLetterWins() throws {
        var game = try Self.game()
        var outcome = GameOutcome.rejected("")
        for letter in ["k", "i", "t", "e", "n"] {
            outcome = try GameTestSupport.expectAccepted(&game, "guess_letter", .object(["letter": .string(letter)]))
        }
        #expect(game.tally == RoundTally(round: 2, wins: 1))
        #expect(GameTestSupport.contextText(outcome).contains("Round 1: You found the word \"kitten\"! Score: 1-0"))
        #expect(game.guessedLetters.isEmpty && game.livesLeft == 3)
        #expect(game.status == "round 2, score 1-0")
    }

    @Test func forceListsGuessesSoFar() throws {
        var game = try Self.game()
        try GameTestSupport.expectAccepted(&game, "guess_letter", ["letter": "e"])
        try GameTestSupport.expectAccepted(&game, "guess_letter", ["letter": "a"])
        try GameTestSupport.expectAccepted(&game, "guess_word", ["word": "mitten"])
        let state = try #require(game.force?.state)
        #expect(state.contains("Word (6 letters): `_ _ _ _ e _`"))
        #expect(state.contains("Lives left: 1 of 3"))
        #expect(state.contains("Letters guessed: e, a"))
        #expect(state.contains("Wrong words: mitten"))
        try GameTestSupport.expectWellFormed(game)
    }

    @Test func rightWordWins() throws {
        var game = try Self.game()
        let outcome = try GameTestSupport.expectAccepted(&game, "guess_word", ["word": "KITTEN"])
        #expect(outcome.message == "Yes, the word is \"kitten\"!")
        #expect(game.tally == RoundTally(round: 2, wins: 1))
    }

    @Test func runningOutOfLivesLosesAndRevealsTheWord() throws {
        var game = try Self.game(lives: 2)
        try GameTestSupport.expectAccepted(&game, "guess_word", ["word": "mitten"])
        let outcome = try GameTestSupport.expectAccepted(&game, "guess_letter", ["letter": "x"])
        #expect(game.tally == RoundTally(round: 2, losses: 1))
        #expect(GameTestSupport.contextText(outcome).contains("You are out of lives. The word was \"kitten\"."))
        #expect(game.guessedWords.isEmpty)
        #expect(game.livesLeft == 2)
    }

    @Test func wordsDoNotRepeatBackToBack() throws {
        var game = try Hangman(settings: .init(words: ["alpha", "bravo"]), seed: 4)
        var previous = game.word
        for _ in 0..<6 {
            try GameTestSupport.expectAccepted(&game, "guess_word", .object(["word": .string(previous)]))
            #expect(game.word != previous)
            previous = game.word
        }
    }

    @Test func seedChoosesTheWord() throws {
        let words = try (0..<20).map { try Hangman(settings: .init(), seed: $0).word }
        #expect(Set(words).count > 5)
        #expect(try Hangman(settings: .init(), seed: 9).word == Hangman(settings: .init(), seed: 9).word)
    }

    @Test func builtInListHasFortyDistinctPlainWords() {
        let words = HangmanWordList.builtIn
        #expect(words.count >= 40)
        #expect(Set(words).count == words.count)
        #expect(words.allSatisfy { $0.count >= 2 && $0.allSatisfy { Hangman.alphabet.contains($0) } })
    }

    @Test func wordSchemaBoundsFollowTheWordList() throws {
        let game = try Hangman(settings: .init(words: ["ox", "Giraffe"]), seed: 1)
        let schema = try #require(game.actions.first { $0.name == "guess_word" }?.schema)
        #expect(schema["properties"]?["word"]?["minLength"] == 2)
        #expect(schema["properties"]?["word"]?["maxLength"] == 7)
        #expect(game.words == ["ox", "giraffe"])
    }

    struct BadSettings: Sendable, CustomTestStringConvertible {
        var settings: Hangman.Settings
        var setting: String
        var testDescription: String { "\(settings)" }
    }

    static let badSettings: [BadSettings] = [
        BadSettings(settings: .init(lives: 0), setting: "lives"),
        BadSettings(settings: .init(lives: 27), setting: "lives"),
        BadSettings(settings: .init(words: ["a"]), setting: "words"),
        BadSettings(settings: .init(words: ["hello world"]), setting: "words"),
        BadSettings(settings: .init(words: ["fine", "x1"]), setting: "words"),
        BadSettings(settings: .init(words: ["crème"]), setting: "words"),
    ]

    @Test(arguments: badSettings)
    func inconsistentSettingsNameTheSetting(bad: BadSettings) {
        #expect {
            _ = try Hangman(settings: bad.settings, seed: 1)
        } throws: { error in
            (error as? GamePluginError)?.setting == bad.setting
        }
    }

    @Test func settingsDecodeFromEmptyObjectWithDefaults() throws {
        let settings = try GameTestSupport.settings("{}", for: Hangman.self)
        #expect(settings == Hangman.Settings(words: [], lives: 6))
        let game = try Hangman(settings: settings, seed: 1)
        #expect(game.words == HangmanWordList.builtIn)
        #expect(game.livesLeft == 6)
        try GameTestSupport.expectWellFormed(game)
    }
}
