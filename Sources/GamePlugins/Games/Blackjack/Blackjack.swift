import NeuroProtocol

/// Blackjack against a dealer who stands on 17, with chips carried from round to round.
///
/// Each round starts with `bet` (an `amount` from the minimum to the maximum bet). Then
/// Neuro plays her hand with `hit`, `stand`, or, as her first move only, `double` (twice the
/// bet, one more card, then she stands). A natural pays 3 to 2. When she cannot cover the
/// minimum bet after a round, the house stakes her again and says so.
///
/// ```swift
/// var game = try Blackjack(settings: .init(), seed: 3)
/// _ = game.perform("bet", data: ["amount": 20])
/// let outcome = game.perform("stand", data: nil)
/// ```
public struct Blackjack: GamePlugin {
    public static let id = "blackjack"
    public static let defaultTitle = "Blackjack"
    public static let summary = "Blackjack: bet, hit, stand or double against a dealer who stands on 17."

    /// `bet` an `amount` from the minimum to the maximum bet; offered while betting.
    static let bet = GameAction<Blackjack>(
        "bet", description: "Bet chips on the next hand; the cards are dealt at once.", arguments: Bet.self,
        schema: { game in
            [
                "type": "object",
                "properties": [
                    "amount": [
                        "type": "integer",
                        "minimum": .integer(Int64(game.settings.minimumBet)),
                        "maximum": .integer(Int64(game.settings.maximumBet)),
                    ]
                ],
                "required": ["amount"],
            ]
        }
    ) { game, bet in try game.placeBet(bet.amount) }
    /// `hit`: one more card.
    static let hit = GameAction<Blackjack>("hit", description: "Take one more card.") { game in game.hit() }
    /// `stand`: the dealer plays.
    static let stand = GameAction<Blackjack>("stand", description: "Keep your hand; the dealer plays.") { game in
        .accepted("You stand on \(game.playerHand.total).", context: game.playDealerAndSettle())
    }
    /// `double`: as the first move of a hand, with the chips to cover it.
    static let double = GameAction<Blackjack>(
        "double", description: "Double your bet, take exactly one more card, and stand."
    ) { game in game.double() }
    public static let allActions = [bet, hit, stand, double]

    /// The data of `bet`.
    struct Bet: Decodable {
        var amount: Int
    }

    // The state is internal rather than private so that the rule tests can lay out positions.

    /// The settings the game was started with.
    let settings: Settings
    /// The cards left to deal.
    var shoe: BlackjackShoe
    /// Chips Neuro holds, not counting the bet on the table.
    var chips: Int
    /// The bet on the table; 0 while betting.
    var bet = 0
    /// Neuro's hand.
    var playerHand = BlackjackHand()
    /// The dealer's hand; its second card is hidden while Neuro plays.
    var dealerHand = BlackjackHand()
    /// Where the round stands.
    var phase = BlackjackPhase.betting
    /// How often the house staked Neuro again after she went broke.
    var restakes = 0
    /// Rounds won, lost and pushed.
    var tally = RoundTally()
    /// Shuffles the shoe.
    var random: SeededRandomNumberGenerator

    /// Starts a game, waiting for the first bet.
    /// - Throws: ``GamePluginError`` naming the setting at fault.
    public init(settings: Settings, seed: UInt64) throws(GamePluginError) {
        try settings.validate()
        self.settings = settings
        var random = SeededRandomNumberGenerator(seed: seed)
        self.shoe = BlackjackShoe(deckCount: settings.decks, using: &random)
        self.random = random
        self.chips = settings.startingChips
    }

    public var introduction: String {
        "Blackjack: get closer to 21 than the dealer without going over. Bet with `bet`, then `hit` for a card, "
            + "`stand` to stop, or `double` as your first move to double the bet for exactly one more card. "
            + "The dealer stands on 17; a natural blackjack pays 3 to 2. You start with \(settings.startingChips) chips."
    }

    public var availableActions: [GameAction<Blackjack>] {
        switch phase {
        case .betting: [Self.bet]
        case .playing: canDouble ? [Self.hit, Self.stand, Self.double] : [Self.hit, Self.stand]
        }
    }

    public func refusal(forUnavailable action: GameAction<Blackjack>) -> GameRefusal {
        switch (action.name, phase) {
        case (Self.bet.name, _):
            GameRefusal("You already bet \(bet) on this hand. Play it: `hit` or `stand`.")
        case (Self.double.name, .playing) where playerHand.cards.count != 2:
            GameRefusal("You can double only as your first move, and you already hit. Choose `hit` or `stand`.")
        case (Self.double.name, .playing):
            GameRefusal("Doubling needs \(bet) more chips and you have \(chips). Choose `hit` or `stand`.")
        default:
            GameRefusal("No cards are dealt yet. Place a bet first with `bet`.")
        }
    }

