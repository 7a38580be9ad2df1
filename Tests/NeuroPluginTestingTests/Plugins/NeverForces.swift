import GamePlugins
import NeuroProtocol

/// Broken for a check: registers an action but never forces, so a Neuro that only answers
/// forces never acts and the check stalls.
struct NeverForces: GamePlugin {
    struct Settings: Codable, Sendable {}

    static let id = "never-forces"
    static let defaultTitle = "Never Forces"
    static let wait = GameAction<Self>("wait", description: "Wait a turn.") { _ in .accepted("You waited.") }
    static let allActions = [wait]

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "Nothing happens here. You may `wait`." }
    var force: ActionForce? { nil }
    var status: String { "idle" }
}
