import GamePlugins
import Logging
import NeuroAPI

extension GameCatalog {
    /// Every plugin's id and default title, for configuration checks and `--list`.
    public static var defaultTitles: [String: String] {
        Dictionary(uniqueKeysWithValues: plugins.map { ($0.id, $0.defaultTitle) })
    }

    /// Creates the session of a configured game from its plugin id: restored from its save
    /// when there is one, otherwise new from its settings.
    /// - Throws: `GamePluginError` for an unknown plugin (listing the known ones) or bad
    ///   settings (naming the setting).
    public static func makeSession(
        plugin id: String,
        title: String,
        settings: JSONValue?,
        seed: UInt64,
        names: ActionNameMapping = .identity,
        saveStore: GameSaveStore? = nil,
        forceArbiter: (any ForceArbiter)? = nil,
        abandonedForceTimeout: Duration = .seconds(5),
        watchesForAbandonedForces: Bool = true,
        activity: GameActivity? = nil,
        logger: Logger
    ) throws(GamePluginError) -> any HostedGame {
        guard let type = plugin(id: id) else {
            // A closure, not `\.id`: a key path to a static member through an existential
            // metatype crashes the Swift 6.3 compiler.
            let known = plugins.map { $0.id }.sorted().joined(separator: ", ")
            throw GamePluginError(setting: "plugin", message: "unknown plugin \"\(id)\"; known plugins: \(known)")
        }
        // Opens the plugin type so that its own `makeSession` runs; the session goes back out
        // type-erased.
        func makeSession<Plugin: GamePlugin>(_: Plugin.Type) throws(GamePluginError) -> any HostedGame {
            try Plugin.makeSession(
                title: title, settings: settings, seed: seed, names: names, saveStore: saveStore,
                forceArbiter: forceArbiter, abandonedForceTimeout: abandonedForceTimeout,
                watchesForAbandonedForces: watchesForAbandonedForces, activity: activity, logger: logger)
        }
        return try makeSession(type)
    }
}
