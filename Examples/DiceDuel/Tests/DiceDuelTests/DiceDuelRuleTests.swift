import DiceDuel
import Foundation
import GamePlugins
import NeuroProtocol
import Testing

/// Dice Duel's rules, on the game value itself: no connection, no concurrency.
@Suite struct DiceDuelRuleTests {
    static func encoded(_ game: DiceDuel) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(game)
    }

    @Test func aRoundIsBetRerollStand() throws {
        var game = try DiceDuel(settings: .init(), seed: 7)
        #expect(game.actions.map(\.name) == ["bet"])
        let bet = try game.perform("bet", data: ["chips": 2])
        #expect(bet.isAccepted, "\(bet.message)")
        #expect(game.actions.map(\.name) == ["reroll", "stand"])
        let reroll = try game.perform("reroll", data: ["dice": [1, 3]])
        #expect(reroll.isAccepted, "\(reroll.message)")
        // The one reroll of a round is used up.
        #expect(game.actions.map(\.name) == ["stand"])
        let stand = try game.perform("stand", data: nil)
        #expect(stand.isAccepted)
        #expect(stand.message.contains("The house rolled"))
        #expect(game.actions.map(\.name) == ["bet"])
        #expect(game.status.hasPrefix("match 1, round 2,"))
    }

    @Test func aRefusedMoveLeavesTheGameAsItWas() throws {
        var game = try DiceDuel(settings: .init(), seed: 3)
        _ = try game.perform("bet", data: ["chips": 1])
        let before = try Self.encoded(game)
        // Twice the same die: fits the schema, but the rules refuse it.
        let twice = try game.perform("reroll", data: ["dice": [2, 2]])
        #expect(!twice.isAccepted)
        #expect(twice.message.contains("Name each die once"))
        // More chips than allowed: off the schema.
        var fresh = try DiceDuel(settings: .init(maximumBet: 5), seed: 3)
        let tooMuch = try fresh.perform("bet", data: ["chips": 6])
        #expect(!tooMuch.isAccepted)
        #expect(tooMuch.message.contains("cannot use this data"))
        // Not available now: says what to do instead.
        let early = try fresh.perform("stand", data: nil)
        #expect(early.message == "No dice are rolled yet. Place a bet first with `bet`.")
        #expect(try Self.encoded(game) == before)
    }

    @Test func aMatchEndsAfterItsRoundsAndTheNextBegins() throws {
        var game = try DiceDuel(settings: .init(rerolls: 0, rounds: 2), seed: 1)
        var context: [GameContext] = []
        for _ in 0..<2 {
            _ = try game.perform("bet", data: ["chips": 1])
            context += try game.perform("stand", data: nil).context
        }
        #expect(context.count == 1)
        #expect(context.first?.message.contains("Match 1 is over after 2 rounds") == true)
        #expect(game.status.hasPrefix("match 2, round 1, chips 20,"))
    }

    @Test func settingsAreChecked() throws {
        #expect(throws: GamePluginError(setting: "maximumBet", message: "must be from 1 to 20, not 21")) {
            try DiceDuel(settings: .init(maximumBet: 21), seed: 0)
        }
        #expect(throws: GamePluginError(setting: "dice", message: "must be from 1 to 6, not 0")) {
            try DiceDuel(settings: .init(dice: 0), seed: 0)
        }
    }

    @Test func aDamagedSaveDoesNotLoad() throws {
        var game = try DiceDuel(settings: .init(), seed: 5)
        _ = try game.perform("bet", data: ["chips": 3])
        let saved = try #require(String(data: try Self.encoded(game), encoding: .utf8))
        let damaged = saved.replacingOccurrences(of: #""chips":20"#, with: #""chips":2"#)
        #expect(damaged != saved)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DiceDuel.self, from: Data(damaged.utf8)) }
        #expect(try JSONDecoder().decode(DiceDuel.self, from: Data(saved.utf8)).status == game.status)
    }
}
