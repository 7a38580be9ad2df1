import NeuroAPI

@testable import GamePlugins
@testable import GameSessions

/// Picks random actions for a game, legal or not: mostly one the force names, sometimes any
/// registered action, an action seen earlier that may be gone now, or a name the game never
/// offered; the data comes from the action's schema by ``RandomActionData``.
///
/// A value type: copying it copies its random state, so two copies drive two games alike.
struct RandomPlayer {
    /// The random source of every choice.
    var random: SeededRandomNumberGenerator
    /// The schema of every action seen so far, by name.
    var seenSchemas: [String: JSONValue?] = [:]

    init(seed: UInt64) {
        random = SeededRandomNumberGenerator(seed: seed ^ 0x5EED_5EED)
    }

    /// The next action to try on `game`.
    mutating func nextAction<Game: GamePlugin>(for game: Game) -> (name: String, data: JSONValue?) {
        let actions = game.actions
        for action in actions { seenSchemas[action.name] = action.schema }
        let forced = game.force?.actionNames ?? []
        let roll = Int.random(in: 0..<20, using: &random)
        let name: String
        switch roll {
        case 0:
            return ("no_such_action", nil)
        case 1, 2:
            name = seenSchemas.keys.sorted().randomElement(using: &random) ?? "no_such_action"
        case 3, 4:
            name = actions.randomElement(using: &random)?.name ?? "no_such_action"
        default:
            name = forced.randomElement(using: &random) ?? "no_such_action"
        }
        let schema = seenSchemas[name] ?? nil
        return (name, RandomActionData.make(for: schema, using: &random))
    }
}
