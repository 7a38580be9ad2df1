import GamePlugins
import GameSessions
import NeuroAPI

/// A game whose force names a one-off action that an unforced action takes away.
struct ShortcutGame: GamePlugin {
    struct Settings: Codable, Sendable {}

    static let id = "shortcut"
    static let actionNames = ["walk", "shortcut"]
    static let defaultTitle = "Shortcut"
    static let walk = Action(name: "walk", description: "Walk on; the shortcut closes.")
    static let shortcut = Action(name: "shortcut", description: "Take the shortcut.")

    var isShortcutOpen = true

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "A shortcut is open for now." }
    var actions: [Action] { isShortcutOpen ? [Self.walk, Self.shortcut] : [Self.walk] }
    var force: ActionForce? {
        isShortcutOpen ? ActionForce(query: "Take the shortcut?", actionNames: ["shortcut"]) : nil
    }

    mutating func perform(_ actionName: String, data: JSONValue?) throws -> GameOutcome {
        isShortcutOpen = false
        return .accepted(actionName == "walk" ? "Walked on." : "Took the shortcut.")
    }

    var status: String { isShortcutOpen ? "open" : "closed" }
}
