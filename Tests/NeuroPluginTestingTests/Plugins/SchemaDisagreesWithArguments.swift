import GamePlugins
import NeuroProtocol

/// Broken: `call`'s schema says the side is `heads` or `tails`, its arguments type an integer.
struct SchemaDisagreesWithArguments: GamePlugin {
    struct Settings: Codable, Sendable {}
    struct NumberedCall: Decodable, Sendable {
        var side: Int
    }

    static let id = "schema-disagrees-with-arguments"
    static let defaultTitle = "Schema Disagrees"
    static let call = GameAction<Self>(
        "call", description: "Call the coin.", arguments: NumberedCall.self, schema: TestCoin.schema
    ) { game, call in
        game.calls += 1
        return .accepted("You called \(call.side).")
    }
    static let allActions = [call]

    var calls = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "Call heads or tails with `call`." }
    var force: ActionForce? { ActionForce(query: "Heads or tails? Use `call`.", actions: [Self.call]) }
    var status: String { "calls \(calls)" }
}