    public var force: ActionForce? {
        var state = ["## Blackjack, round \(tally.round)", "Chips: \(chips)"]
        let query: String
        switch phase {
        case .betting:
            state.append("Score: \(scoreLine)")
            query = "Place your bet with `bet`: from \(settings.minimumBet) to \(maximumAffordableBet) chips."
        case .playing:
            state += [
                "Bet: \(bet)",
                "Your hand: \(playerHand.description)",
                "Dealer shows: \(dealerHand.cards[0].name) and a hidden card",
                "Score: \(scoreLine)",
            ]
            query =
                canDouble
                ? "Your move: `hit`, `stand`, or `double` (bet \(bet) more for one last card)."
                : "Your move: `hit` or `stand`."
        }
        // The hand is re-sent with every force: ephemeral, so each copy is seen for its decision only.
        return ActionForce(
            query: query, state: state.joined(separator: "\n"), actions: availableActions, isEphemeralContext: true)
    }

    public var status: String { "\(tally.status(drawName: "push")), chips \(chips)" }

    /// The hands: the dealer's with its hidden card while a round is played, Neuro's, the bet
    /// and the chips.
    public var renderedBoard: String? {
        switch phase {
        case .betting:
            return "chips \(chips), betting\nround \(tally.round), \(scoreLine)"
        case .playing:
            let dealer = dealerHand.cards.first.map { "\($0.name), [hidden]" } ?? "-"
            return "dealer " + dealer + "\nyou    " + playerHand.description + "\nbet \(bet), chips \(chips)"
                + "\nround \(tally.round), \(scoreLine)"
        }
    }

    // MARK: - Saving

