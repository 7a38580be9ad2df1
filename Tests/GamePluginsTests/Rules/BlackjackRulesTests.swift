import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

@Suite struct BlackjackRulesTests {
    /// A card from a short name: `A`, `2`…`10`, `J`, `Q`, `K`; the suit does not matter.
    static func card(_ name: String) -> PlayingCard {
        let ranks = ["A": 1, "J": 11, "Q": 12, "K": 13]
        return PlayingCard(rank: ranks[name] ?? Int(name) ?? 2, suit: .spades)
    }

    /// A game whose next cards are `cards`, dealt in order (player, dealer, player, dealer,
    /// then hits and the dealer's draws), on top of a full deck so no reshuffle happens.
    static func game(dealing cards: [String], chips: Int = 100) throws -> Blackjack {
        var game = try Blackjack(settings: .init(startingChips: 100, minimumBet: 10, maximumBet: 50), seed: 1)
        game.shoe.cards = PlayingCard.deck + cards.reversed().map(card)
        game.chips = chips
        return game
    }

    struct IllegalMove: Sendable, CustomTestStringConvertible {
        var label: String
        var moves: [String]
        var actionName: String
        var data: JSONValue?
        var fragment: String
        var testDescription: String { label }
    }

    static let illegalMoves: [IllegalMove] = [
        IllegalMove(label: "hit before betting", moves: [], actionName: "hit", data: nil, fragment: "Place a bet first"),
        IllegalMove(label: "stand before betting", moves: [], actionName: "stand", data: nil, fragment: "Place a bet first"),
        IllegalMove(label: "double before betting", moves: [], actionName: "double", data: nil, fragment: "Place a bet first"),
        IllegalMove(
            label: "bet above the chips", moves: [], actionName: "bet", data: ["amount": 45],
            fragment: "only 40 chips. Bet from 10 to 40"),
        IllegalMove(
            label: "bet below the minimum", moves: [], actionName: "bet", data: ["amount": 5],
            fragment: "amount: 5 is below the minimum 10"),
        IllegalMove(
            label: "bet above the maximum", moves: [], actionName: "bet", data: ["amount": 60],
            fragment: "amount: 60 is above the maximum 50"),
        IllegalMove(
            label: "bet without amount", moves: [], actionName: "bet", data: nil, fragment: "missing required property \"amount\""
        ),
        IllegalMove(label: "second bet", moves: ["bet"], actionName: "bet", data: ["amount": 10], fragment: "already bet 20"),
        IllegalMove(
            label: "double after hitting", moves: ["bet", "hit"], actionName: "double", data: nil,
            fragment: "only as your first move"),
        IllegalMove(
            label: "double without the chips", moves: ["bet", "spend"], actionName: "double", data: nil,
            fragment: "needs 20 more chips"),
        IllegalMove(
            label: "unknown action", moves: ["bet"], actionName: "split", data: nil, fragment: "`hit`, `stand`, `double`"),
    ]

    @Test(arguments: illegalMoves)
    func illegalMoveIsRefusedAndChangesNothing(move: IllegalMove) throws {
        var game = try Self.game(dealing: ["5", "10", "6", "7", "2"], chips: 40)
        for setup in move.moves {
            switch setup {
            case "bet": try GameTestSupport.expectAccepted(&game, "bet", ["amount": 20])
            case "hit": try GameTestSupport.expectAccepted(&game, "hit")
            default: game.chips = 5
            }
        }
        try GameTestSupport.expectRejected(&game, move.actionName, move.data, mentioning: move.fragment)
    }

    struct Round: Sendable, CustomTestStringConvertible {
        var label: String
        var cards: [String]
        var moves: [String]
        var result: RoundResult
        var chips: Int
        var fragment: String
        var testDescription: String { label }
    }

