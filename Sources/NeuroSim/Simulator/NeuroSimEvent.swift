import NeuroAPI

/// Something that happened in a ``NeuroSimulator``, delivered to its event handler as it
/// happens: for tests to await, and for tools that watch a run live.
public enum NeuroSimEvent: Sendable, Hashable {
    /// A game connected.
    case connected(connectionID: Int, peer: String?)
    /// A connection sent its first `game` title.
    case identified(connectionID: Int, game: String)
    /// A game broke a rule.
    case violation(NeuroSimViolation)
    /// NeuroSim sent an `action`; `isBad` when its data or name is wrong on purpose.
    case actionSent(connectionID: Int, action: NeuroAction, isForced: Bool, isBad: Bool)
    /// A game answered an action in time with `action/result`.
    case resultReceived(connectionID: Int, result: ActionResult, latency: Duration)
    /// A connection ended (closed by either side, or dropped).
    case disconnected(connectionID: Int, game: String?)
}
