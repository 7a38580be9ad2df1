import GamePlugins
import NeuroProtocol

/// Dice Duel: Neuro bets chips, rolls her dice, may reroll some of them, and stands; then the
/// house rolls as many dice, and the higher total takes the bet (a tie gives it back).
///
/// A match is ``Settings/rounds`` rounds, or ends early when Neuro has no chips left; she wins
/// it when she ends with more chips than she started with. Then a new match starts.
///
/// Three actions, each offered only when it can be used:
/// - `bet` with `chips` (from 1 to the smaller of `maximumBet` and her chips), while betting;
/// - `reroll` with `dice`, the positions of the dice to roll again (1 is the first), while a
///   reroll is left;
/// - `stand`, without data, once she has rolled.
///
/// ```swift
/// var game = try DiceDuel(settings: .init(dice: 3), seed: 7)
/// _ = try game.perform("bet", data: ["chips": 2])
/// _ = try game.perform("reroll", data: ["dice": [1, 3]])
/// let outcome = try game.perform("stand", data: nil)
/// ```
public struct DiceDuel: GamePlugin {
    public static let id = "dice-duel"
    public static let defaultTitle = "Dice Duel"
    public static let summary = "Dice duel: bet chips, roll, reroll, stand, and beat the house's total."

    // MARK: - Actions

    /// The data of `bet`.
    struct Bet: Decodable, Sendable {
        var chips: Int
    }

    /// The data of `reroll`.
    struct Reroll: Decodable, Sendable {
        var dice: [Int]
    }

    /// Bets chips on the round and rolls. Its range comes from the settings and the chips left.
    static let bet = GameAction<DiceDuel>(
        "bet", description: "Bet chips on this round; then your dice are rolled.", arguments: Bet.self,
        schema: { game in
            [
                "type": "object",
                "properties": ["chips": ["type": "integer", "minimum": 1, "maximum": .integer(Int64(game.largestBet))]],
                "required": ["chips"],
            ]
        }
    ) { game, bet in try game.placeBet(bet.chips) }

    /// Rolls some dice again, named by position.
    static let reroll = GameAction<DiceDuel>(
        "reroll", description: "Roll some of your dice again, by position (1 is the first die).", arguments: Reroll.self,
        schema: { game in
            let dice = Int64(game.settings.dice)
            return [
                "type": "object",
                "properties": [
                    "dice": [
                        "type": "array", "items": ["type": "integer", "minimum": 1, "maximum": .integer(dice)],
                        "minItems": 1, "maxItems": .integer(dice),
                    ]
                ],
                "required": ["dice"],
            ]
        }
    ) { game, reroll in try game.reroll(reroll.dice) }

    /// Keeps the dice; the house rolls and the round is settled.
    static let stand = GameAction<DiceDuel>("stand", description: "Keep your dice; the house rolls.") { game in
        try game.stand()
    }

    public static let allActions = [bet, reroll, stand]

    // MARK: - State

    /// The settings the game was started with.
    let settings: Settings
    /// Rolls every die, Neuro's and the house's.
    var random: SeededRandomNumberGenerator
    /// Neuro's chips.
    var chips: Int
    /// The match being played, from 1.
    var match = 1
    /// The round of the match being played, from 1.
    var round = 1
    /// Matches Neuro won.
    var matchesWon = 0
    /// Matches Neuro lost.
    var matchesLost = 0
    /// Where the round stands.
    var phase = DiceDuelPhase.betting

    /// Starts a game.
    /// - Throws: `GamePluginError` naming the setting that is out of range.
    public init(settings: Settings, seed: UInt64) throws(GamePluginError) {
        try settings.validate()
        self.settings = settings
        self.random = SeededRandomNumberGenerator(seed: seed)
        self.chips = settings.startingChips
    }

    /// The most Neuro may bet now.
    var largestBet: Int { min(settings.maximumBet, chips) }

