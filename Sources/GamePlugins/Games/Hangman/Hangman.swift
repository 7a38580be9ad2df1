import NeuroProtocol

/// Hangman: Neuro guesses a hidden word letter by letter, or all at once, before her lives
/// run out.
///
/// `guess_letter` takes a `letter` (a to z); `guess_word` takes a `word`. A wrong guess
/// costs a life; a letter or word already tried is refused and costs nothing. After each word
/// the next round starts with a new one.
///
/// ```swift
/// var game = try Hangman(settings: .init(words: ["swift"]), seed: 1)
/// let outcome = game.perform("guess_letter", data: ["letter": "s"])
/// ```
public struct Hangman: GamePlugin {
    public static let id = "hangman"
    public static let defaultTitle = "Hangman"
    public static let summary = "Hangman: guess the hidden word letter by letter before the lives run out."

    /// The letters Neuro may guess.
    static let alphabet: [Character] = Array("abcdefghijklmnopqrstuvwxyz")
    /// `guess_letter`: one `letter`, a to z.
    static let guessLetter = GameAction<Hangman>(
        "guess_letter", description: "Guess one letter of the hidden word.", arguments: Letter.self,
        schema: [
            "type": "object",
            "properties": ["letter": ["type": "string", "enum": .array(alphabet.map { .string(String($0)) })]],
            "required": ["letter"],
        ]
    ) { game, guess in try game.guessLetter(guess.letter) }
    /// `guess_word`: a whole `word`, as long as the list's words allow.
    static let guessWord = GameAction<Hangman>(
        "guess_word", description: "Guess the whole word. A wrong word costs a life.", arguments: Word.self,
        schema: { game in
            let lengths = game.words.map(\.count)
            return [
                "type": "object",
                "properties": [
                    "word": [
                        "type": "string",
                        "minLength": .integer(Int64(lengths.min() ?? 2)),
                        "maxLength": .integer(Int64(lengths.max() ?? 20)),
                        "pattern": "^[A-Za-z]+$",
                    ]
                ],
                "required": ["word"],
            ]
        }
    ) { game, guess in try game.guessWord(guess.word) }
    public static let allActions = [guessLetter, guessWord]

    /// The data of `guess_letter`.
    struct Letter: Decodable {
        var letter: String
    }

    /// The data of `guess_word`.
    struct Word: Decodable {
        var word: String
    }

    // The state is internal rather than private so that the rule tests can lay out positions.

    /// The settings the game was started with.
    let settings: Settings
    /// The checked, lowercase word list.
    let words: [String]
    /// The word of the round being played.
    var word: String
    /// The letters guessed this round, in order.
    var guessedLetters: [String] = []
    /// The wrong whole-word guesses this round.
    var guessedWords: [String] = []
    /// Lives left this round.
    var livesLeft: Int
    /// The running score.
    var tally = RoundTally()
    /// Picks the words.
    var random: SeededRandomNumberGenerator

    /// Starts a game.
    /// - Throws: ``GamePluginError`` naming `words` or `lives` when they cannot be used.
    public init(settings: Settings, seed: UInt64) throws(GamePluginError) {
        self.settings = settings
        self.words = try settings.validatedWords()
        self.livesLeft = settings.lives
        self.random = SeededRandomNumberGenerator(seed: seed)
        self.word = ""
        self.word = pickWord()
    }

    public var introduction: String {
        "Hangman: guess the hidden word one letter at a time with `guess_letter`, or all at once with "
            + "`guess_word`. Each wrong guess costs one of your \(settings.lives) lives. A new word follows each round."
    }

    public var force: ActionForce? {
        var state = [
            "## Hangman, round \(tally.round)",
            "Word (\(word.count) letters): `\(maskedWord)`",
            "Lives left: \(livesLeft) of \(settings.lives)",
            "Letters guessed: \(guessedLetters.isEmpty ? "none" : guessedLetters.joined(separator: ", "))",
        ]
        if !guessedWords.isEmpty {
            state.append("Wrong words: \(guessedWords.joined(separator: ", "))")
        }
        state.append("Score: \(tally.score()) (won-lost)")
        return ActionForce(
            query: "Guess a letter with `guess_letter`, or the whole word with `guess_word`.",
            state: state.joined(separator: "\n"),
            actions: [Self.guessLetter, Self.guessWord],
            isEphemeralContext: true
        )
    }

    public var status: String { tally.status() }

    /// The word as guessed so far, the lives left as hearts, and the letters tried.
    public var renderedBoard: String? {
        let lives =
            String(repeating: "♥", count: max(0, livesLeft))
            + String(repeating: "·", count: max(0, settings.lives - livesLeft))
        let tried = guessedLetters.isEmpty ? "-" : guessedLetters.joined(separator: " ")
        return maskedWord + "\nlives " + lives + " \(livesLeft)/\(settings.lives)"
            + "\ntried " + tried + "\nround \(tally.round), \(tally.score())"
    }

    // MARK: - Saving