    /// Restores a saved game.
    /// - Throws: `DecodingError` when the save is damaged: bad settings, impossible cards,
    ///   negative chips, or hands that do not fit the phase of the round.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        settings = try container.decode(Settings.self, forKey: .settings)
        shoe = try container.decode(BlackjackShoe.self, forKey: .shoe)
        chips = try container.decode(Int.self, forKey: .chips)
        bet = try container.decode(Int.self, forKey: .bet)
        playerHand = try container.decode(BlackjackHand.self, forKey: .playerHand)
        dealerHand = try container.decode(BlackjackHand.self, forKey: .dealerHand)
        phase = try container.decode(BlackjackPhase.self, forKey: .phase)
        restakes = try container.decode(Int.self, forKey: .restakes)
        tally = try container.decode(RoundTally.self, forKey: .tally)
        random = try container.decode(SeededRandomNumberGenerator.self, forKey: .random)
        try SavedGameCheck.requireValid(settings.validate, in: decoder)
        let cards = shoe.cards + playerHand.cards + dealerHand.cards
        try SavedGameCheck.require(
            shoe.deckCount == settings.decks && cards.count <= 52 * settings.decks
                && cards.allSatisfy { (1...13).contains($0.rank) },
            "the shoe and hands must hold cards from \(settings.decks) deck(s)", in: decoder)
        try SavedGameCheck.require(chips >= 0 && restakes >= 0, "chips and restakes must not be negative", in: decoder)
        switch phase {
        case .betting:
            try SavedGameCheck.require(
                bet == 0 && chips >= settings.minimumBet, "a game waiting for a bet must have no bet and chips to bet",
                in: decoder)
        case .playing:
            try SavedGameCheck.require(
                bet >= settings.minimumBet && playerHand.cards.count >= 2 && playerHand.total < 21
                    && dealerHand.cards.count == 2 && !dealerHand.isBlackjack,
                "a hand in play needs a bet, two dealer cards and a player total under 21", in: decoder)
        }
        try SavedGameCheck.require(tally.isConsistent, "the score must match the round", in: decoder)
    }

    // MARK: - Rules

    /// Whether `double` is allowed: as the first move of a hand, with chips to cover it.
    private var canDouble: Bool { phase == .playing && playerHand.cards.count == 2 && chips >= bet }

    /// The largest bet Neuro can make now.
    private var maximumAffordableBet: Int { min(settings.maximumBet, chips) }

    private var scoreLine: String { "\(tally.score(drawName: "push")) (won-lost)" }

    private mutating func placeBet(_ amount: Int) throws(GameRefusal) -> GameOutcome {
        // The schema holds the amount to the bet limits; checked again because chips are taken.
        guard (settings.minimumBet...settings.maximumBet).contains(amount) else {
            throw GameRefusal("Bet from \(settings.minimumBet) to \(maximumAffordableBet) chips, not \(amount).")
        }
        guard amount <= chips else {
            throw GameRefusal(
                "You have only \(chips) chips. Bet from \(settings.minimumBet) to \(maximumAffordableBet).")
        }
        var context: [GameContext] = []
        if shoe.isLow {
            shoe.shuffle(using: &random)
            context.append(GameContext("The dealer shuffles the shoe."))
        }
        chips -= amount
        bet = amount
        playerHand = BlackjackHand()
        dealerHand = BlackjackHand()
        for _ in 0..<2 {
            playerHand.cards.append(shoe.deal(using: &random))
            dealerHand.cards.append(shoe.deal(using: &random))
        }
        phase = .playing
        let message = "You bet \(amount). Your hand: \(playerHand.description). The dealer shows \(dealerHand.cards[0].name)."
        if playerHand.isBlackjack || dealerHand.isBlackjack {
            context += settleNaturals()
        }
        return .accepted(message, context: context)
    }

    private mutating func hit() -> GameOutcome {
        let card = shoe.deal(using: &random)
        playerHand.cards.append(card)
        let message = "You drew \(card.name): \(playerHand.description)."
        if playerHand.isBust {
            return .accepted(message, context: finishRound(.loss, headline: "You bust with \(playerHand.total) and lose \(bet)."))
        }
        if playerHand.total == 21 {
            return .accepted(message + " That is 21, so you stand.", context: playDealerAndSettle())
        }
        return .accepted(message)
    }

    /// Doubles; offered only when ``canDouble``.
    private mutating func double() -> GameOutcome {
        chips -= bet
        bet *= 2
        let card = shoe.deal(using: &random)
        playerHand.cards.append(card)
        let message = "You double to \(bet) and draw \(card.name): \(playerHand.description)."
        if playerHand.isBust {
            return .accepted(message, context: finishRound(.loss, headline: "You bust with \(playerHand.total) and lose \(bet)."))
        }
        return .accepted(message, context: playDealerAndSettle())
    }

    /// Settles a round where either side was dealt a natural.
    private mutating func settleNaturals() -> [GameContext] {
        let reveal = "The dealer turns over \(dealerHand.cards[1].name): \(dealerHand.description)."
        if playerHand.isBlackjack && dealerHand.isBlackjack {
            chips += bet
            return [GameContext(reveal)]
                + finishRound(.draw, headline: "Both of you have blackjack: a push, your \(bet) comes back.")
        }
        if playerHand.isBlackjack {
            let winnings = bet * 3 / 2
            chips += bet + winnings
            return [GameContext(reveal)] + finishRound(.win, headline: "Blackjack! You win \(winnings).")
        }
        return [GameContext(reveal)] + finishRound(.loss, headline: "The dealer has blackjack. You lose \(bet).")
    }

    /// Lets the dealer play out the hand (standing on 17) and settles the bet.
    private mutating func playDealerAndSettle() -> [GameContext] {
        var moves = ["The dealer turns over \(dealerHand.cards[1].name): \(dealerHand.description)."]
        while dealerHand.total < 17 {
            let card = shoe.deal(using: &random)
            dealerHand.cards.append(card)
            moves.append("The dealer draws \(card.name): \(dealerHand.description).")
        }
        moves.append(dealerHand.isBust ? "The dealer busts." : "The dealer stands on \(dealerHand.total).")
        let dealerPlay = GameContext(moves.joined(separator: " "))
        let player = playerHand.total
        let dealer = dealerHand.total
        if dealerHand.isBust || player > dealer {
            chips += bet * 2
            return [dealerPlay] + finishRound(.win, headline: "Your \(player) beats the dealer. You win \(bet).")
        }
        if player == dealer {
            chips += bet
            return [dealerPlay] + finishRound(.draw, headline: "Both have \(player): a push, your \(bet) comes back.")
        }
        return [dealerPlay] + finishRound(.loss, headline: "The dealer's \(dealer) beats your \(player). You lose \(bet).")
    }

    /// Scores the round, re-stakes a broke player, and returns the round-end context.
    private mutating func finishRound(_ result: RoundResult, headline: String) -> [GameContext] {
        let finished = tally.round
        tally.record(result)
        bet = 0
        phase = .betting
        var context = [
            GameContext(
                "Round \(finished): \(headline) Chips: \(chips). Score: \(scoreLine). Round \(tally.round): place your bet.")
        ]
        if chips < settings.minimumBet {
            chips = settings.startingChips
            restakes += 1
            context.append(
                GameContext(
                    "You cannot cover the minimum bet of \(settings.minimumBet), so the house stakes you again: "
                        + "you have \(chips) chips."))
        }
        return context
    }
}
