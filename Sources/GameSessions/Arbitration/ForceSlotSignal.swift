import GamePlugins
import NeuroAPI

/// What a ``ForceArbiter`` tells a game waiting on ``ForceArbiter/waitForForceSlot(for:)``.
public enum ForceSlotSignal: Sendable, Hashable {
    /// The slot is the game's, for its request with this ticket: send the force.
    case granted(ticket: Int)
    /// The game has held the slot past its timeout: withdraw the force at Neuro (unregister
    /// its actions), then release the slot.
    case withdrawForce
}
