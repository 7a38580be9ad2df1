import GamePlugins
import GameSessions
import NeuroAPI

/// ``BenchGame`` with its data decoded: the same `move`, whose rule gets the cell and the speed
/// as a `Decodable` value — the cost a typed plugin adds per action (`hot-path --typed`).
struct TypedBenchGame: GamePlugin {
    /// The game has no settings.
    struct Settings: Codable, Sendable {}

    /// The data of `move`.
    struct Move: Decodable {
        var x: Int
        var y: Int
        var speed: String
    }

    static let id = "typed-bench"
    static let defaultTitle = "Typed Bench"

    /// The one action, with `BenchGame`'s schema.
    static let move = GameAction<TypedBenchGame>(
        "move", description: "Move to a cell.", arguments: Move.self, schema: BenchGame.moveSchema
    ) { game, move in
        game.distance += move.x + move.y
        return .accepted("Moved.")
    }
    static let allActions = [move]

    private(set) var distance = 0

    init(settings: Settings = Settings(), seed: UInt64 = 0) {}

    var introduction: String { "A benchmark game: move as often as you like." }
    var force: ActionForce? { nil }
    var status: String { "moved \(distance)" }
}
