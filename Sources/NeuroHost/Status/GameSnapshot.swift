/// What a supervisor knows about its game at one instant, beyond ``GameStatus``: for a
/// dashboard.
package struct GameSnapshot: Sendable, Hashable {
    /// The game's status (what the summary shows).
    package var status: GameStatus
    /// Where the game connects.
    package var url: String
    /// Reconnections the supervisor started (after a failure or a restart from the dashboard).
    package var restarts: Int
    /// Whether the game is paused from the dashboard.
    package var isPaused: Bool
    /// Seconds left before the next connection attempt, while backing off.
    package var secondsUntilReconnect: Double?

    /// Creates a snapshot.
    package init(status: GameStatus, url: String, restarts: Int, isPaused: Bool, secondsUntilReconnect: Double?) {
        self.status = status
        self.url = url
        self.restarts = restarts
        self.isPaused = isPaused
        self.secondsUntilReconnect = secondsUntilReconnect
    }
}
