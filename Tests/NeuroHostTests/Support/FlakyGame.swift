import GamePlugins
import GameSessions
import NeuroAPI

/// A game whose `boom` action throws, as a broken plugin would.
struct FlakyGame: GamePlugin {
    struct Settings: Codable, Sendable {}
    struct Boom: Error {}

    static let id = "flaky"
    static let defaultTitle = "Flaky"

    static let move = GameAction<FlakyGame>("move", description: "Move.") { game in
        game.moves += 1
        return .accepted("Moved.")
    }
    static let boom = GameAction<FlakyGame>("boom", description: "Break the game.") { _ in throw Boom() }
    static var allActions: [GameAction<FlakyGame>] { [move, boom] }

    var moves = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "A game that breaks." }
    var force: ActionForce? { ActionForce(query: "Act.", actions: [Self.move, Self.boom]) }
    var status: String { "moves \(moves)" }
}
