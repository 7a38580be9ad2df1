import NeuroProtocol

/// Minesweeper on a small grid: reveal every safe cell without hitting a mine.
///
/// `reveal`, `flag` and `unflag` take a `row` and a `column` (1-based). The first reveal of a
/// round is always safe: the mines are placed after it. A revealed cell with no adjacent mines
/// opens its neighbours. `unflag` is offered only while a flag is down.
///
/// ```swift
/// var game = try Minesweeper(settings: .init(rows: 5, columns: 5, mines: 4), seed: 9)
/// let outcome = game.perform("reveal", data: ["row": 3, "column": 3])
/// ```
public struct Minesweeper: GamePlugin {
    public static let id = "minesweeper"
    public static let defaultTitle = "Minesweeper"
    public static let summary = "Minesweeper: reveal every safe cell of a small grid without hitting a mine."

    /// `reveal` a hidden cell; `flag` one; `unflag` a flagged one (offered only while a flag is down).
    static let reveal = cellAction("reveal", "Reveal a hidden cell. A mine there ends the round.") { game, cell, place in
        try game.reveal(cellAt: cell, place: place)
    }
    static let flag = cellAction("flag", "Put a flag on a hidden cell you think holds a mine.") { game, cell, place in
        try game.flag(cellAt: cell, place: place)
    }
    static let unflag = cellAction("unflag", "Take the flag off a cell.") { game, cell, place in
        try game.unflag(cellAt: cell, place: place)
    }
    public static let allActions = [reveal, flag, unflag]

    /// The data of every action: a cell, 1-based.
    struct Cell: Decodable { var row, column: Int }

    // The state is internal rather than private so that the rule tests can lay out positions.

    /// The settings the game was started with.
    let settings: Settings
    /// The grid of the round being played.
    var grid: MinesweeperGrid
    /// The running score.
    var tally = RoundTally()
    /// Places the mines.
    var random: SeededRandomNumberGenerator

    /// Starts a game.
    /// - Throws: ``GamePluginError`` naming `rows`, `columns` or `mines`.
    public init(settings: Settings, seed: UInt64) throws(GamePluginError) {
        try settings.validate()
        self.settings = settings
        self.grid = MinesweeperGrid(rows: settings.rows, columns: settings.columns, mineCount: settings.mines)
        self.random = SeededRandomNumberGenerator(seed: seed)
    }

    public var introduction: String {
        "Minesweeper: \(settings.mines) mines hide in a \(settings.rows)×\(settings.columns) grid. "
            + "Reveal every safe cell with `reveal` (row and column); a number tells how many mines touch that cell. "
            + "Mark suspected mines with `flag`. Your first reveal is always safe."
    }

    public var availableActions: [GameAction<Minesweeper>] {
        grid.flagCount > 0 ? Self.allActions : [Self.reveal, Self.flag]
    }

    public var force: ActionForce? {
        let state = [
            "## Minesweeper, round \(tally.round)",
            "Mines: \(settings.mines), flags placed: \(grid.flagCount). Score: \(tally.score()) (won-lost).",
            "Legend: `#` hidden, `F` flag, `.` no mines around, a digit counts the mines around.",
            grid.rendered(),
        ]
        return ActionForce(
            query: "Reveal a hidden cell with `reveal`, or flag a suspected mine with `flag` (row and column).",
            state: state.joined(separator: "\n\n"),
            actions: availableActions,
            isEphemeralContext: true
        )
    }

    public var status: String { tally.status() }

    /// The grid as revealed so far (`#` hidden, `F` flag, `.` or a digit revealed), the mines
    /// and flags, and the score.
    public var renderedBoard: String? {
        let grid = grid.rendered().split(separator: "\n").filter { $0 != "```" }.joined(separator: "\n")
        return grid + "\nmines \(settings.mines), flags \(self.grid.flagCount), round \(tally.round), \(tally.score())"
    }

    // MARK: - Saving

