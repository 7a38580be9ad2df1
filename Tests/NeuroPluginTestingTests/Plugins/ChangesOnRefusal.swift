import GamePlugins
import NeuroProtocol

/// Broken: refuses `tails` by returning `.rejected` after counting it, instead of throwing
/// `GameRefusal` (which would leave the game as it was).
struct ChangesOnRefusal: GamePlugin {
    struct Settings: Codable, Sendable {}

    static let id = "changes-on-refusal"
    static let defaultTitle = "Changes On Refusal"
    static let call = GameAction<Self>(
        "call", description: "Call the coin.", arguments: TestCoin.Call.self, schema: TestCoin.schema
    ) { game, call in
        guard call.side == "heads" else {
            game.refusals += 1
            return .rejected("Only heads today: call `call` with heads.")
        }
        game.calls += 1
        return .accepted("Heads it is.")
    }
    static let allActions = [call]

    var calls = 0
    var refusals = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "Call heads with `call`." }
    var force: ActionForce? { ActionForce(query: "Call heads with `call`.", actions: [Self.call]) }
    var status: String { "calls \(calls)" }
}
