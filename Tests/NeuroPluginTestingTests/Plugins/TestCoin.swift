import GamePlugins
import NeuroProtocol

/// What the broken test plugins share: CoinFlip's one action, `call`, with a side.
enum TestCoin {
    /// The data of `call`.
    struct Call: Decodable, Sendable {
        var side: String
    }

    /// `call`'s schema: `heads` or `tails`.
    static let schema: JSONValue = [
        "type": "object", "properties": ["side": ["enum": ["heads", "tails"]]], "required": ["side"],
    ]

    /// A fair toss.
    static func toss(_ random: inout SeededRandomNumberGenerator) -> String {
        Bool.random(using: &random) ? "heads" : "tails"
    }
}
