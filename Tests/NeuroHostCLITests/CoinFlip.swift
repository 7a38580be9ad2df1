import NeuroAPI
import NeuroHostCLI

/// A developer's own game, as the README writes one: call the coin.
struct CoinFlip: GamePlugin {
    struct Settings: Codable, Sendable {
        var sides = ["heads", "tails"]

        init() {}

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            sides = try container.decodeIfPresent([String].self, forKey: .sides) ?? ["heads", "tails"]
        }
    }

    struct Call: Decodable, Sendable {
        var side: String
    }

    static let id = "coin-flip"
    static let defaultTitle = "Coin Flip"
    static let summary = "Call the coin before it lands."

    static let call = GameAction<CoinFlip>(
        "call", description: "Call the coin.", arguments: Call.self,
        schema: ["type": "object", "properties": ["side": ["enum": ["heads", "tails"]]], "required": ["side"]]
    ) { game, call in
        game.calls += 1
        return .accepted("You called \(call.side).")
    }
    static var allActions: [GameAction<CoinFlip>] { [call] }

    var calls = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {
        guard settings.sides.count == 2 else { throw GamePluginError(setting: "sides", message: "must name two sides") }
    }

    var introduction: String { "Call the coin with \(Self.call.mention)." }
    var force: ActionForce? { ActionForce(query: "Call it.", actions: [Self.call]) }
    var status: String { "calls \(calls)" }
}