    static let rounds: [Round] = [
        Round(
            label: "player natural pays 3 to 2", cards: ["A", "9", "K", "7"], moves: [], result: .win, chips: 130,
            fragment: "Blackjack! You win 30."),
        Round(
            label: "dealer natural", cards: ["9", "A", "7", "K"], moves: [], result: .loss, chips: 80,
            fragment: "The dealer has blackjack"),
        Round(
            label: "both naturals push", cards: ["A", "A", "Q", "J"], moves: [], result: .draw, chips: 100, fragment: "a push"),
        Round(
            label: "stand beats the dealer", cards: ["10", "10", "9", "7"], moves: ["stand"], result: .win, chips: 120,
            fragment: "Your 19 beats the dealer"),
        Round(
            label: "dealer draws to 21", cards: ["10", "10", "9", "6", "5"], moves: ["stand"], result: .loss, chips: 80,
            fragment: "dealer's 21 beats your 19"),
        Round(
            label: "dealer stands on soft 17", cards: ["10", "A", "8", "6"], moves: ["stand"], result: .win, chips: 120,
            fragment: "Your 18 beats"),
        Round(
            label: "dealer busts", cards: ["10", "10", "2", "6", "K"], moves: ["stand"], result: .win, chips: 120,
            fragment: "You win 20"),
        Round(
            label: "equal totals push", cards: ["10", "10", "8", "8"], moves: ["stand"], result: .draw, chips: 100,
            fragment: "Both have 18"),
        Round(
            label: "hit and bust", cards: ["10", "10", "6", "7", "K"], moves: ["hit"], result: .loss, chips: 80,
            fragment: "You bust with 26"),
        Round(
            label: "hit to 21 stands", cards: ["10", "10", "6", "7", "5"], moves: ["hit"], result: .win, chips: 120,
            fragment: "Your 21 beats"),
        Round(
            label: "double and win", cards: ["5", "10", "6", "7", "10"], moves: ["double"], result: .win, chips: 140,
            fragment: "You win 40"),
        Round(
            label: "double and bust", cards: ["9", "10", "5", "7", "K"], moves: ["double"], result: .loss, chips: 60,
            fragment: "lose 40"),
    ]

    @Test(arguments: rounds)
    func roundSettlesTheBet(round: Round) throws {
        var game = try Self.game(dealing: round.cards)
        var outcomes = [try GameTestSupport.expectAccepted(&game, "bet", ["amount": 20])]
        for move in round.moves {
            outcomes.append(try GameTestSupport.expectAccepted(&game, move))
        }
        let expected: RoundTally
        switch round.result {
        case .win: expected = RoundTally(round: 2, wins: 1)
        case .loss: expected = RoundTally(round: 2, losses: 1)
        case .draw: expected = RoundTally(round: 2, draws: 1)
        }
        #expect(game.tally == expected)
        #expect(game.chips == round.chips)
        #expect(game.phase == .betting && game.bet == 0)
        #expect(game.actions.map(\.name) == ["bet"])
        let text = outcomes.map(GameTestSupport.contextText).joined(separator: "\n")
        #expect(text.contains(round.fragment), "\(text)")
        #expect(text.contains("Round 1: "))
        #expect(text.contains("Chips: \(round.chips)."))
    }

    @Test func doubleIsOfferedOnlyAsTheFirstMove() throws {
        var game = try Self.game(dealing: ["2", "10", "3", "7", "2", "2"])
        #expect(game.actions.map(\.name) == ["bet"])
        try GameTestSupport.expectAccepted(&game, "bet", ["amount": 20])
        #expect(game.actions.map(\.name) == ["hit", "stand", "double"])
        #expect(game.force?.actionNames == ["hit", "stand", "double"])
        try GameTestSupport.expectAccepted(&game, "hit")
        #expect(game.actions.map(\.name) == ["hit", "stand"])
        #expect(game.force?.actionNames == ["hit", "stand"])
        try GameTestSupport.expectWellFormed(game)
    }

    @Test func doubleIsNotOfferedWithoutTheChips() throws {
        var game = try Self.game(dealing: ["2", "10", "3", "7"], chips: 30)
        try GameTestSupport.expectAccepted(&game, "bet", ["amount": 20])
        #expect(game.chips == 10)
        #expect(game.actions.map(\.name) == ["hit", "stand"])
    }

