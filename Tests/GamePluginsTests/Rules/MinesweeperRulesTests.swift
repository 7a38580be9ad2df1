import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

@Suite struct MinesweeperRulesTests {
    /// A game whose mines are laid out from a picture: rows of `*` (mine) and `.`.
    static func game(_ rows: [String]) throws -> Minesweeper {
        let mines = rows.joined().map { $0 == "*" }
        var game = try Minesweeper(
            settings: .init(rows: rows.count, columns: rows[0].count, mines: mines.filter { $0 }.count),
            seed: 1
        )
        game.grid.mines = mines
        game.grid.hasMines = true
        return game
    }

    static let layout = [
        "*...",
        "....",
        "....",
        "...*",
    ]

    struct IllegalMove: Sendable, CustomTestStringConvertible {
        var label: String
        var actionName: String
        var data: JSONValue?
        var fragment: String
        var testDescription: String { label }
    }

    static let illegalMoves: [IllegalMove] = [
        IllegalMove(
            label: "reveal a flagged cell", actionName: "reveal", data: ["row": 1, "column": 1],
            fragment: "is flagged. `unflag` it first"),
        IllegalMove(
            label: "reveal a revealed cell", actionName: "reveal", data: ["row": 1, "column": 2], fragment: "already revealed"),
        IllegalMove(
            label: "flag a revealed cell", actionName: "flag", data: ["row": 1, "column": 2],
            fragment: "already revealed. Flag a hidden cell"),
        IllegalMove(
            label: "flag a flagged cell", actionName: "flag", data: ["row": 1, "column": 1], fragment: "already flagged"),
        IllegalMove(
            label: "unflag a cell without a flag", actionName: "unflag", data: ["row": 4, "column": 4],
            fragment: "no flag at row 4, column 4"),
        IllegalMove(
            label: "row 0", actionName: "reveal", data: ["row": 0, "column": 1], fragment: "row: 0 is below the minimum 1"),
        IllegalMove(
            label: "column 5", actionName: "flag", data: ["row": 1, "column": 5], fragment: "column: 5 is above the maximum 4"),
        IllegalMove(
            label: "missing row", actionName: "unflag", data: ["column": 1], fragment: "missing required property \"row\""),
        IllegalMove(
            label: "unknown action", actionName: "dig", data: ["row": 1, "column": 1], fragment: "`reveal`, `flag`, `unflag`"),
    ]

    @Test(arguments: illegalMoves)
    func illegalMoveIsRefusedAndChangesNothing(move: IllegalMove) throws {
        var game = try Self.game(Self.layout)
        try GameTestSupport.expectAccepted(&game, "reveal", ["row": 1, "column": 2])
        try GameTestSupport.expectAccepted(&game, "flag", ["row": 1, "column": 1])
        try GameTestSupport.expectRejected(&game, move.actionName, move.data, mentioning: move.fragment)
    }

    @Test func zeroCellFloodFillsToTheNumbers() throws {
        var game = try Self.game(Self.layout)
        let outcome = try GameTestSupport.expectAccepted(&game, "reveal", ["row": 1, "column": 4])
        #expect(outcome.message == "You revealed row 1, column 4: no mines around, and 13 more cells opened.")
        #expect(game.tally == RoundTally(round: 2, wins: 1))
        let text = GameTestSupport.contextText(outcome)
        #expect(text.contains("Round 1: You cleared the grid!"))
        #expect(text.contains("  1  *  1  .  .\n  2  1  1  .  .\n  3  .  .  1  1\n  4  .  .  1  *"))
    }

    @Test func floodFillStopsAtFlags() throws {
        var game = try Self.game(Self.layout)
        try GameTestSupport.expectAccepted(&game, "flag", ["row": 2, "column": 3])
        let outcome = try GameTestSupport.expectAccepted(&game, "reveal", ["row": 1, "column": 4])
        #expect(outcome.message.hasPrefix("You revealed row 1, column 4: no mines around"))
        #expect(!game.grid.revealed[game.grid.cell(row: 2, column: 3)])
        #expect(game.grid.flagged[game.grid.cell(row: 2, column: 3)])
        #expect(game.tally.completedRounds == 0)
        let rendered = game.grid.rendered()
        #expect(rendered.contains("  2  #  1  F  ."))
    }

    @Test func numberedCellOpensOnlyItself() throws {
        var game = try Self.game(Self.layout)
        let outcome = try GameTestSupport.expectAccepted(&game, "reveal", ["row": 2, "column": 2])
        #expect(outcome.message == "You revealed row 2, column 2: 1 mine around.")
        #expect(game.grid.revealed.filter { $0 }.count == 1)
    }

