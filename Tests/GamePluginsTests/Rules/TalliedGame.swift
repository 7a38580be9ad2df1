@testable import GamePlugins
@testable import GameSessions

/// A game whose running score the generic tests can read.
protocol TalliedGame: GamePlugin {
    var tally: RoundTally { get }
}

extension TicTacToe: TalliedGame {}
extension Hangman: TalliedGame {}
extension GuessTheNumber: TalliedGame {}
extension Blackjack: TalliedGame {}
extension Minesweeper: TalliedGame {}
