/// Where a round of blackjack stands.
enum BlackjackPhase: String, Codable, Hashable, Sendable {
    /// Waiting for Neuro's bet; no cards are dealt.
    case betting
    /// Cards are dealt and Neuro is playing her hand.
    case playing
}
