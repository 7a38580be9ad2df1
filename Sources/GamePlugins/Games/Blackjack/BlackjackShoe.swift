import NeuroProtocol

/// The shuffled cards the dealer deals from: one or more decks.
struct BlackjackShoe: Codable, Hashable, Sendable {
    /// The decks in a full shoe.
    let deckCount: Int
    /// The cards left, the next card last.
    var cards: [PlayingCard] = []

    /// A freshly shuffled shoe.
    init(deckCount: Int, using random: inout SeededRandomNumberGenerator) {
        self.deckCount = deckCount
        shuffle(using: &random)
    }

    /// When fewer cards than this are left at the start of a round, the shoe is reshuffled:
    /// a quarter of the shoe, and always enough for any one round.
    var reshuffleThreshold: Int { max(20, deckCount * 52 / 4) }

    /// Whether the shoe should be reshuffled before the next round.
    var isLow: Bool { cards.count < reshuffleThreshold }

    /// Gathers every card and shuffles.
    mutating func shuffle(using random: inout SeededRandomNumberGenerator) {
        cards = Array(repeating: PlayingCard.deck, count: deckCount).flatMap { $0 }
        cards.shuffle(using: &random)
    }

    /// Deals the next card, reshuffling first if the shoe is somehow empty.
    mutating func deal(using random: inout SeededRandomNumberGenerator) -> PlayingCard {
        if cards.isEmpty { shuffle(using: &random) }
        return cards.removeLast()
    }
}
