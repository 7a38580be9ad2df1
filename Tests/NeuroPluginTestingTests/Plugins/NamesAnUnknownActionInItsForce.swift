import GamePlugins
import NeuroProtocol

/// Broken: its force query names `peek`, an action it never registers.
struct NamesAnUnknownActionInItsForce: GamePlugin {
    struct Settings: Codable, Sendable {}

    static let id = "names-an-unknown-action-in-its-force"
    static let defaultTitle = "Unknown Action In Force"
    static let call = GameAction<Self>(
        "call", description: "Call the coin.", arguments: TestCoin.Call.self, schema: TestCoin.schema
    ) { game, call in
        game.wins += call.side == TestCoin.toss(&game.random) ? 1 : 0
        return .accepted("Wins: \(game.wins).")
    }
    static let allActions = [call]

    var random: SeededRandomNumberGenerator
    var wins = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) { random = SeededRandomNumberGenerator(seed: seed) }

    var introduction: String { "Call heads or tails with `call`." }
    var force: ActionForce? { ActionForce(query: "Call the coin with `call`, or `peek` at it first.", actions: [Self.call]) }
    var status: String { "wins \(wins)" }
}
