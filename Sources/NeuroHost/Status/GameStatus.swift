/// A snapshot of one hosted game: a row of the status view and an entry of the exit summary.
public struct GameStatus: Sendable, Hashable, Codable {
    /// The game's title (the `game` field sent to Neuro).
    public var title: String
    /// The plugin id.
    public var plugin: String
    /// Where the game is now.
    public var state: GameState
    /// Connections that reached `startup`.
    public var sessions: Int
    /// Connections after the first.
    public var reconnects: Int
    /// Actions the game accepted.
    public var actionsHandled: Int
    /// Failure results sent (rule refusals, invalid data, unknown or late actions, game errors).
    public var failures: Int
    /// Seconds connected, over all sessions.
    public var secondsConnected: Double
    /// Seconds since the current connection opened, when connected.
    public var secondsInCurrentSession: Double?
    /// The last error, in plain words.
    public var lastError: String?
    /// The game's own status line (`round 3, score 2-1`).
    public var gameStatus: String
    /// The prefix added to this game's action names on the wire, if any.
    public var actionNamePrefix: String
    /// A relayed game's protocol checks that failed, counted by NeuroSim rule id
    /// (`invalidActionName`); `nil` for a built-in game or when none failed.
    public var relayChecks: [String: Int]?
    /// The game's state drawn as a small monospace board (`GamePlugin.renderedBoard`),
    /// shown on the dashboard; `nil`, and absent from the JSON, for a game that draws none.
    public var board: String?

    /// Creates a snapshot.
    public init(
        title: String,
        plugin: String,
        state: GameState,
        sessions: Int = 0,
        reconnects: Int = 0,
        actionsHandled: Int = 0,
        failures: Int = 0,
        secondsConnected: Double = 0,
        secondsInCurrentSession: Double? = nil,
        lastError: String? = nil,
        gameStatus: String = "",
        actionNamePrefix: String = ""
    ) {
        self.title = title
        self.plugin = plugin
        self.state = state
        self.sessions = sessions
        self.reconnects = reconnects
        self.actionsHandled = actionsHandled
        self.failures = failures
        self.secondsConnected = secondsConnected
        self.secondsInCurrentSession = secondsInCurrentSession
        self.lastError = lastError
        self.gameStatus = gameStatus
        self.actionNamePrefix = actionNamePrefix
    }
}
