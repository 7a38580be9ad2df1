import NeuroAPI
import Testing

@testable import GamePlugins

/// Every built-in game draws a board for the dashboard (`renderedBoard`), and a move changes it.
@Suite struct RenderedBoardTests {
    @Test func ticTacToeShowsTheMarksAndAMovePlacesAnX() throws {
        var game = try TicTacToe(settings: .init(firstPlayer: .neuro), seed: 1)
        let before = try #require(game.renderedBoard)
        #expect(before.hasPrefix("  1 2 3\n1 . . .\n2 . . .\n3 . . ."), "an empty board: \(before)")
        _ = try game.perform("play", data: ["row": 2, "column": 2])
        let after = try #require(game.renderedBoard)
        #expect(after.contains("2 . X ."), "Neuro's X in the middle: \(after)")
        #expect(after.contains("O"), "the opponent answered: \(after)")
        #expect(!after.contains("```"), "no Markdown fence on the dashboard's board")
    }

    @Test func minesweeperShowsWhatIsRevealed() throws {
        var game = try Minesweeper(settings: .init(), seed: 3)
        let before = try #require(game.renderedBoard)
        #expect(!before.contains("."), "nothing revealed yet: \(before)")
        _ = try game.perform("flag", data: ["row": 1, "column": 1])
        let after = try #require(game.renderedBoard)
        #expect(after != before)
        #expect(after.contains("flags 1"), "the flag is counted: \(after)")
        #expect(after.split(separator: "\n")[1].contains("F"), "the flag is drawn in row 1: \(after)")
    }

    @Test func hangmanShowsTheWordAndTheLives() throws {
        var game = try Hangman(settings: .init(words: ["swift"], lives: 6), seed: 1)
        let before = try #require(game.renderedBoard)
        #expect(before.hasPrefix("_ _ _ _ _\nlives ♥♥♥♥♥♥ 6/6"), "\(before)")
        _ = try game.perform("guess_letter", data: ["letter": "s"])
        _ = try game.perform("guess_letter", data: ["letter": "z"])
        let after = try #require(game.renderedBoard)
        #expect(after.hasPrefix("s _ _ _ _\nlives ♥♥♥♥♥· 5/6"), "\(after)")
        #expect(after.contains("tried s z") || after.contains("tried z s"), "\(after)")
    }

    @Test func guessTheNumberShowsTheRangeLeft() throws {
        var game = try GuessTheNumber(settings: .init(lowest: 1, highest: 100), seed: 7)
        let before = try #require(game.renderedBoard)
        #expect(before.contains("in 1…100"), "\(before)")
        _ = try game.perform("guess", data: ["number": 50])
        let after = try #require(game.renderedBoard)
        #expect(after != before)
        #expect(after.contains("guesses left 6/7") || after.contains("round 2"), "\(after)")
        #expect(after.contains("in 1…49") || after.contains("in 51…100") || after.contains("round 2"), "\(after)")
    }

    @Test func blackjackShowsTheHandsOnceCardsAreDealt() throws {
        var game = try Blackjack(settings: .init(), seed: 5)
        let before = try #require(game.renderedBoard)
        #expect(before.contains("betting"), "\(before)")
        _ = try game.perform("bet", data: ["amount": 10])
        let after = try #require(game.renderedBoard)
        #expect(after != before, "a bet changes the board")
        if game.phase == .playing {
            #expect(after.contains("dealer ") && after.contains("[hidden]") && after.contains("bet 10"), "\(after)")
        }
    }
}