    /// Restores a saved game.
    /// - Throws: `DecodingError` when the save is damaged: bad settings, a word not in the
    ///   list, a guess that is not a letter, or lives out of range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        settings = try container.decode(Settings.self, forKey: .settings)
        words = try container.decode([String].self, forKey: .words)
        word = try container.decode(String.self, forKey: .word)
        guessedLetters = try container.decode([String].self, forKey: .guessedLetters)
        guessedWords = try container.decode([String].self, forKey: .guessedWords)
        livesLeft = try container.decode(Int.self, forKey: .livesLeft)
        tally = try container.decode(RoundTally.self, forKey: .tally)
        random = try container.decode(SeededRandomNumberGenerator.self, forKey: .random)
        let settings = settings
        var validWords: [String] = []
        try SavedGameCheck.requireValid({ () throws(GamePluginError) in validWords = try settings.validatedWords() }, in: decoder)
        try SavedGameCheck.require(words == validWords, "the word list must be the one the settings give", in: decoder)
        try SavedGameCheck.require(words.contains(word), "the word \"\(word)\" must be in the word list", in: decoder)
        try SavedGameCheck.require(
            Set(guessedLetters).count == guessedLetters.count
                && guessedLetters.allSatisfy { $0.count == 1 && $0.allSatisfy(Self.alphabet.contains) },
            "the guessed letters must be distinct letters a to z", in: decoder)
        try SavedGameCheck.require(maskedWord.contains("_"), "the word must not be solved yet", in: decoder)
        let wrong = guessedLetters.filter { !word.contains($0) }.count + guessedWords.count
        try SavedGameCheck.require(
            (1...settings.lives).contains(livesLeft) && livesLeft == settings.lives - wrong,
            "lives left must be \(settings.lives) minus the wrong guesses", in: decoder)
        try SavedGameCheck.require(tally.isConsistent, "the score must match the round", in: decoder)
    }

    // MARK: - Rules

    /// The word with unguessed letters shown as `_`, letters separated by spaces.
    var maskedWord: String {
        word.map { guessedLetters.contains(String($0)) ? String($0) : "_" }.joined(separator: " ")
    }

    private mutating func guessLetter(_ text: String) throws(GameRefusal) -> GameOutcome {
        let letter = text.lowercased()
        guard letter.count == 1, let character = letter.first, Self.alphabet.contains(character) else {
            throw GameRefusal("\"\(text)\" is not a letter. Guess one letter from a to z.")
        }
        guard !guessedLetters.contains(letter) else {
            let untried = Self.alphabet.map(String.init).filter { !guessedLetters.contains($0) }
            throw GameRefusal(
                "You already guessed \"\(letter)\". Guess a letter you have not tried: \(untried.joined(separator: ", ")).")
        }
        guessedLetters.append(letter)
        let hits = word.filter { $0 == character }.count
        if hits > 0 {
            let message = "Yes, \"\(letter)\" appears \(hits == 1 ? "once" : "\(hits) times"): `\(maskedWord)`."
            if !maskedWord.contains("_") {
                return .accepted(message, context: finishRound(.win, headline: "You found the word \"\(word)\"!"))
            }
            return .accepted(message)
        }
        return loseLife("No \"\(letter)\" in the word.")
    }

    private mutating func guessWord(_ text: String) throws(GameRefusal) -> GameOutcome {
        let guess = text.lowercased()
        guard !guess.isEmpty, guess.allSatisfy({ Self.alphabet.contains($0) }) else {
            throw GameRefusal("\"\(text)\" is not a word of letters a to z. Guess a \(word.count)-letter word.")
        }
        guard guess.count == word.count else {
            throw GameRefusal(
                "The word has \(word.count) letters, and \"\(text)\" has \(guess.count). "
                    + "Guess a \(word.count)-letter word, or a letter.")
        }
        guard !guessedWords.contains(guess) else {
            throw GameRefusal("You already guessed \"\(guess)\", and it was wrong. Try another word or a letter.")
        }
        if guess == word {
            return .accepted(
                "Yes, the word is \"\(word)\"!",
                context: finishRound(.win, headline: "You guessed the word \"\(word)\"!")
            )
        }
        guessedWords.append(guess)
        return loseLife("No, the word is not \"\(guess)\".")
    }

    /// Takes a life for a wrong guess and answers with `wrong` and the lives left; the last
    /// life lost ends the round.
    private mutating func loseLife(_ wrong: String) -> GameOutcome {
        livesLeft -= 1
        let message = "\(wrong) \(livesDescription)"
        if livesLeft == 0 {
            return .accepted(message, context: finishRound(.loss, headline: "You are out of lives. The word was \"\(word)\"."))
        }
        return .accepted(message)
    }

    private var livesDescription: String {
        livesLeft == 1 ? "1 life left." : "\(livesLeft) lives left."
    }

    /// Scores the round, starts the next with a new word, and returns the round-end context.
    private mutating func finishRound(_ result: RoundResult, headline: String) -> [GameContext] {
        let finished = tally.round
        tally.record(result)
        guessedLetters = []
        guessedWords = []
        livesLeft = settings.lives
        word = pickWord()
        let message = [
            "Round \(finished): \(headline)",
            "Score: \(tally.score()) (won-lost).",
            "Round \(tally.round) starts with a new \(word.count)-letter word.",
        ]
        return [GameContext(message.joined(separator: " "))]
    }

    /// A random word from the list, different from the current one when the list allows.
    private mutating func pickWord() -> String {
        let choices = words.count > 1 ? words.filter { $0 != word } : words
        return choices.randomElement(using: &random) ?? words[0]
    }
}
