import Logging
import NeuroAPI

/// How ``PluginCheck`` plays a plugin; every field has a default, so
/// `PluginCheckConfiguration()` plays 200 actions from seed 1 with the default settings.
///
/// ```swift
/// var configuration = PluginCheckConfiguration(actions: 400, seed: 7)
/// configuration.settings = ["rounds": 3]
/// let report = try await PluginCheck.run(DiceDuel.self, configuration: configuration)
/// ```
public struct PluginCheckConfiguration: Sendable {
    /// How many actions NeuroSim sends in all, at least 8: half to the game under its own
    /// names (the connection is dropped after a quarter), half to the restored game under a
    /// prefix.
    public var actions: Int
    /// The seed of the game and of NeuroSim's player: the same seed plays the same check again.
    public var seed: UInt64
    /// The game's `settings` object, as in `games.json`; `nil` for the defaults.
    public var settings: JSONValue?
    /// The `game` title; `nil` for the plugin's `defaultTitle`.
    public var title: String?
    /// The action-name prefix of the prefixed stage; `nil` for the plugin id with `_` for `-`,
    /// and a `_` after it (`coin-flip` → `coin_flip_`).
    public var namePrefix: String?
    /// The share of actions, from 0 to 1, NeuroSim sends with bad data on purpose (not JSON,
    /// off the schema, an unknown name); each must be answered with a failure.
    public var badDataShare: Double
    /// How long the game may take to answer an action before NeuroSim reports
    /// `resultTimeout`; 10 s (a rule answers in microseconds: this only guards against a stuck
    /// game, with room for a loaded test machine).
    public var resultTimeout: Duration
    /// How long the check waits without NeuroSim sending an action or getting a result
    /// before it fails with ``PluginCheckError/Code/stalled``; 15 s.
    public var stallTimeout: Duration
    /// The longest the whole check may take (``PluginCheckError/Code/timedOut``); 120 s.
    public var timeLimit: Duration
    /// Where NeuroSim, the game's session and the kit log; silent by default (the report
    /// holds what matters).
    public var logger: Logger

    /// Creates a configuration.
    public init(
        actions: Int = 200,
        seed: UInt64 = 1,
        settings: JSONValue? = nil,
        title: String? = nil,
        namePrefix: String? = nil,
        badDataShare: Double = 0.2,
        resultTimeout: Duration = .seconds(10),
        stallTimeout: Duration = .seconds(15),
        timeLimit: Duration = .seconds(120),
        logger: Logger = Logger(label: "neuro.plugin-check", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.actions = actions
        self.seed = seed
        self.settings = settings
        self.title = title
        self.namePrefix = namePrefix
        self.badDataShare = badDataShare
        self.resultTimeout = resultTimeout
        self.stallTimeout = stallTimeout
        self.timeLimit = timeLimit
        self.logger = logger
    }

    /// The smallest ``actions`` a check accepts: enough for a drop mid-game and two stages.
    public static let minimumActions = 8
}
