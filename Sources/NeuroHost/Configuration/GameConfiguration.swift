import NeuroAPI

/// One entry of `games.json`'s `games` list, with the host's defaults merged in.
///
/// Several entries may use the same plugin with different titles and settings. The title is
/// what Neuro sees as the game's name and must be unique among enabled games.
///
/// ```json
/// { "plugin": "guess-the-number", "title": "Guess the Number (hard)", "settings": {},
///   "enabled": true, "url": "ws://localhost:8001", "restartPolicy": { "maximumRestarts": 5 } }
/// ```
public struct GameConfiguration: Sendable, Hashable {
    /// The plugin id (`tic-tac-toe`).
    public var plugin: String
    /// The game's name sent to Neuro; the plugin's default title unless the file gives one.
    public var title: String
    /// The plugin's settings, passed through untouched for the plugin to decode. Default `{}`.
    public var settings: JSONValue
    /// Whether the host plays this game. Default `true`.
    public var isEnabled: Bool
    /// The URL this game connects to, after the precedence rules of
    /// ``HostConfiguration/resolveURL(flag:environment:game:file:)``.
    public var url: String
    /// Where ``url`` came from, for logs.
    public var urlSource: URLSource
    /// The restart policy: the game's partial override merged over the file's default.
    public var restartPolicy: RestartPolicy

    /// Creates a game; every parameter but the plugin and the title has a default.
    public init(
        plugin: String,
        title: String,
        settings: JSONValue = [:],
        isEnabled: Bool = true,
        url: String = NeuroURL.defaultURL,
        urlSource: URLSource = .builtInDefault,
        restartPolicy: RestartPolicy = RestartPolicy()
    ) {
        self.plugin = plugin
        self.title = title
        self.settings = settings
        self.isEnabled = isEnabled
        self.url = url
        self.urlSource = urlSource
        self.restartPolicy = restartPolicy
    }

    /// The prefix that keeps this game's action names apart from other games' on the same
    /// Neuro; see ``namePrefix(forTitle:)``.
    public var namePrefix: String { Self.namePrefix(forTitle: title) }
}
