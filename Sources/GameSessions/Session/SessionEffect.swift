import GamePlugins
import NeuroAPI

/// Something a game session must do, in order: the output of ``GameSessionState``.
public enum SessionEffect: Sendable, Hashable {
    /// Send a command to Neuro.
    case send(GameCommand)
    /// Save the game now.
    case save
    /// Ask the force arbiter for the shared force slot (arbitrated sessions only): the game has
    /// a force to send. The grant comes back with `ticket` (``GameSessionState/forceSlotGranted(ticket:core:)``).
    case requestForceSlot(ForcePriority, ticket: Int)
    /// Give the shared force slot back, or withdraw the request for it (arbitrated sessions
    /// only): the force was answered or withdrawn, or is no longer wanted.
    case releaseForceSlot
}
