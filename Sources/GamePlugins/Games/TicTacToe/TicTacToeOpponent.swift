import NeuroProtocol

/// How the built-in opponent picks its squares.
///
/// `perfect` never loses (memoised minimax, choosing at random among equally
/// good squares); `random` picks any empty square; `mixed`, the default, plays the perfect
/// square three times in five and a random one otherwise, so Neuro can win.
public enum TicTacToeOpponent: String, Codable, Hashable, Sendable, CaseIterable {
    /// Never loses.
    case perfect
    /// Picks any empty square.
    case random
    /// Perfect three times in five, random otherwise: beatable.
    case mixed

    /// Picks a square for `mark` on a board that is not finished.
    func chooseSquare(
        on board: TicTacToeBoard,
        for mark: TicTacToeMark,
        using random: inout SeededRandomNumberGenerator
    ) -> Int {
        let empty = board.emptySquares
        let isPerfectMove: Bool
        switch self {
        case .perfect: isPerfectMove = true
        case .random: isPerfectMove = false
        case .mixed: isPerfectMove = Int.random(in: 0..<5, using: &random) < 3
        }
        let candidates = isPerfectMove ? Self.bestSquares(on: board, for: mark) : empty
        return candidates.randomElement(using: &random) ?? empty[0]
    }

    /// The squares with the best minimax value for `mark`, who is to move.
    static func bestSquares(on board: TicTacToeBoard, for mark: TicTacToeMark) -> [Int] {
        // Positions repeat across move orders (a few thousand in all), so one memo table per
        // call keeps even the search from an empty board small.
        let empty = board.emptySquares
        // Every opening square draws with perfect play; skip the largest search.
        if empty.count == 9 { return empty }
        var memo: [Int: Int] = [:]
        var best = Int.min
        var squares: [Int] = []
        for square in empty {
            var next = board
            next.place(mark, at: square)
            let value = -negamax(next, toMove: mark.opponent, memo: &memo)
            if value > best {
                best = value
                squares = [square]
            } else if value == best {
                squares.append(square)
            }
        }
        return squares
    }

    /// The exact value of `board` for the player to move: positive when they win; quicker wins
    /// and slower losses score further from zero.
    private static func negamax(_ board: TicTacToeBoard, toMove mark: TicTacToeMark, memo: inout [Int: Int]) -> Int {
        let key = board.key * 2 + (mark == .x ? 0 : 1)
        if let known = memo[key] { return known }
        let empty = board.emptySquares
        let value: Int
        if board.winner != nil {
            value = -(1 + empty.count)  // the previous mover completed a line
        } else if empty.isEmpty {
            value = 0
        } else {
            var best = Int.min
            for square in empty {
                var next = board
                next.place(mark, at: square)
                best = max(best, -negamax(next, toMove: mark.opponent, memo: &memo))
            }
            value = best
        }
        memo[key] = value
        return value
    }
}
