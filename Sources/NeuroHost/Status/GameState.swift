/// Where one hosted game is in its life, for the status view and the summary.
public enum GameState: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Opening a connection.
    case connecting
    /// Connected and playing.
    case connected
    /// Connected, with a force waiting for the shared force slot.
    case waitingForForceSlot
    /// Waiting before the next connection attempt.
    case backingOff
    /// Stopped cleanly.
    case stopped
    /// Gave up after too many restarts.
    case gaveUp
    /// Disabled in the configuration.
    case disabled

    public var description: String {
        switch self {
        case .connecting: return "connecting"
        case .connected: return "connected"
        case .waitingForForceSlot: return "waiting for force slot"
        case .backingOff: return "backing off"
        case .stopped: return "stopped"
        case .gaveUp: return "gave up"
        case .disabled: return "disabled"
        }
    }
}