    public var introduction: String {
        "Dice Duel: bet chips with `bet`, then you roll \(settings.dice == 1 ? "one die" : "\(settings.dice) dice"). "
            + (settings.rerolls > 0
                ? "You may `reroll` some of them \(timesText(settings.rerolls)) a round, then `stand`. "
                : "Then `stand`. ")
            + "The house rolls as many dice, and the higher total takes the bet; a tie gives it back. "
            + "A match is \(settings.rounds) rounds, starting with \(settings.startingChips) chips."
    }

    public var availableActions: [GameAction<DiceDuel>] {
        switch phase {
        case .betting: [Self.bet]
        case .rolling(_, _, let rerollsLeft): rerollsLeft > 0 ? [Self.reroll, Self.stand] : [Self.stand]
        }
    }

    public var force: ActionForce? {
        let state =
            "Match \(match), round \(round) of \(settings.rounds). Chips: \(chips). Matches: \(matchesWon)-\(matchesLost)."
        switch phase {
        case .betting:
            return ActionForce(
                query: "Bet with `bet`: from 1 to \(largestBet) chips.", state: state, actions: [Self.bet],
                isEphemeralContext: true)
        case .rolling(let bet, let dice, let rerollsLeft):
            let roll = "You bet \(bet) and rolled \(Self.describe(dice))."
            guard rerollsLeft > 0 else {
                return ActionForce(
                    query: roll + " No rerolls left: `stand`.", state: state, actions: [Self.stand], isEphemeralContext: true)
            }
            return ActionForce(
                query: roll + " Reroll some dice with `reroll` (\(timesText(rerollsLeft)) left), or `stand`.", state: state,
                actions: [Self.reroll, Self.stand], isEphemeralContext: true)
        }
    }

    public var status: String { "match \(match), round \(round), chips \(chips), matches \(matchesWon)-\(matchesLost)" }

    /// Neuro's dice as faces (while she rolls), the bet and the chips, for the dashboard.
    public var renderedBoard: String? {
        let faces = ["⚀", "⚁", "⚂", "⚃", "⚄", "⚅"]
        switch phase {
        case .betting:
            return "match \(match), round \(round)/\(settings.rounds)\nchips \(chips), betting"
        case .rolling(let bet, let dice, let rerollsLeft):
            let roll = dice.map { (1...6).contains($0) ? faces[$0 - 1] : "?" }.joined(separator: " ")
            return "dice " + roll + "\nbet \(bet), chips \(chips), rerolls left \(rerollsLeft)"
                + "\nmatch \(match), round \(round)/\(settings.rounds)"
        }
    }

    public func refusal(forUnavailable action: GameAction<DiceDuel>) -> GameRefusal {
        switch phase {
        case .betting: GameRefusal("No dice are rolled yet. Place a bet first with `bet`.")
        case .rolling: GameRefusal("You already bet this round. Use `reroll` or `stand`.")
        }
    }

    // MARK: - Saving

    private enum CodingKeys: String, CodingKey {
        case settings
        case random
        case chips
        case match
        case round
        case matchesWon
        case matchesLost
        case phase
    }

