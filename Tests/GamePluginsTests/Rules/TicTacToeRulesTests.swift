import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

@Suite struct TicTacToeRulesTests {
    /// A game where Neuro starts every round, on a board laid out from a picture: rows of
    /// `X`, `O` and `.`.
    static func game(_ rows: [String], opponent: TicTacToeOpponent = .perfect, seed: UInt64 = 1) throws -> TicTacToe {
        var game = try TicTacToe(settings: .init(opponent: opponent, firstPlayer: .neuro), seed: seed)
        var board = TicTacToeBoard()
        for (index, character) in rows.joined().enumerated() {
            switch character {
            case "X": board.place(.x, at: index)
            case "O": board.place(.o, at: index)
            default: break
            }
        }
        game.board = board
        return game
    }

    struct IllegalMove: Sendable, CustomTestStringConvertible {
        var label: String
        var actionName: String
        var data: JSONValue?
        var fragment: String
        var testDescription: String { label }
    }

    static let illegalMoves: [IllegalMove] = [
        IllegalMove(
            label: "square taken by X", actionName: "play", data: ["row": 1, "column": 1], fragment: "already has your X"),
        IllegalMove(
            label: "square taken by O", actionName: "play", data: ["row": 2, "column": 2],
            fragment: "already has the opponent's O"),
        IllegalMove(label: "unknown action", actionName: "move", data: ["row": 3, "column": 3], fragment: "`play`"),
        IllegalMove(
            label: "row 0", actionName: "play", data: ["row": 0, "column": 1], fragment: "row: 0 is below the minimum 1"),
        IllegalMove(
            label: "column 4", actionName: "play", data: ["row": 1, "column": 4], fragment: "column: 4 is above the maximum 3"),
        IllegalMove(
            label: "missing column", actionName: "play", data: ["row": 1], fragment: "missing required property \"column\""),
        IllegalMove(
            label: "row as text", actionName: "play", data: ["row": "two", "column": 1],
            fragment: "row: must be an integer, not string"),
        IllegalMove(
            label: "fractional row", actionName: "play", data: ["row": 1.5, "column": 1],
            fragment: "row: must be an integer, not number"),
        IllegalMove(label: "no data", actionName: "play", data: nil, fragment: "missing required property \"row\""),
    ]

    @Test(arguments: illegalMoves)
    func illegalMoveIsRefusedAndChangesNothing(move: IllegalMove) throws {
        var game = try Self.game(["X..", ".O.", "..."])
        try GameTestSupport.expectRejected(&game, move.actionName, move.data, mentioning: move.fragment)
    }

    @Test func takenSquareRefusalListsTheEmptySquares() throws {
        var game = try Self.game(["XOX", "OXO", "O.."])
        try GameTestSupport.expectRejected(
            &game, "play", ["row": 1, "column": 2], mentioning: "row 3, column 2; row 3, column 3")
    }

    @Test func completingALineWinsTheRound() throws {
        var game = try Self.game(["XX.", "OO.", "..."])
        let outcome = try GameTestSupport.expectAccepted(&game, "play", ["row": 1, "column": 3])
        #expect(game.tally == RoundTally(round: 2, wins: 1, losses: 0, draws: 0))
        let text = GameTestSupport.contextText(outcome)
        #expect(text.contains("Round 1: You won with three in a row!"))
        #expect(text.contains("Score: you 1, opponent 0, draws 0."))
        #expect(!text.contains("The opponent placed"))
        #expect(game.board == TicTacToeBoard())
        #expect(game.status == "round 2, score 1-0")
    }

    @Test func opponentCompletingALineLosesTheRound() throws {
        var game = try Self.game(["X..", "OO.", "..X"])
        let outcome = try GameTestSupport.expectAccepted(&game, "play", ["row": 1, "column": 2])
        #expect(outcome.context.first?.message == "The opponent placed O at row 2, column 3.")
        #expect(game.tally == RoundTally(round: 2, wins: 0, losses: 1, draws: 0))
        #expect(GameTestSupport.contextText(outcome).contains("Round 1: The opponent won"))
    }

