import GamePlugins
import NeuroProtocol

/// Broken: `wins` is left out of the save (its coding keys), so a restored game starts at 0.
struct ForgetsWinsWhenSaved: GamePlugin {
    struct Settings: Codable, Sendable {}

    static let id = "forgets-wins-when-saved"
    static let defaultTitle = "Forgets Wins"
    static let call = GameAction<Self>(
        "call", description: "Call the coin.", arguments: TestCoin.Call.self, schema: TestCoin.schema
    ) { game, call in
        game.wins += call.side == TestCoin.toss(&game.random) ? 1 : 0
        return .accepted("Wins: \(game.wins).")
    }
    static let allActions = [call]

    var random: SeededRandomNumberGenerator
    var wins = 0

    private enum CodingKeys: String, CodingKey {
        case random
    }

    init(settings: Settings, seed: UInt64) throws(GamePluginError) { random = SeededRandomNumberGenerator(seed: seed) }

    var introduction: String { "Call heads or tails with `call`." }
    var force: ActionForce? { ActionForce(query: "Heads or tails? Use `call`.", actions: [Self.call]) }
    var status: String { "wins \(wins)" }
}
