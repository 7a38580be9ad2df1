import GamePlugins
import NeuroAPI

/// The soak's plugin that throws: one action, `roll`, takes a `number` from 0 to
/// `throwOneIn - 1`, and its rule throws (a broken game, not a refused move) when the number
/// is 0. NeuroSim's player picks the number at random, so about one action in `throwOneIn`
/// makes the game fail: the session answers it with a failure, closes the connection with
/// 1011, and the host restarts the game from its last good state.
struct FaultyGame: GamePlugin {
    struct Settings: Codable, Sendable {
        /// One action in this many throws, on average.
        var throwOneIn = 100

        init(throwOneIn: Int = 100) {
            self.throwOneIn = throwOneIn
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            throwOneIn = try container.decodeIfPresent(Int.self, forKey: .throwOneIn) ?? 100
        }
    }

    /// The error of the rule that throws.
    struct Broken: Error, CustomStringConvertible {
        var description: String { "the soak's faulty game threw on purpose (it rolled 0)" }
    }

    /// The data of `roll`.
    struct Roll: Decodable, Sendable {
        var number: Int
    }

    static let id = "soak-faulty"
    static let defaultTitle = "Faulty"
    static let summary = "The soak's game whose rule throws on one roll in throwOneIn."

    static let roll = GameAction<FaultyGame>(
        "roll", description: "Roll a number.", arguments: Roll.self,
        schema: { game in
            [
                "type": "object",
                "properties": [
                    "number": ["type": "integer", "minimum": 0, "maximum": .integer(Int64(game.settings.throwOneIn - 1))]
                ],
                "required": ["number"],
            ]
        }
    ) { game, roll in
        guard roll.number != 0 else { throw Broken() }
        game.rolls += 1
        return .accepted("Rolled \(roll.number).")
    }
    static let allActions = [roll]

    let settings: Settings
    private(set) var rolls = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {
        guard (2...1_000_000).contains(settings.throwOneIn) else {
            throw GamePluginError(setting: "throwOneIn", message: "must be from 2 to 1000000, not \(settings.throwOneIn)")
        }
        self.settings = settings
    }

    var introduction: String { "Roll numbers with `roll`; one in \(settings.throwOneIn) breaks the game." }
    var force: ActionForce? { nil }
    var status: String { "\(rolls) rolls" }
}