    @Test func fullBoardWithoutALineIsADraw() throws {
        var game = try Self.game(["XOX", "XOO", "OX."])
        let outcome = try GameTestSupport.expectAccepted(&game, "play", ["row": 3, "column": 3])
        #expect(game.tally == RoundTally(round: 2, wins: 0, losses: 0, draws: 1))
        #expect(GameTestSupport.contextText(outcome).contains("Round 1: A draw"))
        #expect(game.status == "round 2, score 0-0, 1 draw")
    }

    @Test func perfectOpponentBlocksAnOpenLine() throws {
        var game = try Self.game(["X..", "...", "..."])
        game.board.place(.o, at: 4)
        try GameTestSupport.expectAccepted(&game, "play", ["row": 1, "column": 2])
        #expect(game.board[2] == .o)
    }

    @Test(arguments: 0..<10)
    func perfectOpponentNeverLoses(seed: UInt64) throws {
        var game = try TicTacToe(settings: .init(opponent: .perfect), seed: seed)
        var random = SeededRandomNumberGenerator(seed: seed + 100)
        for _ in 0..<100 {
            let square = try #require(game.board.emptySquares.randomElement(using: &random))
            try GameTestSupport.expectAccepted(
                &game, "play", ["row": .integer(Int64(square / 3 + 1)), "column": .integer(Int64(square % 3 + 1))])
        }
        #expect(game.tally.completedRounds >= 20)
        #expect(game.tally.wins == 0)
    }

    @Test func randomOpponentCanBeBeaten() throws {
        var wins = 0
        for seed: UInt64 in 0..<20 {
            var game = try TicTacToe(settings: .init(opponent: .random, firstPlayer: .neuro), seed: seed)
            for _ in 0..<5 where game.tally.completedRounds == 0 {
                let best = TicTacToeOpponent.bestSquares(on: game.board, for: .x)
                let square = try #require(best.first)
                try GameTestSupport.expectAccepted(
                    &game, "play", ["row": .integer(Int64(square / 3 + 1)), "column": .integer(Int64(square % 3 + 1))])
            }
            wins += game.tally.wins
            #expect(game.tally.losses == 0, "a perfect X never loses")
        }
        #expect(wins > 10)
    }

    @Test func startingPlayerAlternatesByDefault() throws {
        var game = try TicTacToe(settings: .init(), seed: 5)
        #expect(game.isNeuroStartingRound)
        #expect(game.board.emptySquares.count == 9)
        game.board = TicTacToeBoard()
        game.board.place(.x, at: 0)
        game.board.place(.x, at: 1)
        game.board.place(.o, at: 3)
        game.board.place(.o, at: 4)
        let outcome = try GameTestSupport.expectAccepted(&game, "play", ["row": 1, "column": 3])
        #expect(!game.isNeuroStartingRound)
        #expect(game.board.emptySquares.count == 8, "the opponent opened round 2")
        #expect(GameTestSupport.contextText(outcome).contains("Round 2 starts, and the opponent goes first"))
    }

    @Test func opponentFirstMovesBeforeNeuroEveryRound() throws {
        let game = try TicTacToe(settings: .init(firstPlayer: .opponent), seed: 5)
        #expect(!game.isNeuroStartingRound)
        #expect(game.board.emptySquares.count == 8)
        try GameTestSupport.expectWellFormed(game)
    }

    @Test func forceShowsTheBoardAndScore() throws {
        let game = try Self.game(["X..", ".O.", "..."])
        let force = try #require(game.force)
        #expect(force.actionNames == ["play"])
        let state = try #require(force.state)
        #expect(state.contains("  1 2 3\n1 X . .\n2 . O .\n3 . . ."))
        #expect(state.contains("round 1"))
        try GameTestSupport.expectWellFormed(game)
    }

    @Test func settingsDecodeFromEmptyObjectWithDefaults() throws {
        let settings = try GameTestSupport.settings("{}", for: TicTacToe.self)
        #expect(settings == TicTacToe.Settings(opponent: .mixed, firstPlayer: .alternate))
        let custom = try GameTestSupport.settings(#"{"opponent":"random","firstPlayer":"opponent"}"#, for: TicTacToe.self)
        #expect(custom == TicTacToe.Settings(opponent: .random, firstPlayer: .opponent))
        #expect(throws: DecodingError.self) { try GameTestSupport.settings(#"{"opponent":"cheater"}"#, for: TicTacToe.self) }
    }
}
