import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

/// The five games, for tests that run the same checks on each.
enum GameKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case ticTacToe
    case hangman
    case guessTheNumber
    case blackjack
    case minesweeper

    var testDescription: String { rawValue }
}

/// Properties every game keeps under random play, over many seeds.
@Suite struct GameInvariantTests {
    /// Seeds per game.
    static let seeds: Range<UInt64> = 0..<50
    /// The most actions tried per seed.
    static let actionLimit = 3000

    @Test(arguments: GameKind.allCases)
    func randomPlayKeepsInvariants(kind: GameKind) throws {
        switch kind {
        case .ticTacToe:
            try Self.playRandomly({ try TicTacToe(settings: .init(), seed: $0) }) { game in
                let xs = (0..<9).filter { game.board[$0] == .x }.count
                let os = (0..<9).filter { game.board[$0] == .o }.count
                #expect(game.board.winner == nil && !game.board.isFull)
                #expect(os - xs == (game.isNeuroStartingRound ? 0 : 1))
            }
        case .hangman:
            try Self.playRandomly({ try Hangman(settings: .init(lives: 5), seed: $0) }) { game in
                #expect((1...5).contains(game.livesLeft))
                #expect(game.maskedWord.contains("_"))
                #expect(game.words.contains(game.word))
                let wrong = game.guessedLetters.filter { !game.word.contains($0) }.count + game.guessedWords.count
                #expect(game.livesLeft == 5 - wrong)
            }
        case .guessTheNumber:
            try Self.playRandomly({ try GuessTheNumber(settings: .init(lowest: -20, highest: 40, attempts: 5), seed: $0) }) {
                game in
                #expect(game.low <= game.secret && game.secret <= game.high)
                #expect(-20 <= game.low && game.high <= 40)
                #expect((1...5).contains(game.attemptsLeft))
            }
        case .blackjack:
            try Self.playRandomly({ try Blackjack(settings: .init(startingChips: 60, minimumBet: 10, maximumBet: 40), seed: $0) })
            {
                game in
                #expect(game.chips >= 0)
                switch game.phase {
                case .betting:
                    #expect(game.bet == 0)
                    #expect(game.chips >= 10)
                case .playing:
                    #expect(game.bet >= 10)
                    #expect(game.playerHand.cards.count >= 2 && !game.playerHand.isBust && game.playerHand.total < 21)
                    #expect(game.dealerHand.cards.count == 2 && !game.dealerHand.isBlackjack)
                }
                #expect(game.shoe.cards.count + game.playerHand.cards.count + game.dealerHand.cards.count <= 52)
            }
        case .minesweeper:
            try Self.playRandomly({ try Minesweeper(settings: .init(rows: 4, columns: 5, mines: 4), seed: $0) }) { game in
                let grid = game.grid
                #expect(grid.mines.filter { $0 }.count == (grid.hasMines ? 4 : 0))
                #expect(!grid.isCleared)
                for cell in grid.mines.indices {
                    #expect(!(grid.revealed[cell] && grid.mines[cell]))
                    #expect(!(grid.revealed[cell] && grid.flagged[cell]))
                }
                #expect(grid.hasMines == grid.revealed.contains(true))
            }
        }
    }

    @Test(arguments: GameKind.allCases)
    func sameSeedPlaysTheSameGame(kind: GameKind) throws {
        switch kind {
        case .ticTacToe: try Self.expectReplays({ try TicTacToe(settings: .init(), seed: $0) }, restoringAfter: nil)
        case .hangman: try Self.expectReplays({ try Hangman(settings: .init(), seed: $0) }, restoringAfter: nil)
        case .guessTheNumber: try Self.expectReplays({ try GuessTheNumber(settings: .init(), seed: $0) }, restoringAfter: nil)
        case .blackjack: try Self.expectReplays({ try Blackjack(settings: .init(), seed: $0) }, restoringAfter: nil)
        case .minesweeper: try Self.expectReplays({ try Minesweeper(settings: .init(), seed: $0) }, restoringAfter: nil)
        }
    }

