/// Who makes the first move of a tic-tac-toe round.
public enum TicTacToeFirstPlayer: String, Codable, Hashable, Sendable, CaseIterable {
    /// Neuro starts every round.
    case neuro
    /// The opponent starts every round.
    case opponent
    /// Neuro starts the first round, then the starter alternates.
    case alternate
}
