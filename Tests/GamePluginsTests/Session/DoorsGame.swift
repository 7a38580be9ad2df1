import GamePlugins
import GameSessions
import NeuroAPI

/// A tiny game that exercises every session rule: a permanent action, a one-off action,
/// a rule refusal, a round end, and a broken move that throws.
struct DoorsGame: GamePlugin {
    struct Settings: Codable, Sendable {}
    struct Broken: Error {}
    struct Door: Decodable {
        var door: Int
    }

    static let id = "doors"
    static let defaultTitle = "Doors"

    var opened: [Int] = []
    var hasBonus = true
    var score = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "Open doors. Door 2 is locked." }

    /// The registrations the tests expect on the wire.
    static let open = Action(
        name: "open",
        description: "Open a door.",
        schema: [
            "type": "object", "properties": ["door": ["type": "integer", "minimum": 1, "maximum": 3]], "required": ["door"],
        ]
    )
    static let bonus = Action(name: "bonus", description: "Take the one-time bonus.")

    static let openDoor = GameAction<DoorsGame>(
        open.name, description: open.description, arguments: Door.self, schema: open.schema ?? [:]
    ) { game, argument in
        let door = argument.door
        if door == 2 { throw GameRefusal("Door 2 is locked; open door 1 or 3.") }
        if door == 3 { throw Broken() }
        game.opened.append(door)
        game.score += 1
        return .accepted("Opened door \(door).", context: [GameContext("The opponent knocked.")])
    }
    static let takeBonus = GameAction<DoorsGame>(bonus.name, description: bonus.description) { game in
        game.hasBonus = false
        game.score += 10
        return .accepted("Bonus taken.")
    }
    static let allActions = [openDoor, takeBonus]

    var availableActions: [GameAction<DoorsGame>] { hasBonus ? [Self.openDoor, Self.takeBonus] : [Self.openDoor] }

    var force: ActionForce? {
        ActionForce(query: "Open a door.", state: "Opened: \(opened)", actions: availableActions)
    }

    var status: String { "score \(score)" }
}