    @Test func brokePlayerIsStakedAgain() throws {
        var game = try Self.game(dealing: ["10", "10", "6", "7", "K"], chips: 15)
        try GameTestSupport.expectAccepted(&game, "bet", ["amount": 10])
        let outcome = try GameTestSupport.expectAccepted(&game, "hit")
        #expect(game.chips == 100)
        #expect(game.restakes == 1)
        #expect(outcome.context.last?.message.contains("the house stakes you again: you have 100 chips") == true)
    }

    @Test func lowShoeIsReshuffledBeforeTheDeal() throws {
        var game = try Blackjack(settings: .init(), seed: 8)
        game.shoe.cards = Array(PlayingCard.deck.prefix(10))
        let outcome = try GameTestSupport.expectAccepted(&game, "bet", ["amount": 10])
        #expect(outcome.context.first?.message == "The dealer shuffles the shoe.")
        #expect(game.shoe.cards.count + 4 == 52)
    }

    @Test func shoeHoldsEveryCardOfEveryDeck() {
        var random = SeededRandomNumberGenerator(seed: 3)
        let shoe = BlackjackShoe(deckCount: 2, using: &random)
        #expect(shoe.cards.count == 104)
        #expect(Set(shoe.cards) == Set(PlayingCard.deck))
        #expect(shoe.cards != PlayingCard.deck + PlayingCard.deck)
    }

    @Test(arguments: [
        (["A", "6"], 17, true),
        (["A", "6", "10"], 17, false),
        (["A", "A", "9"], 21, true),
        (["K", "Q"], 20, false),
        (["A", "K"], 21, true),
        (["10", "5", "K"], 25, false),
    ])
    func handTotalsCountAcesAsElevenWhenTheyFit(cards: [String], total: Int, isSoft: Bool) {
        let hand = BlackjackHand(cards: cards.map(Self.card))
        #expect(hand.total == total)
        #expect(hand.isSoft == isSoft)
    }

    @Test func forceShowsTheHandAndOneDealerCard() throws {
        var game = try Self.game(dealing: ["10", "Q", "6", "4"])
        try GameTestSupport.expectAccepted(&game, "bet", ["amount": 20])
        let state = try #require(game.force?.state)
        #expect(state.contains("Your hand: 10♠ 6♠ (16)"))
        #expect(state.contains("Dealer shows: Q♠ and a hidden card"))
        #expect(!state.contains("4♠"))
        #expect(game.status == "round 1, score 0-0, chips 80")
    }

    struct BadSettings: Sendable, CustomTestStringConvertible {
        var settings: Blackjack.Settings
        var setting: String
        var testDescription: String { "\(settings)" }
    }

    static let badSettings: [BadSettings] = [
        BadSettings(settings: .init(minimumBet: 0), setting: "minimumBet"),
        BadSettings(settings: .init(minimumBet: 20, maximumBet: 10), setting: "maximumBet"),
        BadSettings(settings: .init(startingChips: 5, minimumBet: 10), setting: "startingChips"),
        BadSettings(settings: .init(decks: 0), setting: "decks"),
        BadSettings(settings: .init(decks: 9), setting: "decks"),
    ]

    @Test(arguments: badSettings)
    func inconsistentSettingsNameTheSetting(bad: BadSettings) {
        #expect {
            _ = try Blackjack(settings: bad.settings, seed: 1)
        } throws: { error in
            (error as? GamePluginError)?.setting == bad.setting
        }
    }

    @Test func settingsDecodeFromEmptyObjectWithDefaults() throws {
        let settings = try GameTestSupport.settings("{}", for: Blackjack.self)
        #expect(settings == .init(startingChips: 100, minimumBet: 10, maximumBet: 50, decks: 1))
        let game = try Blackjack(settings: settings, seed: 1)
        #expect(game.chips == 100 && game.shoe.cards.count == 52)
        try GameTestSupport.expectWellFormed(game)
    }
}
