import GamePlugins
import GameSessions
import NeuroAPI

/// A game whose force names a one-off action that an unforced action takes away.
struct ShortcutGame: GamePlugin {
    struct Settings: Codable, Sendable {}

    static let id = "shortcut"
    static let defaultTitle = "Shortcut"
    static let walk = GameAction<ShortcutGame>("walk", description: "Walk on; the shortcut closes.") { game in
        game.isShortcutOpen = false
        return .accepted("Walked on.")
    }
    static let shortcut = GameAction<ShortcutGame>("shortcut", description: "Take the shortcut.") { game in
        game.isShortcutOpen = false
        return .accepted("Took the shortcut.")
    }
    static let allActions = [walk, shortcut]

    var isShortcutOpen = true

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "A shortcut is open for now." }
    var availableActions: [GameAction<ShortcutGame>] { isShortcutOpen ? [Self.walk, Self.shortcut] : [Self.walk] }
    var force: ActionForce? {
        isShortcutOpen ? ActionForce(query: "Take the shortcut?", actions: [Self.shortcut]) : nil
    }

    var status: String { isShortcutOpen ? "open" : "closed" }
}
