/// A control that ended a game's connection on purpose (a dashboard's buttons).
enum GameControl: Sendable, Hashable {
    case drop
    case close
    case restart
    case pause

    /// The words of the close frame and of the game's last error.
    var reason: String {
        switch self {
        case .drop: "connection dropped from the dashboard"
        case .close: "connection closed from the dashboard"
        case .restart: "restarted from the dashboard"
        case .pause: "paused from the dashboard"
        }
    }
}
