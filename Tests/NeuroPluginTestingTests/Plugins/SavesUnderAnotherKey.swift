import GamePlugins
import NeuroProtocol

/// Broken: saves its wins as `score` but reads them back from `wins`, so no save can be read.
struct SavesUnderAnotherKey: GamePlugin {
    struct Settings: Codable, Sendable {}

    static let id = "saves-under-another-key"
    static let defaultTitle = "Saves Under Another Key"
    static let call = GameAction<Self>(
        "call", description: "Call the coin.", arguments: TestCoin.Call.self, schema: TestCoin.schema
    ) { game, call in
        game.wins += call.side == "heads" ? 1 : 0
        return .accepted("Wins: \(game.wins).")
    }
    static let allActions = [call]

    var wins = 0

    private enum CodingKeys: String, CodingKey {
        case wins
        case score
    }

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    init(from decoder: any Decoder) throws {
        wins = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .wins)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(wins, forKey: .score)
    }

    var introduction: String { "Call heads or tails with `call`." }
    var force: ActionForce? { ActionForce(query: "Heads or tails? Use `call`.", actions: [Self.call]) }
    var status: String { "wins \(wins)" }
}
