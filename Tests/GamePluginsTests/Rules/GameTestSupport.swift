import Foundation
import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

/// Helpers shared by the rule tests.
enum GameTestSupport {
    /// The game's encoded form with sorted keys, to compare two games byte for byte.
    static func encoded<Game: GamePlugin>(_ game: Game) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(game), as: UTF8.self)
    }

    /// A copy of the game made by encoding and decoding it, as a host does across a restart.
    static func roundTripped<Game: GamePlugin>(_ game: Game) throws -> Game {
        try JSONDecoder().decode(Game.self, from: JSONEncoder().encode(game))
    }

    /// Settings decoded from a JSON text, as `games.json` gives them.
    static func settings<Game: GamePlugin>(_ json: String, for _: Game.Type) throws -> Game.Settings {
        try JSONDecoder().decode(Game.Settings.self, from: Data(json.utf8))
    }

    /// Checks what must hold in every state: the force names registered actions, and every
    /// action is valid with no discouraged schema keywords.
    static func expectWellFormed<Game: GamePlugin>(_ game: Game, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let actions = game.actions
        #expect(!actions.isEmpty, sourceLocation: sourceLocation)
        for action in actions {
            let warnings = try action.validate()
            #expect(warnings.isEmpty, "\(action.name): \(warnings)", sourceLocation: sourceLocation)
        }
        let names = Set(actions.map(\.name))
        #expect(names.count == actions.count, "duplicate action names", sourceLocation: sourceLocation)
        let force = try #require(game.force, sourceLocation: sourceLocation)
        #expect(!force.actionNames.isEmpty, sourceLocation: sourceLocation)
        #expect(Set(force.actionNames).isSubset(of: names), "\(force.actionNames) ⊄ \(names)", sourceLocation: sourceLocation)
        #expect(!force.query.isEmpty, sourceLocation: sourceLocation)
        #expect(!(force.state ?? "").isEmpty, sourceLocation: sourceLocation)
    }

    /// Performs an action that the rules must refuse, and checks that the game is unchanged
    /// and the message says what to do instead.
    @discardableResult
    static func expectRejected<Game: GamePlugin>(
        _ game: inout Game,
        _ actionName: String,
        _ data: JSONValue?,
        mentioning fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> GameOutcome {
        let before = try encoded(game)
        let outcome = try game.perform(actionName, data: data)
        #expect(!outcome.isAccepted, "\(actionName) \(String(describing: data)) was accepted", sourceLocation: sourceLocation)
        #expect(outcome.message.contains(fragment), "\(outcome.message)", sourceLocation: sourceLocation)
        #expect(outcome.context.isEmpty, sourceLocation: sourceLocation)
        #expect(try encoded(game) == before, "a rejected action changed the game", sourceLocation: sourceLocation)
        return outcome
    }

    /// Performs an action that the rules must accept.
    @discardableResult
    static func expectAccepted<Game: GamePlugin>(
        _ game: inout Game,
        _ actionName: String,
        _ data: JSONValue? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> GameOutcome {
        let outcome = try game.perform(actionName, data: data)
        #expect(outcome.isAccepted, "\(actionName) rejected: \(outcome.message)", sourceLocation: sourceLocation)
        return outcome
    }

    /// The text of all context messages of an outcome.
    static func contextText(_ outcome: GameOutcome) -> String {
        outcome.context.map(\.message).joined(separator: "\n")
    }
}