    /// Restores a saved game.
    /// - Throws: `DecodingError` when the save is damaged: bad settings, chips or dice out of
    ///   range, a bet above the chips.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        settings = try container.decode(Settings.self, forKey: .settings)
        random = try container.decode(SeededRandomNumberGenerator.self, forKey: .random)
        chips = try container.decode(Int.self, forKey: .chips)
        match = try container.decode(Int.self, forKey: .match)
        round = try container.decode(Int.self, forKey: .round)
        matchesWon = try container.decode(Int.self, forKey: .matchesWon)
        matchesLost = try container.decode(Int.self, forKey: .matchesLost)
        phase = try container.decode(DiceDuelPhase.self, forKey: .phase)
        try SavedGameCheck.requireValid(settings.validate, in: decoder)
        try SavedGameCheck.require(chips >= 1, "chips must be at least 1 during a match", in: decoder)
        try SavedGameCheck.require(
            (1...settings.rounds).contains(round), "round must be from 1 to \(settings.rounds)", in: decoder)
        try SavedGameCheck.require(
            match >= 1 && matchesWon >= 0 && matchesLost >= 0 && matchesWon + matchesLost == match - 1,
            "the matches won and lost must be the matches before this one", in: decoder)
        if case .rolling(let bet, let dice, let rerollsLeft) = phase {
            try SavedGameCheck.require((1...chips).contains(bet), "the bet must be from 1 to the chips", in: decoder)
            try SavedGameCheck.require(
                dice.count == settings.dice && dice.allSatisfy { (1...6).contains($0) },
                "there must be \(settings.dice) dice, each from 1 to 6", in: decoder)
            try SavedGameCheck.require(
                (0...settings.rerolls).contains(rerollsLeft), "rerolls left must be from 0 to \(settings.rerolls)", in: decoder)
        }
    }

    // MARK: - Rules

    private mutating func placeBet(_ bet: Int) throws -> GameOutcome {
        guard (1...largestBet).contains(bet) else {
            throw GameRefusal("Bet from 1 to \(largestBet) chips with `bet`.")
        }
        let dice = roll(settings.dice)
        phase = .rolling(bet: bet, dice: dice, rerollsLeft: settings.rerolls)
        return .accepted("You bet \(bet) and rolled \(Self.describe(dice)).")
    }

    private mutating func reroll(_ positions: [Int]) throws -> GameOutcome {
        guard case .rolling(let bet, var dice, let rerollsLeft) = phase, rerollsLeft > 0 else {
            throw GameRefusal("There is nothing to reroll now.")
        }
        guard Set(positions).count == positions.count else {
            throw GameRefusal("Name each die once: `reroll` with positions from 1 to \(dice.count), no repeats.")
        }
        guard positions.allSatisfy({ (1...dice.count).contains($0) }) else {
            throw GameRefusal("Name dice by position, from 1 to \(dice.count), with `reroll`.")
        }
        for position in positions {
            dice[position - 1] = Int.random(in: 1...6, using: &random)
        }
        phase = .rolling(bet: bet, dice: dice, rerollsLeft: rerollsLeft - 1)
        let named = positions.sorted().map(String.init).joined(separator: ", ")
        return .accepted("You rerolled \(positions.count == 1 ? "die" : "dice") \(named): now \(Self.describe(dice)).")
    }

    private mutating func stand() throws -> GameOutcome {
        guard case .rolling(let bet, let dice, _) = phase else {
            throw GameRefusal("Place a bet first with `bet`.")
        }
        let house = roll(settings.dice)
        let (mine, theirs) = (dice.reduce(0, +), house.reduce(0, +))
        let verdict: String
        if mine > theirs {
            chips += bet
            verdict = "You win \(bet) chips"
        } else if mine < theirs {
            chips -= bet
            verdict = "You lose \(bet) chips"
        } else {
            verdict = "A tie: you keep your bet"
        }
        let message = "The house rolled \(Self.describe(house)) against your \(mine). \(verdict); you have \(chips) chips."
        phase = .betting
        return .accepted(message, context: finishRound())
    }

    /// Moves on to the next round, or ends the match and starts the next one.
    private mutating func finishRound() -> [GameContext] {
        guard round >= settings.rounds || chips == 0 else {
            round += 1
            return []
        }
        let isWon = chips > settings.startingChips
        if isWon { matchesWon += 1 } else { matchesLost += 1 }
        let summary =
            "Match \(match) is over after \(round) rounds: you end with \(chips) chips of \(settings.startingChips), so you "
            + (isWon ? "win it" : "lose it") + ". Matches: \(matchesWon)-\(matchesLost). "
            + "Match \(match + 1) starts with \(settings.startingChips) chips; bet with `bet`."
        match += 1
        round = 1
        chips = settings.startingChips
        return [GameContext(summary, isSilent: false)]
    }

    private mutating func roll(_ count: Int) -> [Int] {
        (0..<count).map { _ in Int.random(in: 1...6, using: &random) }
    }

    private static func describe(_ dice: [Int]) -> String {
        dice.map(String.init).joined(separator: ", ") + " (total \(dice.reduce(0, +)))"
    }

    private func timesText(_ count: Int) -> String { count == 1 ? "once" : "\(count) times" }
}
