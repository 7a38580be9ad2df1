import GamePlugins
import NeuroProtocol

/// Broken: rolls with the system's random numbers instead of a seeded generator kept in the
/// game, so the same game and the same actions do not give the same game again.
struct RollsUnseededDice: GamePlugin {
    struct Settings: Codable, Sendable {}

    static let id = "rolls-unseeded-dice"
    static let defaultTitle = "Unseeded Dice"
    static let roll = GameAction<Self>("roll", description: "Roll the die.") { game in
        let pips = Int.random(in: 1...6)
        game.total += pips
        return .accepted("You rolled \(pips).")
    }
    static let allActions = [roll]

    var total = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "Roll the die with `roll`." }
    var force: ActionForce? { ActionForce(query: "Roll with `roll`.", actions: [Self.roll]) }
    var status: String { "total \(total)" }
}
