/// How a round ended, from Neuro's side.
enum RoundResult: String, Codable, Hashable, Sendable {
    /// Neuro won.
    case win
    /// Neuro lost.
    case loss
    /// Nobody won (a draw, a push).
    case draw
}
