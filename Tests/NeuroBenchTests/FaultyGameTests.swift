import GamePlugins
import NeuroAPI
import Testing

@testable import NeuroBench

/// The soak's game that throws: a roll of 0 breaks it, any other roll is accepted.
@Suite struct FaultyGameTests {
    @Test func aRollOfZeroThrowsAndOthersAreAccepted() throws {
        var game = try FaultyGame(settings: .init(throwOneIn: 10), seed: 1)
        let outcome = try game.perform("roll", data: ["number": 9])
        #expect(outcome.isAccepted)
        #expect(throws: FaultyGame.Broken.self) { try game.perform("roll", data: ["number": 0]) }
        #expect(game.rolls == 1)
    }

    @Test func theSchemaOffersExactlyTheRangeOfTheSetting() throws {
        var game = try FaultyGame(settings: .init(throwOneIn: 10), seed: 1)
        // Off the schema: refused, not thrown.
        let outcome = try game.perform("roll", data: ["number": 10])
        #expect(!outcome.isAccepted)
        let schema = try #require(game.actions.first?.schema)
        #expect(schema.objectValue?["properties"]?.objectValue?["number"]?.objectValue?["maximum"] == .integer(9))
    }

    @Test func aSettingBelowTwoIsRefusedNamingIt() {
        #expect(throws: GamePluginError.self) { try FaultyGame(settings: .init(throwOneIn: 1), seed: 1) }
    }
}
