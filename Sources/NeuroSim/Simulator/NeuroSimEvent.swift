import NeuroProtocol
import NeuroWebSocket

/// Something that happened in a ``NeuroSimulator``, delivered to its event handler as it
/// happens: for tests to await, and for tools that watch a run live.
public enum NeuroSimEvent: Sendable, Hashable {
    /// A game connected.
    case connected(connectionID: Int, peer: String?)
    /// A connection sent its first `game` title.
    case identified(connectionID: Int, game: String)
    /// NeuroSim noticed something about a game: a violation (an error or a warning) or a note
    /// (performance, info). At most 100 of one rule per connection are delivered; all are
    /// counted in the statistics.
    case diagnostic(NeuroSimDiagnostic)
    /// NeuroSim sent an `action`; `isBad` when its data or name is wrong on purpose.
    case actionSent(connectionID: Int, action: NeuroAction, isForced: Bool, isBad: Bool)
    /// A game answered an action in time with `action/result`.
    case resultReceived(connectionID: Int, result: ActionResult, latency: Duration)
    /// The game closed the connection with a close frame (`code` is `nil` for a frame without
    /// one); `registeredActions` are the action names it still had registered at that moment.
    case closedByGame(connectionID: Int, code: WebSocketCloseCode?, registeredActions: [String])
    /// A connection ended (closed by either side, or dropped).
    case disconnected(connectionID: Int, game: String?)
}
