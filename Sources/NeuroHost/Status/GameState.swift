import Foundation

/// Where one hosted game is in its life, for the status view and the summary.
///
/// Encoded in JSON as its kebab-case raw value (`"backing-off"`).
public enum GameState: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Opening a connection.
    case connecting
    /// Connected and playing.
    case connected
    /// Connected, with a force waiting for the shared force slot.
    case waitingForForceSlot = "waiting-for-force-slot"
    /// Waiting before the next connection attempt.
    case backingOff = "backing-off"
    /// Stopped cleanly.
    case stopped
    /// Paused from the dashboard: disconnected, and not reconnecting until resumed.
    case paused
    /// Gave up after too many restarts.
    case gaveUp = "gave-up"
    /// Disabled in the configuration.
    case disabled
    /// A relayed game that left the host's relay: its row waits for it to come back.
    case disconnected

    public var description: String { rawValue.replacingOccurrences(of: "-", with: " ") }
}
