import GamePlugins
import NeuroProtocol

/// Broken: keeps its win ratio as a `Double` that is NaN before the first win, which JSON
/// cannot hold, so the game cannot be saved.
struct KeepsANaNRatio: GamePlugin {
    struct Settings: Codable, Sendable {}

    static let id = "keeps-a-nan-ratio"
    static let defaultTitle = "NaN Ratio"
    static let call = GameAction<Self>(
        "call", description: "Call the coin.", arguments: TestCoin.Call.self, schema: TestCoin.schema
    ) { game, call in
        game.calls += 1
        return .accepted("Call \(game.calls) taken.")
    }
    static let allActions = [call]

    var calls = 0
    var ratio = Double.nan

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "Call heads or tails with `call`." }
    var force: ActionForce? { ActionForce(query: "Heads or tails? Use `call`.", actions: [Self.call]) }
    var status: String { "calls \(calls)" }
}
