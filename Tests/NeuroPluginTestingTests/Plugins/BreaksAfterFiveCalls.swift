import GamePlugins
import NeuroProtocol

/// Broken: its rule throws an error of its own (not `GameRefusal`) on the sixth call.
struct BreaksAfterFiveCalls: GamePlugin {
    struct Settings: Codable, Sendable {}
    struct Broken: Error {}

    static let id = "breaks-after-five-calls"
    static let defaultTitle = "Breaks After Five"
    static let call = GameAction<Self>(
        "call", description: "Call the coin.", arguments: TestCoin.Call.self, schema: TestCoin.schema
    ) { game, _ in
        guard game.calls < 5 else { throw Broken() }
        game.calls += 1
        return .accepted("Call \(game.calls) taken.")
    }
    static let allActions = [call]

    var calls = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "Call heads or tails with `call`." }
    var force: ActionForce? { ActionForce(query: "Heads or tails? Use `call`.", actions: [Self.call]) }
    var status: String { "calls \(calls)" }
}
