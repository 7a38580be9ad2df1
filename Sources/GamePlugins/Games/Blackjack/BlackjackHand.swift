/// The cards one side holds in a round of blackjack.
struct BlackjackHand: Codable, Hashable, Sendable {
    /// The cards, in the order they were dealt.
    var cards: [PlayingCard] = []

    /// The best total: aces count 11 when that does not bust the hand.
    var total: Int {
        let hard = cards.reduce(0) { $0 + $1.points }
        return isSoft ? hard + 10 : hard
    }

    /// Whether an ace counts as 11 in ``total``.
    var isSoft: Bool {
        let hard = cards.reduce(0) { $0 + $1.points }
        return cards.contains(where: \.isAce) && hard + 10 <= 21
    }

    /// Whether the hand is over 21.
    var isBust: Bool { total > 21 }

    /// Whether the hand is a natural: 21 with its first two cards.
    var isBlackjack: Bool { cards.count == 2 && total == 21 }

    /// The cards and total: `K♠ 7♥ (17)`.
    var description: String {
        cards.map(\.name).joined(separator: " ") + " (\(isSoft ? "soft " : "")\(total))"
    }
}
