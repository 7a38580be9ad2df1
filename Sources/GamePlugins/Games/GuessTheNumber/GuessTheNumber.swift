import NeuroProtocol

/// Guess the number: Neuro finds a secret number with higher/lower hints in a limited number
/// of guesses.
///
/// `guess` takes a `number` within the settings' range. After each wrong guess the game says
/// whether the secret is higher or lower; a number the hints already rule out is refused and
/// costs nothing. A new secret is drawn for every round.
///
/// ```swift
/// var game = try GuessTheNumber(settings: .init(lowest: 1, highest: 100), seed: 7)
/// let outcome = game.perform("guess", data: ["number": 50])
/// ```
public struct GuessTheNumber: GamePlugin {
    public static let id = "guess-the-number"
    public static let defaultTitle = "Guess the Number"
    public static let summary = "Guess the number: find a secret number with higher/lower hints."

    /// The only action: `guess` a `number` within the settings' range.
    static let guess = GameAction<GuessTheNumber>(
        "guess", description: "Guess the secret number.", arguments: Guess.self,
        schema: { game in
            [
                "type": "object",
                "properties": [
                    "number": [
                        "type": "integer",
                        "minimum": .integer(Int64(game.settings.lowest)),
                        "maximum": .integer(Int64(game.settings.highest)),
                    ]
                ],
                "required": ["number"],
            ]
        }
    ) { game, guess in game.guess(guess.number) }
    public static let allActions = [guess]

    /// The data of `guess`.
    struct Guess: Decodable {
        var number: Int
    }

    // The state is internal rather than private so that the rule tests can lay out positions.

    /// The settings the game was started with.
    let settings: Settings
    /// The secret number of the round being played.
    var secret: Int
    /// The smallest number the hints still allow.
    var low: Int
    /// The largest number the hints still allow.
    var high: Int
    /// Guesses left this round.
    var attemptsLeft: Int
    /// The running score.
    var tally = RoundTally()
    /// Draws the secrets.
    var random: SeededRandomNumberGenerator

    /// Starts a game.
    /// - Throws: ``GamePluginError`` naming `lowest`, `highest` or `attempts` when they are
    ///   inconsistent.
    public init(settings: Settings, seed: UInt64) throws(GamePluginError) {
        try settings.validate()
        self.settings = settings
        self.random = SeededRandomNumberGenerator(seed: seed)
        self.low = settings.lowest
        self.high = settings.highest
        self.attemptsLeft = settings.attempts
        self.secret = Int.random(in: settings.lowest...settings.highest, using: &random)
    }

    public var introduction: String {
        "Guess the number: I picked a whole number from \(settings.lowest) to \(settings.highest). "
            + "Guess it with `guess`; after each guess I say higher or lower. You have \(settings.attempts) guesses per round."
    }

    public var force: ActionForce? {
        let state = [
            "## Guess the number, round \(tally.round)",
            "The number is from \(low) to \(high).",
            "Guesses left: \(attemptsLeft) of \(settings.attempts)",
            "Score: \(tally.score()) (won-lost)",
        ]
        return ActionForce(
            query: "Guess the number with `guess`: pick a number from \(low) to \(high).",
            state: state.joined(separator: "\n"),
            actions: [Self.guess],
            isEphemeralContext: true
        )
    }

    public var status: String { tally.status() }

    /// The range the number is still in, drawn as a bar over the whole range, and the guesses left.
    public var renderedBoard: String? {
        let span = max(1, settings.highest - settings.lowest + 1)
        let width = 24
        let from = (low - settings.lowest) * width / span
        let to = max(from + 1, (high - settings.lowest + 1) * width / span)
        let bar = (0..<width).map { $0 >= from && $0 < to ? "█" : "·" }.joined()
        return "\(settings.lowest) [" + bar + "] \(settings.highest)\nin \(low)…\(high)"
            + "\nguesses left \(attemptsLeft)/\(settings.attempts)\nround \(tally.round), \(tally.score())"
    }

    // MARK: - Saving

    /// Restores a saved game.
    /// - Throws: `DecodingError` when the save is damaged: bad settings, a secret outside
    ///   the range the hints allow, or attempts out of range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        settings = try container.decode(Settings.self, forKey: .settings)
        secret = try container.decode(Int.self, forKey: .secret)
        low = try container.decode(Int.self, forKey: .low)
        high = try container.decode(Int.self, forKey: .high)
        attemptsLeft = try container.decode(Int.self, forKey: .attemptsLeft)
        tally = try container.decode(RoundTally.self, forKey: .tally)
        random = try container.decode(SeededRandomNumberGenerator.self, forKey: .random)
        try SavedGameCheck.requireValid(settings.validate, in: decoder)
        try SavedGameCheck.require(
            settings.lowest <= low && low <= secret && secret <= high && high <= settings.highest,
            "the secret must lie in the range the hints allow, within the settings", in: decoder)
        try SavedGameCheck.require(
            (1...settings.attempts).contains(attemptsLeft), "attempts left must be from 1 to \(settings.attempts)",
            in: decoder)
        try SavedGameCheck.require(tally.isConsistent, "the score must match the round", in: decoder)
    }

    // MARK: - Rules

    private mutating func guess(_ number: Int) -> GameOutcome {
        attemptsLeft -= 1
        guard (low...high).contains(number) else {
            // A guess the hints already rule out is simply wrong, as at a table: it costs a
            // guess and is answered with the range, not refused (a refusal during a force is
            // retried, and a player who ignores the hints would retry in a loop).
            return wrongGuess("\(number) is wrong. The hints already say the number is from \(low) to \(high)")
        }
        let used = settings.attempts - attemptsLeft
        if number == secret {
            let message = "\(number) is right! You found it in \(used) \(used == 1 ? "guess" : "guesses")."
            return .accepted(message, context: finishRound(.win, headline: "You found \(secret)."))
        }
        let hint: String
        if number < secret {
            hint = "higher"
            low = number + 1
        } else {
            hint = "lower"
            high = number - 1
        }
        return wrongGuess("\(number) is wrong: the number is \(hint)", range: " It is from \(low) to \(high)")
    }

    /// The answer to a wrong guess (`summary` without a full stop): the round is lost with the
    /// last guess; otherwise the guesses left, after `range` when given.
    private mutating func wrongGuess(_ summary: String, range: String = "") -> GameOutcome {
        guard attemptsLeft > 0 else {
            return .accepted(
                summary + ".", context: finishRound(.loss, headline: "You are out of guesses. The number was \(secret)."))
        }
        let left = attemptsLeft == 1 ? "1 guess left" : "\(attemptsLeft) guesses left"
        return .accepted(range.isEmpty ? "\(summary); \(left)." : "\(summary).\(range); \(left).")
    }

    /// Scores the round, draws a new secret, and returns the round-end context.
    private mutating func finishRound(_ result: RoundResult, headline: String) -> [GameContext] {
        let finished = tally.round
        tally.record(result)
        low = settings.lowest
        high = settings.highest
        attemptsLeft = settings.attempts
        secret = Int.random(in: low...high, using: &random)
        let message =
            "Round \(finished): \(headline) Score: \(tally.score()) (won-lost). "
            + "Round \(tally.round) starts: a new number from \(low) to \(high)."
        return [GameContext(message)]
    }
}