    /// Restores a saved game.
    /// - Throws: `DecodingError` when the save is damaged: bad settings, a grid of another
    ///   size or mine count, or a revealed mine.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        settings = try container.decode(Settings.self, forKey: .settings)
        grid = try container.decode(MinesweeperGrid.self, forKey: .grid)
        tally = try container.decode(RoundTally.self, forKey: .tally)
        random = try container.decode(SeededRandomNumberGenerator.self, forKey: .random)
        try SavedGameCheck.requireValid(settings.validate, in: decoder)
        let cells = settings.rows * settings.columns
        try SavedGameCheck.require(
            grid.rows == settings.rows && grid.columns == settings.columns && grid.mineCount == settings.mines
                && grid.mines.count == cells && grid.revealed.count == cells && grid.flagged.count == cells,
            "the grid must be \(settings.rows)×\(settings.columns) with \(settings.mines) mines", in: decoder)
        let placed = grid.mines.filter { $0 }.count
        try SavedGameCheck.require(
            grid.hasMines ? placed == settings.mines : placed == 0 && !grid.revealed.contains(true),
            "the grid must hold \(settings.mines) mines once a cell is revealed", in: decoder)
        try SavedGameCheck.require(
            grid.mines.indices.allSatisfy { !(grid.revealed[$0] && (grid.mines[$0] || grid.flagged[$0])) }
                && !grid.isCleared,
            "a round in progress has no revealed mine or flag and safe cells left", in: decoder)
        try SavedGameCheck.require(tally.isConsistent, "the score must match the round", in: decoder)
    }

    // MARK: - Rules

    /// An action on a cell of the grid; its rule gets the cell's index and its place in words.
    private static func cellAction(
        _ name: String,
        _ description: String,
        rule: @escaping @Sendable (inout Minesweeper, Int, String) throws -> GameOutcome
    ) -> GameAction<Minesweeper> {
        GameAction(
            name, description: description, arguments: Cell.self,
            schema: { game in
                [
                    "type": "object",
                    "properties": [
                        "row": ["type": "integer", "minimum": 1, "maximum": .integer(Int64(game.settings.rows))],
                        "column": ["type": "integer", "minimum": 1, "maximum": .integer(Int64(game.settings.columns))],
                    ],
                    "required": ["row", "column"],
                ]
            }
        ) { game, cell in
            let place = "row \(cell.row), column \(cell.column)"
            // The schema holds both to the grid; checked again because the grid is indexed with them.
            guard (1...game.grid.rows).contains(cell.row), (1...game.grid.columns).contains(cell.column) else {
                throw GameRefusal("There is no cell at \(place) on the \(game.grid.rows)×\(game.grid.columns) grid.")
            }
            return try rule(&game, game.grid.cell(row: cell.row, column: cell.column), place)
        }
    }

    private mutating func flag(cellAt cell: Int, place: String) throws(GameRefusal) -> GameOutcome {
        guard !grid.revealed[cell] else {
            throw GameRefusal("The cell at \(place) is already revealed. Flag a hidden cell (`#`).")
        }
        guard !grid.flagged[cell] else {
            throw GameRefusal("The cell at \(place) is already flagged. Flag another hidden cell, or `reveal` one.")
        }
        grid.setFlag(true, at: cell)
        return .accepted("You flagged \(place). Flags: \(grid.flagCount) of \(settings.mines) mines.")
    }

    private mutating func unflag(cellAt cell: Int, place: String) throws(GameRefusal) -> GameOutcome {
        guard grid.flagged[cell] else {
            throw GameRefusal("There is no flag at \(place). Unflag a cell marked `F`.")
        }
        grid.setFlag(false, at: cell)
        return .accepted("You took the flag off \(place).")
    }

    private mutating func reveal(cellAt cell: Int, place: String) throws(GameRefusal) -> GameOutcome {
        guard !grid.flagged[cell] else {
            throw GameRefusal("The cell at \(place) is flagged. `unflag` it first, or reveal another cell.")
        }
        guard !grid.revealed[cell] else {
            throw GameRefusal("The cell at \(place) is already revealed. Reveal a hidden cell (`#`).")
        }
        if !grid.hasMines { grid.placeMines(avoiding: cell, using: &random) }
        let opened = grid.reveal(cell)
        if grid.mines[cell] {
            return .accepted(
                "Boom! There was a mine at \(place).",
                context: finishRound(.loss, headline: "You hit a mine at \(place).")
            )
        }
        let count = grid.adjacentMines(of: cell)
        var message = "You revealed \(place): \(count == 0 ? "no mines around" : "\(count) mine\(count == 1 ? "" : "s") around")"
        message += opened > 1 ? ", and \(opened - 1) more cells opened." : "."
        if grid.isCleared {
            return .accepted(message, context: finishRound(.win, headline: "You cleared the grid!"))
        }
        return .accepted(message)
    }

    /// Scores the round, lays out a fresh grid, and returns the round-end context.
    private mutating func finishRound(_ result: RoundResult, headline: String) -> [GameContext] {
        let finished = tally.round
        let finalGrid = grid.rendered(isShowingMines: true)
        tally.record(result)
        grid = MinesweeperGrid(rows: settings.rows, columns: settings.columns, mineCount: settings.mines)
        let lines = [
            "Round \(finished): \(headline) The mines were at `*`:",
            finalGrid,
            "Score: \(tally.score()) (won-lost). Round \(tally.round) starts on a fresh grid; your first reveal is safe.",
        ]
        return [GameContext(lines.joined(separator: "\n\n"))]
    }
}
