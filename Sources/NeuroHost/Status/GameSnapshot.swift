/// What a supervisor knows about its game at one instant, beyond ``GameStatus``: for a
/// dashboard.
public struct GameSnapshot: Sendable, Hashable {
    /// The game's status (what the summary shows).
    public var status: GameStatus
    /// Where the game connects.
    public var url: String
    /// Reconnections the supervisor started (after a failure or a restart from the dashboard).
    public var restarts: Int
    /// Whether the game is paused from the dashboard.
    public var isPaused: Bool
    /// Seconds left before the next connection attempt, while backing off.
    public var secondsUntilReconnect: Double?

    /// Creates a snapshot.
    public init(status: GameStatus, url: String, restarts: Int, isPaused: Bool, secondsUntilReconnect: Double?) {
        self.status = status
        self.url = url
        self.restarts = restarts
        self.isPaused = isPaused
        self.secondsUntilReconnect = secondsUntilReconnect
    }
}
