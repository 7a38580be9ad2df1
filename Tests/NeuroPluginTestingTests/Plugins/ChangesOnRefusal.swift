import GamePlugins
import NeuroProtocol

/// Broken: replaces the default `perform(_:validatedData:)` (which runs a rule on a copy and
/// keeps nothing of a refused move) and counts each refused `tails` in its state.
struct ChangesOnRefusal: GamePlugin {
    struct Settings: Codable, Sendable {}

    static let id = "changes-on-refusal"
    static let defaultTitle = "Changes On Refusal"
    static let call = GameAction<Self>(
        "call", description: "Call the coin.", arguments: TestCoin.Call.self, schema: TestCoin.schema
    ) { game, call in
        guard call.side == "heads" else { return .rejected("Only heads today: call `call` with heads.") }
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

    /// The rules discard what a refused move changed; this game replaces the default path and
    /// counts each refusal in its state anyway.
    mutating func perform(_ actionName: String, validatedData data: JSONValue?) throws -> GameOutcome {
        guard case .string("heads") = data?["side"] else {
            refusals += 1
            return .rejected("Only heads today: call `call` with heads.")
        }
        calls += 1
        return .accepted("Heads it is.")
    }
}
