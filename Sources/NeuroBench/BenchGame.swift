import GamePlugins
import GameSessions
import NeuroAPI

/// The benchmark's game: one action, `move`, with a small three-property schema, always
/// accepted. `bench/python_reference.py` registers the same action with the same schema.
///
/// Its rule does not read the data (the connection still parses and validates it), as the
/// Python reference's does not: what the benchmarks measure is the SDK's work per action.
/// ``TypedBenchGame`` decodes the same data into a `Decodable` type, for `hot-path --typed`.
struct BenchGame: GamePlugin {
    /// The game has no settings.
    struct Settings: Codable, Sendable {}

    static let id = "bench"
    static let defaultTitle = "Bench"
    static let summary = "A benchmark game: one action, always accepted."

    /// The schema of `move`, shared with the Python reference (keep both equal).
    static let moveSchema: JSONValue = [
        "type": "object",
        "properties": [
            "x": ["type": "integer", "minimum": 0, "maximum": 9],
            "y": ["type": "integer", "minimum": 0, "maximum": 9],
            "speed": ["type": "string", "enum": ["walk", "run"]],
        ],
        "required": ["x", "y", "speed"],
    ]

    /// The one action.
    static let move = GameAction<BenchGame>("move", description: "Move to a cell.", schema: moveSchema) { game in
        game.moves += 1
        return .accepted("Moved.")
    }
    static let allActions = [move]
    /// The registration of `move`, as NeuroSim and the Python reference see it.
    static let moveAction = Action(name: "move", description: "Move to a cell.", schema: moveSchema)

    private(set) var moves = 0

    init(settings: Settings = Settings(), seed: UInt64 = 0) {}

    var introduction: String { "A benchmark game: move as often as you like." }
    var force: ActionForce? { nil }
    var status: String { "\(moves) moves" }
}
