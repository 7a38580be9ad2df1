import GamePlugins
import GameSessions
import NeuroAPI

/// The benchmark's game: one action, `move`, with a small three-property schema, always
/// accepted. `bench/python_reference.py` registers the same action with the same schema.
struct BenchGame: GamePlugin {
    /// The game has no settings.
    struct Settings: Codable, Sendable {}

    static let id = "bench"
    static let defaultTitle = "Bench"
    static let summary = "A benchmark game: one action, always accepted."

    /// The data of `move`, decoded as a real game's would be.
    struct Move: Decodable {
        var x: Int
        var y: Int
        var speed: String
    }

    /// The one action, shared with the Python reference (keep both schemas equal).
    static let move = GameAction<BenchGame>(
        "move",
        description: "Move to a cell.",
        arguments: Move.self,
        schema: [
            "type": "object",
            "properties": [
                "x": ["type": "integer", "minimum": 0, "maximum": 9],
                "y": ["type": "integer", "minimum": 0, "maximum": 9],
                "speed": ["type": "string", "enum": ["walk", "run"]],
            ],
            "required": ["x", "y", "speed"],
        ]
    ) { game, _ in
        game.moves += 1
        return .accepted("Moved.")
    }
    static let allActions = [move]
    /// The registration of `move`, as NeuroSim and the Python reference see it.
    static var moveAction: Action { move.action(for: BenchGame()) }

    private(set) var moves = 0

    init(settings: Settings = Settings(), seed: UInt64 = 0) {}

    var introduction: String { "A benchmark game: move as often as you like." }
    var force: ActionForce? { nil }
    var status: String { "\(moves) moves" }
}
