import GamePlugins
import NeuroProtocol

// The README's plugin example, as the README shows it (`ReadmeCoinFlipTests` keeps the two alike).
// README example: begin
struct CoinFlip: GamePlugin {
    struct Settings: Codable, Sendable {}
    struct Call: Decodable { var side: String }

    static let id = "coin-flip"
    static let defaultTitle = "Coin Flip"
    static let call = GameAction<CoinFlip>(
        "call", description: "Call the coin.", arguments: Call.self,
        schema: ["type": "object", "properties": ["side": ["enum": ["heads", "tails"]]], "required": ["side"]]
    ) { game, call in
        let side = Bool.random(using: &game.random) ? "heads" : "tails"
        if call.side == side { game.wins += 1 }
        return .accepted("It was \(side).", context: [GameContext("Wins so far: \(game.wins).")])
    }
    static let allActions = [call]

    var random: SeededRandomNumberGenerator
    var wins = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) { random = SeededRandomNumberGenerator(seed: seed) }

    var introduction: String { "Call heads or tails with `call`." }
    var force: ActionForce? { ActionForce(query: "Heads or tails?", state: "Wins: \(wins)", actions: [Self.call]) }
    var status: String { "wins \(wins)" }
    var renderedBoard: String? { "wins " + String(repeating: "●", count: min(wins, 20)) }
}
// README example: end
