import Foundation
import Testing

@testable import NeuroHost

@Suite struct StatusViewTests {
    let games = [
        GameStatus(
            title: "Tic Tac Toe", plugin: "tic-tac-toe", state: .connected, sessions: 2, reconnects: 1, actionsHandled: 37,
            failures: 2, secondsInCurrentSession: 185, gameStatus: "round 4, score 2-1"),
        GameStatus(
            title: "Hangman", plugin: "hangman", state: .backingOff, sessions: 1, actionsHandled: 3,
            lastError: "connection refused",
            gameStatus: "word 2"),
    ]

    @Test func tableHasAHeaderAndOneAlignedRowPerGame() {
        let lines = StatusView.table(games).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("GAME         STATE"))
        #expect(lines[1].hasPrefix("Tic Tac Toe  connected"))
        #expect(lines[1].contains("3m05s"))
        #expect(lines[1].hasSuffix("round 4, score 2-1"))
        #expect(lines[2].hasSuffix("word 2 | connection refused"))
        // Numeric columns are right-aligned: the ACTIONS column ends at the same offset.
        let header = lines[0]
        let actionsEnd = header.range(of: "ACTIONS")!.upperBound.utf16Offset(in: header)
        #expect(lines[1].prefix(actionsEnd).hasSuffix("37"))
        #expect(lines[2].prefix(actionsEnd).hasSuffix(" 3"))
    }

    @Test func longCellsAreClippedToTheWidth() {
        let long = [GameStatus(title: "T", plugin: "p", state: .connected, lastError: String(repeating: "x", count: 500))]
        let lines = StatusView.table(long, width: 80).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.contains("xxx") == true)
        for line in lines {
            #expect(line.count <= 80)
        }
    }

    @Test func plainLinesAreGreppable() {
        #expect(
            StatusView.lines(games) == [
                "game=\"Tic Tac Toe\" state=connected reconnects=1 actions=37 failures=2 up=3m05s status=\"round 4, score 2-1\"",
                "game=\"Hangman\" state=backing-off reconnects=0 actions=3 failures=0 status=\"word 2\" last_error=\"connection refused\"",
            ])
    }

    @Test func gamesSharingANeuroShowTheirActionNamePrefixAndWaitingState() {
        let shared = [
            GameStatus(title: "Guess A", plugin: "guess-the-number", state: .connected, actionNamePrefix: "guess_a_"),
            GameStatus(
                title: "Guess B", plugin: "guess-the-number", state: .waitingForForceSlot, actionNamePrefix: "guess_b_"),
        ]
        let table = StatusView.table(shared).split(separator: "\n").map(String.init)
        #expect(table[0].hasPrefix("GAME     PREFIX    STATE"))
        #expect(table[1].hasPrefix("Guess A  guess_a_  connected"))
        #expect(table[2].hasPrefix("Guess B  guess_b_  waiting for force slot"))
        #expect(
            StatusView.lines(shared) == [
                "game=\"Guess A\" state=connected reconnects=0 actions=0 failures=0 prefix=guess_a_",
                "game=\"Guess B\" state=waiting-for-force-slot reconnects=0 actions=0 failures=0 prefix=guess_b_",
            ])
    }

    @Test(arguments: [(0.0, "0s"), (59.9, "59s"), (60, "1m00s"), (3599, "59m59s"), (3600, "1h00m"), (7325, "2h02m"), (-5, "0s")])
    func durations(seconds: Double, text: String) {
        #expect(StatusView.formatDuration(seconds) == text)
    }
}
