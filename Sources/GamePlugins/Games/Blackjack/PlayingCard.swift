/// A card from a standard 52-card deck.
struct PlayingCard: Codable, Hashable, Sendable {
    /// A suit.
    enum Suit: String, Codable, Hashable, Sendable, CaseIterable {
        case spades = "♠"
        case hearts = "♥"
        case diamonds = "♦"
        case clubs = "♣"
    }

    /// 1 (ace) to 13 (king).
    var rank: Int
    /// The suit.
    var suit: Suit

    /// The 52 cards of one deck.
    static let deck: [PlayingCard] = Suit.allCases.flatMap { suit in (1...13).map { PlayingCard(rank: $0, suit: suit) } }

    /// The card's blackjack value, with an ace counted as 1.
    var points: Int { min(rank, 10) }

    /// Whether the card is an ace.
    var isAce: Bool { rank == 1 }

    /// The card as Neuro reads it: `A♠`, `10♥`, `K♦`.
    var name: String {
        let rankName: String
        switch rank {
        case 1: rankName = "A"
        case 11: rankName = "J"
        case 12: rankName = "Q"
        case 13: rankName = "K"
        default: rankName = String(rank)
        }
        return rankName + suit.rawValue
    }
}
