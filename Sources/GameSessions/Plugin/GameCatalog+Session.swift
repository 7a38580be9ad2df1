import GamePlugins
import NeuroAPI

extension GameCatalog {
    /// Creates the session of a configured game from its plugin id: restored from its save
    /// when there is one, otherwise new from its settings.
    /// - Parameters:
    ///   - id: the plugin's id (`games.json`'s `plugin`).
    ///   - title: the `game` title sent to Neuro.
    ///   - settings: the game's `settings` object, or `nil` for the defaults.
    ///   - seed: the seed of the game's randomness.
    ///   - options: how the session plays.
    /// - Throws: `GamePluginError` for a plugin not in this catalog (listing the known ones) or
    ///   bad settings (naming the setting).
    public func makeSession(
        plugin id: String,
        title: String,
        settings: JSONValue?,
        seed: UInt64,
        options: GameSessionOptions = GameSessionOptions()
    ) throws(GamePluginError) -> any HostedGame {
        guard let type = plugin(id: id) else {
            throw GamePluginError(
                setting: "plugin", message: "unknown plugin \"\(id)\"; known plugins: \(ids.sorted().joined(separator: ", "))")
        }
        // Opens the plugin type so that its own `makeSession` runs; the session goes back out
        // type-erased.
        func makeSession<Plugin: GamePlugin>(_: Plugin.Type) throws(GamePluginError) -> any HostedGame {
            try Plugin.makeSession(title: title, settings: settings, seed: seed, options: options)
        }
        return try makeSession(type)
    }
}
