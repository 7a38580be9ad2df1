import GamePlugins
import GameSessions
import NeuroAPI

/// The benchmark's game: one action, `move`, with a small three-property schema, always
/// accepted. `bench/python_reference.py` registers the same action with the same schema.
struct BenchGame: GamePlugin {
    /// The game has no settings.
    struct Settings: Codable, Sendable {}

    static let id = "bench"
    static let actionNames = ["move"]
    static let defaultTitle = "Bench"
    static let summary = "A benchmark game: one action, always accepted."

    /// The one action, shared with the Python reference (keep both schemas equal).
    static let move = Action(
        name: "move",
        description: "Move to a cell.",
        schema: [
            "type": "object",
            "properties": [
                "x": ["type": "integer", "minimum": 0, "maximum": 9],
                "y": ["type": "integer", "minimum": 0, "maximum": 9],
                "speed": ["type": "string", "enum": ["walk", "run"]],
            ],
            "required": ["x", "y", "speed"],
        ]
    )

    private(set) var moves = 0

    init(settings: Settings = Settings(), seed: UInt64 = 0) {}

    var introduction: String { "A benchmark game: move as often as you like." }
    var actions: [Action] { [Self.move] }
    var force: ActionForce? { nil }
    var status: String { "\(moves) moves" }

    mutating func perform(_ actionName: String, data: JSONValue?) -> GameOutcome {
        moves += 1
        return .accepted("Moved.")
    }
}
