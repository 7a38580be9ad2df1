import NeuroAPI
import NeuroSim

/// What a change to a relayed game's state asks its shell to do, in order.
public enum RelayEffect: Sendable {
    /// Send a command to Neuro on the game's upstream connection.
    case upstream(GameCommand)
    /// Send a command to the game on its connection to the relay.
    case downstream(NeuroCommand)
    /// Ask the shared force slot for the grant of request `ticket`.
    case requestForceSlot(ForcePriority, ticket: Int)
    /// Give the shared force slot back (once the frame before is written).
    case releaseForceSlot
    /// A protocol check failed on the game's frames: log it with the game's title.
    case diagnostic(ConformanceRule, String)
}
