/// The running score of a game played in rounds, from Neuro's side.
struct RoundTally: Codable, Hashable, Sendable {
    /// The round being played, from 1.
    var round = 1
    /// Rounds Neuro won.
    var wins = 0
    /// Rounds Neuro lost.
    var losses = 0
    /// Rounds that ended even (a draw, a push).
    var draws = 0

    /// Whether the counts can have come from play: none negative, and the round being
    /// played follows the finished ones.
    var isConsistent: Bool { wins >= 0 && losses >= 0 && draws >= 0 && round == completedRounds + 1 }

    /// The rounds that have finished.
    var completedRounds: Int { wins + losses + draws }

    /// Records the result of the round being played and moves on to the next round.
    mutating func record(_ result: RoundResult) {
        switch result {
        case .win: wins += 1
        case .loss: losses += 1
        case .draw: draws += 1
        }
        round += 1
    }

    /// The score as `wins-losses`, with draws added when there were any: `2-1, 1 draw`.
    func score(drawName: String = "draw") -> String {
        let base = "\(wins)-\(losses)"
        guard draws > 0 else { return base }
        return base + ", \(draws) \(drawName)\(draws == 1 ? "" : "s")"
    }

    /// The one-line status: `round 3, score 2-1`.
    func status(drawName: String = "draw") -> String {
        "round \(round), score \(score(drawName: drawName))"
    }
}