    @Test(arguments: GameKind.allCases, [1, 7, 40])
    func codableRoundTripMidRoundContinuesIdentically(kind: GameKind, steps: Int) throws {
        switch kind {
        case .ticTacToe: try Self.expectReplays({ try TicTacToe(settings: .init(), seed: $0) }, restoringAfter: steps)
        case .hangman: try Self.expectReplays({ try Hangman(settings: .init(), seed: $0) }, restoringAfter: steps)
        case .guessTheNumber: try Self.expectReplays({ try GuessTheNumber(settings: .init(), seed: $0) }, restoringAfter: steps)
        case .blackjack: try Self.expectReplays({ try Blackjack(settings: .init(), seed: $0) }, restoringAfter: steps)
        case .minesweeper: try Self.expectReplays({ try Minesweeper(settings: .init(), seed: $0) }, restoringAfter: steps)
        }
    }

    // MARK: - Drivers

    /// Plays random legal and illegal actions for every seed until two rounds have finished and
    /// an illegal action was tried (at most ``actionLimit`` actions), checking the invariants
    /// before every action.
    static func playRandomly<Game: TalliedGame>(
        _ makeGame: (UInt64) throws -> Game,
        invariant: (Game) -> Void
    ) throws {
        for seed in seeds {
            var game = try makeGame(seed)
            var player = RandomPlayer(seed: seed)
            var count = 0
            var rejections = 0
            // Two rounds, and at least one illegal action tried (a game whose rounds are short
            // may finish two before the player has tried one).
            while (game.tally.completedRounds < 2 || rejections == 0) && count < actionLimit {
                count += 1
                try GameTestSupport.expectWellFormed(game)
                invariant(game)
                let (name, data) = player.nextAction(for: game)
                let before = try GameTestSupport.encoded(game)
                let restored = try GameTestSupport.roundTripped(game)
                #expect(try GameTestSupport.encoded(restored) == before, "seed \(seed): a save did not restore")
                let tallyBefore = game.tally
                let outcome = try game.perform(name, data: data)
                #expect(!outcome.message.isEmpty)
                guard outcome.isAccepted else {
                    rejections += 1
                    #expect(outcome.context.isEmpty)
                    #expect(try GameTestSupport.encoded(game) == before, "seed \(seed): rejected \(name) changed the game")
                    continue
                }
                let tally = game.tally
                #expect(tally.round == tally.completedRounds + 1)
                #expect(tally.wins >= tallyBefore.wins && tally.losses >= tallyBefore.losses && tally.draws >= tallyBefore.draws)
                #expect(tally.completedRounds - tallyBefore.completedRounds <= 1)
                if tally.completedRounds > tallyBefore.completedRounds {
                    let text = GameTestSupport.contextText(outcome)
                    #expect(text.contains("Round \(tallyBefore.round)"), "seed \(seed): \(text)")
                    #expect(text.contains("Score: "), "seed \(seed): \(text)")
                }
                #expect(game.status.hasPrefix("round \(tally.round), score "))
            }
            #expect(game.tally.completedRounds >= 1, "seed \(seed): no round finished in \(count) actions")
            #expect(rejections > 0 || count < 10, "seed \(seed): random play never tried an illegal action")
        }
    }

    /// Drives two games from the same seed with the same random player and expects the same
    /// outcomes and states; with `restoringAfter`, the second game is replaced by an encoded
    /// and decoded copy of the first after that many actions.
    static func expectReplays<Game: GamePlugin>(_ makeGame: (UInt64) throws -> Game, restoringAfter restorePoint: Int?) throws {
        for seed: UInt64 in [3, 11, 29] {
            var first = try makeGame(seed)
            var second = try makeGame(seed)
            var firstPlayer = RandomPlayer(seed: seed)
            var secondPlayer = firstPlayer
            for step in 0..<150 {
                if step == restorePoint {
                    second = try GameTestSupport.roundTripped(first)
                    #expect(try GameTestSupport.encoded(second) == GameTestSupport.encoded(first))
                }
                let firstAction = firstPlayer.nextAction(for: first)
                let secondAction = secondPlayer.nextAction(for: second)
                #expect(firstAction.name == secondAction.name && firstAction.data == secondAction.data)
                let firstOutcome = try first.perform(firstAction.name, data: firstAction.data)
                let secondOutcome = try second.perform(secondAction.name, data: secondAction.data)
                #expect(firstOutcome == secondOutcome, "seed \(seed), step \(step)")
                #expect(first.actions == second.actions && first.force == second.force && first.status == second.status)
            }
            #expect(try GameTestSupport.encoded(first) == GameTestSupport.encoded(second))
        }
    }
}
