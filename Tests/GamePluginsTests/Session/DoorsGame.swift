import GamePlugins
import GameSessions
import NeuroAPI

/// A tiny game that exercises every session rule: a permanent action, a one-off action,
/// a rule refusal, a round end, and a broken move that throws.
struct DoorsGame: GamePlugin {
    struct Settings: Codable, Sendable {}
    struct Broken: Error {}

    static let id = "doors"
    static let actionNames = ["open", "bonus"]
    static let defaultTitle = "Doors"

    var opened: [Int] = []
    var hasBonus = true
    var score = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "Open doors. Door 2 is locked." }

    static let open = Action(
        name: "open",
        description: "Open a door.",
        schema: [
            "type": "object", "properties": ["door": ["type": "integer", "minimum": 1, "maximum": 3]], "required": ["door"],
        ]
    )
    static let bonus = Action(name: "bonus", description: "Take the one-time bonus.")

    var actions: [Action] { hasBonus ? [Self.open, Self.bonus] : [Self.open] }

    var force: ActionForce? {
        ActionForce(query: "Open a door.", state: "Opened: \(opened)", actionNames: actions.map(\.name))
    }

    mutating func perform(_ actionName: String, data: JSONValue?) throws -> GameOutcome {
        switch actionName {
        case "bonus":
            hasBonus = false
            score += 10
            return .accepted("Bonus taken.")
        case "open":
            let door = data?["door"]?.integerValue ?? 0
            if door == 2 { return .rejected("Door 2 is locked; open door 1 or 3.") }
            if door == 3 { throw Broken() }
            opened.append(Int(door))
            score += 1
            return .accepted("Opened door \(door).", context: [GameContext("The opponent knocked.")])
        default:
            return .rejected("No such action.")
        }
    }

    var status: String { "score \(score)" }
}