    @Test func revealingAMineLosesAndShowsTheMines() throws {
        var game = try Self.game(Self.layout)
        let outcome = try GameTestSupport.expectAccepted(&game, "reveal", ["row": 4, "column": 4])
        #expect(outcome.message == "Boom! There was a mine at row 4, column 4.")
        #expect(game.tally == RoundTally(round: 2, losses: 1))
        let text = GameTestSupport.contextText(outcome)
        #expect(text.contains("You hit a mine at row 4, column 4."))
        #expect(text.contains(" 1  *  #  #  #"))
        #expect(!game.grid.hasMines && !game.grid.revealed.contains(true), "round 2 starts on a fresh grid")
    }

    @Test func unflagIsOfferedOnlyWhileAFlagIsDown() throws {
        var game = try Self.game(Self.layout)
        #expect(game.actions.map(\.name) == ["reveal", "flag"])
        try GameTestSupport.expectAccepted(&game, "flag", ["row": 3, "column": 3])
        #expect(game.actions.map(\.name) == ["reveal", "flag", "unflag"])
        #expect(game.force?.actionNames == ["reveal", "flag", "unflag"])
        try GameTestSupport.expectAccepted(&game, "unflag", ["row": 3, "column": 3])
        #expect(game.actions.map(\.name) == ["reveal", "flag"])
    }

    @Test(arguments: 0..<50)
    func firstRevealIsAlwaysSafe(seed: UInt64) throws {
        var game = try Minesweeper(settings: .init(rows: 5, columns: 5, mines: 10), seed: seed)
        var random = SeededRandomNumberGenerator(seed: seed)
        let row = Int64.random(in: 1...5, using: &random)
        let column = Int64.random(in: 1...5, using: &random)
        let outcome = try GameTestSupport.expectAccepted(
            &game, "reveal", .object(["row": .integer(row), "column": .integer(column)]))
        #expect(game.tally.completedRounds == 0)
        #expect(outcome.message.contains("no mines around"), "the grid had room to keep the neighbours clear")
        #expect(game.grid.mines.filter { $0 }.count == 10)
    }

    @Test func crowdedGridKeepsOnlyTheFirstCellSafe() throws {
        var game = try Minesweeper(settings: .init(rows: 3, columns: 3, mines: 8), seed: 2)
        let outcome = try GameTestSupport.expectAccepted(&game, "reveal", ["row": 2, "column": 2])
        #expect(outcome.message == "You revealed row 2, column 2: 8 mines around.")
        #expect(game.tally == RoundTally(round: 2, wins: 1))
    }

    @Test func schemaBoundsFollowTheSettings() throws {
        let game = try Minesweeper(settings: .init(rows: 4, columns: 9, mines: 5), seed: 1)
        for action in game.actions {
            let properties = try #require(action.schema?["properties"])
            #expect(properties["row"] == ["type": "integer", "minimum": 1, "maximum": 4])
            #expect(properties["column"] == ["type": "integer", "minimum": 1, "maximum": 9])
        }
        #expect(game.force?.isEphemeralContext == true)
        try GameTestSupport.expectWellFormed(game)
    }

    struct BadSettings: Sendable, CustomTestStringConvertible {
        var settings: Minesweeper.Settings
        var setting: String
        var testDescription: String { "\(settings)" }
    }

    static let badSettings: [BadSettings] = [
        BadSettings(settings: .init(rows: 2), setting: "rows"),
        BadSettings(settings: .init(rows: 13), setting: "rows"),
        BadSettings(settings: .init(columns: 2), setting: "columns"),
        BadSettings(settings: .init(columns: 13), setting: "columns"),
        BadSettings(settings: .init(mines: 0), setting: "mines"),
        BadSettings(settings: .init(rows: 3, columns: 3, mines: 9), setting: "mines"),
    ]

    @Test(arguments: badSettings)
    func inconsistentSettingsNameTheSetting(bad: BadSettings) {
        #expect {
            _ = try Minesweeper(settings: bad.settings, seed: 1)
        } throws: { error in
            (error as? GamePluginError)?.setting == bad.setting
        }
    }

    @Test func settingsDecodeFromEmptyObjectWithDefaults() throws {
        #expect(try GameTestSupport.settings("{}", for: Minesweeper.self) == .init(rows: 6, columns: 6, mines: 6))
    }
}
