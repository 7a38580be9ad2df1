import GamePlugins
import GameSessions
import NeuroAPI

/// A game whose `boom` action throws, as a broken plugin would.
struct FlakyGame: GamePlugin {
    struct Settings: Codable, Sendable {}
    struct Boom: Error {}

    static let id = "flaky"
    static let actionNames = ["move", "boom"]
    static let defaultTitle = "Flaky"

    var moves = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "A game that breaks." }
    var actions: [Action] { [Action(name: "move", description: "Move."), Action(name: "boom", description: "Break the game.")] }
    var force: ActionForce? { ActionForce(query: "Act.", actionNames: ["move", "boom"]) }

    mutating func perform(_ actionName: String, data: JSONValue?) throws -> GameOutcome {
        if actionName == "boom" { throw Boom() }
        moves += 1
        return .accepted("Moved.")
    }

    var status: String { "moves \(moves)" }
}
