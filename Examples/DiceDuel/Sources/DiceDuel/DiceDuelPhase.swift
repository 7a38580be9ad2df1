/// Where a round of ``DiceDuel`` stands.
public enum DiceDuelPhase: Codable, Hashable, Sendable {
    /// Waiting for Neuro's bet.
    case betting
    /// Neuro bet and rolled: she may reroll some dice, or stand.
    /// - Parameters:
    ///   - bet: the chips at stake.
    ///   - dice: her dice, in order (each 1 to 6).
    ///   - rerollsLeft: how often she may still reroll this round.
    case rolling(bet: Int, dice: [Int], rerollsLeft: Int)
}
