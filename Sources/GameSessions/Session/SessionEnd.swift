import GamePlugins
import NeuroAPI

/// How one connection of a game session ended, when it ended without an error.
public enum SessionEnd: Sendable, Hashable {
    /// Neuro closed the connection with a close frame.
    case closedByNeuro(WebSocketCloseCode?, reason: String?)
    /// The game was stopped (``GameSession/stop(code:reason:)``).
    case stopped
}
