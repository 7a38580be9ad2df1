/// A control on one game's connection (a dashboard's buttons), applied by
/// ``GameSupervisor/apply(_:)``.
package enum GameControl: Sendable, Hashable, CaseIterable {
    /// Drops the connection abruptly, without a close frame, as a cut cable would; the game
    /// reconnects after its backoff.
    case drop
    /// Closes the connection cleanly (1000); the game reconnects after its backoff.
    case close
    /// Closes the connection (1012) and connects again at once, with the failure count reset;
    /// during a backoff wait, ends the wait.
    case restart
    /// Closes the connection (1000) and does not reconnect until ``resume``.
    case pause
    /// Connects a paused game again at once.
    case resume

    /// The words of the close frame and of the game's last error (a resume closes nothing).
    var reason: String {
        switch self {
        case .drop: "connection dropped from the dashboard"
        case .close: "connection closed from the dashboard"
        case .restart: "restarted from the dashboard"
        case .pause: "paused from the dashboard"
        case .resume: "resumed from the dashboard"
        }
    }
}
