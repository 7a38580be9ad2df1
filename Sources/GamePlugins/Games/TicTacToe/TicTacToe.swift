import NeuroProtocol

/// Tic-tac-toe: Neuro plays X against a built-in opponent, round after round.
///
/// Neuro picks a square with `play` (`row` and `column`, 1 to 3). The opponent answers at
/// once and its move arrives as a context message. When a round ends the next starts on an
/// empty board; with `firstPlayer: "alternate"` the starter changes every round.
///
/// ```swift
/// var game = try TicTacToe(settings: .init(opponent: .perfect), seed: 1)
/// let outcome = game.perform("play", data: ["row": 2, "column": 2])
/// ```
public struct TicTacToe: GamePlugin {
    public static let id = "tic-tac-toe"
    public static let defaultTitle = "Tic-Tac-Toe"
    public static let summary = "Tic-tac-toe: Neuro plays X against a built-in opponent, round after round."

    /// The only action: `play` a square, by `row` and `column`.
    static let play = GameAction<TicTacToe>(
        "play", description: "Place your X on an empty square, given by row and column (1 to 3).",
        arguments: Square.self,
        schema: [
            "type": "object",
            "properties": [
                "row": ["type": "integer", "minimum": 1, "maximum": 3],
                "column": ["type": "integer", "minimum": 1, "maximum": 3],
            ],
            "required": ["row", "column"],
        ]
    ) { game, square in try game.play(row: square.row, column: square.column) }
    public static let allActions = [play]

    /// The data of `play`.
    struct Square: Decodable {
        var row: Int
        var column: Int
    }

    // The state is internal rather than private so that the rule tests can lay out positions.

    /// The settings the game was started with.
    let settings: Settings
    /// The board of the round being played.
    var board = TicTacToeBoard()
    /// The running score.
    var tally = RoundTally()
    /// Whether Neuro made (or makes) the first move of the round being played.
    var isNeuroStartingRound: Bool
    /// Every random choice the opponent makes.
    var random: SeededRandomNumberGenerator

    /// Starts a game. When the opponent starts, it has already made its first move.
    public init(settings: Settings, seed: UInt64) throws(GamePluginError) {
        self.settings = settings
        self.random = SeededRandomNumberGenerator(seed: seed)
        self.isNeuroStartingRound = settings.firstPlayer != .opponent
        if !isNeuroStartingRound { _ = playOpponentMove() }
    }

    public var introduction: String {
        "Tic-tac-toe: you are X, the opponent is O. Take turns placing your mark with `play` "
            + "(row and column, 1 to 3); three in a row wins. A new round starts after each one."
    }

    public var force: ActionForce? {
        let state = [
            "## Tic-tac-toe, round \(tally.round)",
            "You are X, the opponent is O. Score: \(scoreLine).",
            board.rendered,
        ]
        return ActionForce(
            query: "It is your turn. Place your X on an empty square with `play`.",
            state: state.joined(separator: "\n\n"),
            actions: [Self.play],
            isEphemeralContext: true
        )
    }

    public var status: String { tally.status() }

    /// The board of the round being played, X for Neuro and O for the opponent, and the score.
    public var renderedBoard: String? { board.picture + "\nround \(tally.round), " + scoreLine }

    // MARK: - Saving

    /// Restores a saved game.
    /// - Throws: `DecodingError` when the save is damaged: a board that is not 3×3, a
    ///   finished board, or mark counts that do not fit whose turn it is.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        settings = try container.decode(Settings.self, forKey: .settings)
        board = try container.decode(TicTacToeBoard.self, forKey: .board)
        tally = try container.decode(RoundTally.self, forKey: .tally)
        isNeuroStartingRound = try container.decode(Bool.self, forKey: .isNeuroStartingRound)
        random = try container.decode(SeededRandomNumberGenerator.self, forKey: .random)
        try SavedGameCheck.require(board.squares.count == 9, "the board must have 9 squares", in: decoder)
        try SavedGameCheck.require(!board.isFinished, "the board must be a round in progress", in: decoder)
        let xs = board.squares.filter { $0 == .x }.count
        let os = board.squares.filter { $0 == .o }.count
        try SavedGameCheck.require(
            os - xs == (isNeuroStartingRound ? 0 : 1), "the board must have Neuro (X) to move", in: decoder)
        try SavedGameCheck.require(tally.isConsistent, "the score must match the round", in: decoder)
    }

    // MARK: - Rules

    /// The score as Neuro reads it.
    private var scoreLine: String {
        "you \(tally.wins), opponent \(tally.losses), draws \(tally.draws)"
    }

    private mutating func play(row: Int, column: Int) throws(GameRefusal) -> GameOutcome {
        // The schema holds both to 1...3; checked again because the board is indexed with them.
        guard (1...3).contains(row), (1...3).contains(column) else {
            throw GameRefusal("Row and column must each be from 1 to 3, not \(row) and \(column).")
        }
        let square = TicTacToeBoard.square(row: row, column: column)
        if let mark = board[square] {
            let free = board.emptySquares.map(TicTacToeBoard.position(of:)).joined(separator: "; ")
            throw GameRefusal(
                "Row \(row), column \(column) already has \(mark == .x ? "your X" : "the opponent's O"). "
                    + "Pick an empty square: \(free)."
            )
        }
        board.place(.x, at: square)
        let message = "You placed X at row \(row), column \(column)."
        var context: [GameContext] = []
        if !board.isFinished {
            let reply = playOpponentMove()
            context.append(GameContext("The opponent placed O at \(TicTacToeBoard.position(of: reply))."))
        }
        if board.isFinished {
            context += finishRound()
        }
        return .accepted(message, context: context)
    }

    /// Lets the opponent move; returns its square.
    private mutating func playOpponentMove() -> Int {
        let square = settings.opponent.chooseSquare(on: board, for: .o, using: &random)
        board.place(.o, at: square)
        return square
    }

    /// Scores the finished round and starts the next; returns the context messages.
    private mutating func finishRound() -> [GameContext] {
        let result: RoundResult
        let headline: String
        switch board.winner {
        case .x:
            result = .win
            headline = "Round \(tally.round): You won with three in a row!"
        case .o:
            result = .loss
            headline = "Round \(tally.round): The opponent won with three in a row."
        case nil:
            result = .draw
            headline = "Round \(tally.round): A draw, the board is full."
        }
        let finalBoard = board.rendered
        tally.record(result)
        if settings.firstPlayer == .alternate { isNeuroStartingRound.toggle() }
        board = TicTacToeBoard()
        var lines = [headline, finalBoard, "Score: \(scoreLine)."]
        if isNeuroStartingRound {
            lines.append("Round \(tally.round) starts on an empty board, and you go first.")
        } else {
            let opening = playOpponentMove()
            lines.append(
                "Round \(tally.round) starts, and the opponent goes first: it placed O at "
                    + "\(TicTacToeBoard.position(of: opening)).")
        }
        return [GameContext(lines.joined(separator: "\n\n"))]
    }
}
