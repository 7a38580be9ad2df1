import NeuroProtocol

/// A minesweeper grid: where the mines are and what Neuro has revealed and flagged.
///
/// Cells are numbered row by row from 0; rows and columns are 1-based where Neuro sees them.
/// Mines are placed on the first reveal, away from the revealed cell (and its neighbours
/// when the grid has room), so the first reveal is always safe.
struct MinesweeperGrid: Codable, Hashable, Sendable {
    /// The number of rows.
    let rows: Int
    /// The number of columns.
    let columns: Int
    /// The number of mines.
    let mineCount: Int
    /// Whether each cell holds a mine; all false until ``hasMines``.
    var mines: [Bool]
    /// Whether each cell is revealed.
    var revealed: [Bool]
    /// Whether each cell is flagged.
    var flagged: [Bool]
    /// Whether the mines have been placed (after the first reveal).
    var hasMines = false

    /// An untouched grid.
    init(rows: Int, columns: Int, mineCount: Int) {
        self.rows = rows
        self.columns = columns
        self.mineCount = mineCount
        mines = Array(repeating: false, count: rows * columns)
        revealed = mines
        flagged = mines
    }

    /// The cell at a 1-based row and column.
    func cell(row: Int, column: Int) -> Int { (row - 1) * columns + (column - 1) }

    /// The cells around `cell`.
    func neighbours(of cell: Int) -> [Int] {
        let row = cell / columns
        let column = cell % columns
        var result: [Int] = []
        for dr in -1...1 {
            for dc in -1...1 where dr != 0 || dc != 0 {
                let r = row + dr
                let c = column + dc
                if (0..<rows).contains(r) && (0..<columns).contains(c) { result.append(r * columns + c) }
            }
        }
        return result
    }

    /// The mines around `cell`.
    func adjacentMines(of cell: Int) -> Int { neighbours(of: cell).filter { mines[$0] }.count }

    /// The number of flags placed.
    var flagCount: Int { flagged.filter { $0 }.count }

    /// Whether every safe cell is revealed.
    var isCleared: Bool { hasMines && mines.indices.allSatisfy { mines[$0] || revealed[$0] } }

    /// Places the mines anywhere but `safeCell` and, when there is room, its neighbours.
    mutating func placeMines(avoiding safeCell: Int, using random: inout SeededRandomNumberGenerator) {
        let area = Set([safeCell] + neighbours(of: safeCell))
        let keepOut = mines.count - area.count >= mineCount ? area : [safeCell]
        var candidates = mines.indices.filter { !keepOut.contains($0) }
        candidates.shuffle(using: &random)
        for cell in candidates.prefix(mineCount) { mines[cell] = true }
        hasMines = true
    }

    /// Reveals `cell` and, when it has no adjacent mines, flood-fills the unflagged cells
    /// around it. Returns the number of cells newly revealed.
    mutating func reveal(_ cell: Int) -> Int {
        var stack = [cell]
        var count = 0
        while let next = stack.popLast() {
            guard !revealed[next], !flagged[next] else { continue }
            revealed[next] = true
            count += 1
            if !mines[next] && adjacentMines(of: next) == 0 {
                stack += neighbours(of: next).filter { !revealed[$0] && !flagged[$0] }
            }
        }
        return count
    }

    /// Sets or clears a flag.
    mutating func setFlag(_ isFlagged: Bool, at cell: Int) {
        flagged[cell] = isFlagged
    }

    /// The grid as a fenced block: `#` hidden, `F` flag, `.` no adjacent mine, a digit for
    /// adjacent mines; with `isShowingMines`, `*` marks every mine.
    func rendered(isShowingMines: Bool = false) -> String {
        func pad(_ text: String) -> String { String(repeating: " ", count: max(0, 3 - text.count)) + text }
        var lines = ["```", "   " + (1...columns).map { pad(String($0)) }.joined()]
        for row in 0..<rows {
            var line = pad(String(row + 1))
            for column in 0..<columns {
                let cell = row * columns + column
                let symbol: String
                if isShowingMines && mines[cell] {
                    symbol = "*"
                } else if flagged[cell] {
                    symbol = "F"
                } else if !revealed[cell] {
                    symbol = "#"
                } else {
                    let count = adjacentMines(of: cell)
                    symbol = count == 0 ? "." : String(count)
                }
                line += pad(symbol)
            }
            lines.append(line)
        }
        lines.append("```")
        return lines.joined(separator: "\n")
    }
}
