/// Why a ``NeuroComponent``'s connection ended.
public enum NeuroDisconnectReason: Sendable {
    /// Neuro closed the connection with a close frame (code and reason as received).
    case closed(code: WebSocketCloseCode?, reason: String?)
    /// The connection broke without a close frame, or failed (a message too large, no pong).
    case dropped(NeuroError)
    /// The game ended it: ``NeuroComponent/stop(code:reason:)`` with this code and reason, or
    /// the task running ``NeuroComponent/run(url:)`` was cancelled (code 1001, no reason).
    case stopped(code: WebSocketCloseCode, reason: String?)
}
