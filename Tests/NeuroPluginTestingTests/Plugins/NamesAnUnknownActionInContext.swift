import GamePlugins
import NeuroProtocol

/// Broken: a context message after each call names `double`, which is no action of the game.
struct NamesAnUnknownActionInContext: GamePlugin {
    struct Settings: Codable, Sendable {}

    static let id = "names-an-unknown-action-in-context"
    static let defaultTitle = "Unknown Action In Context"
    static let call = GameAction<Self>(
        "call", description: "Call the coin.", arguments: TestCoin.Call.self, schema: TestCoin.schema
    ) { game, call in
        game.wins += call.side == TestCoin.toss(&game.random) ? 1 : 0
        return .accepted("Wins: \(game.wins).", context: [GameContext("Feeling lucky? Try `double` next time.")])
    }
    static let allActions = [call]

    var random: SeededRandomNumberGenerator
    var wins = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) { random = SeededRandomNumberGenerator(seed: seed) }

    var introduction: String { "Call heads or tails with `call`." }
    var force: ActionForce? { ActionForce(query: "Heads or tails? Use `call`.", actions: [Self.call]) }
    var status: String { "wins \(wins)" }
}
