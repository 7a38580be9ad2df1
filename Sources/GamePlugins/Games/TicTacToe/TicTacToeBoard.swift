/// A 3×3 tic-tac-toe board; squares are numbered 0...8 row by row.
struct TicTacToeBoard: Codable, Hashable, Sendable {
    /// The squares, row by row; `nil` is empty.
    var squares: [TicTacToeMark?] = Array(repeating: nil, count: 9)

    /// The eight lines that win.
    static let lines: [[Int]] = [
        [0, 1, 2], [3, 4, 5], [6, 7, 8],
        [0, 3, 6], [1, 4, 7], [2, 5, 8],
        [0, 4, 8], [2, 4, 6],
    ]

    /// An empty board.
    init() {}

    /// The square at a 1-based row and column.
    static func square(row: Int, column: Int) -> Int { (row - 1) * 3 + (column - 1) }

    /// The 1-based row and column of a square, as Neuro reads them.
    static func position(of square: Int) -> String { "row \(square / 3 + 1), column \(square % 3 + 1)" }

    /// The mark on a square.
    subscript(square: Int) -> TicTacToeMark? { squares[square] }

    /// Puts a mark on an empty square.
    mutating func place(_ mark: TicTacToeMark, at square: Int) {
        precondition(squares[square] == nil, "rules must check the square is empty")
        squares[square] = mark
    }

    /// The empty squares, in order.
    var emptySquares: [Int] { squares.indices.filter { squares[$0] == nil } }

    /// The mark that completed a line, if any.
    var winner: TicTacToeMark? {
        for line in Self.lines {
            if let mark = squares[line[0]], squares[line[1]] == mark, squares[line[2]] == mark { return mark }
        }
        return nil
    }

    /// Whether every square is taken.
    var isFull: Bool { !squares.contains(nil) }

    /// Whether the round on this board is over.
    var isFinished: Bool { winner != nil || isFull }

    /// A number that identifies the position: the squares read as base-3 digits.
    var key: Int {
        squares.reduce(0) { key, mark in
            key * 3 + (mark == .x ? 1 : mark == .o ? 2 : 0)
        }
    }

    /// The board as a fenced block with row and column numbers.
    var rendered: String {
        var lines = ["```", "  1 2 3"]
        for row in 0..<3 {
            let cells = (0..<3).map { squares[row * 3 + $0]?.rawValue ?? "." }
            lines.append("\(row + 1) " + cells.joined(separator: " "))
        }
        lines.append("```")
        return lines.joined(separator: "\n")
    }

    /// The board as plain text with row and column numbers (no fence), for people watching.
    var picture: String {
        var lines = ["  1 2 3"]
        for row in 0..<3 {
            let cells = (0..<3).map { squares[row * 3 + $0]?.rawValue ?? "." }
            lines.append("\(row + 1) " + cells.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
