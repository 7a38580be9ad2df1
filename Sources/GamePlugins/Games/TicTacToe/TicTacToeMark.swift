/// A mark on a tic-tac-toe board: Neuro plays X, the built-in opponent O.
enum TicTacToeMark: String, Codable, Hashable, Sendable {
    /// Neuro's mark.
    case x = "X"
    /// The opponent's mark.
    case o = "O"

    /// The other player's mark.
    var opponent: TicTacToeMark { self == .x ? .o : .x }
}
