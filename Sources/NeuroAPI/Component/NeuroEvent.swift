/// Something that happened on a ``NeuroComponent``'s connection, as seen by
/// ``NeuroComponent/events()``.
///
/// Events are observations; the behaviour is already done when they arrive (the result is
/// sent, the actions are registered again). To change a behaviour, use the component's `on…`
/// hooks instead.
///
/// ```swift
/// for await event in component.events() {
///     if case .actionHandled(let action, let result) = event {
///         logger.info("answered", metadata: ["neuro.action": "\(action.name)", "neuro.success": "\(result.isSuccess)"])
///     }
/// }
/// ```
public enum NeuroEvent: Sendable {
    /// The websocket is open and the component has sent `startup` and its actions (as
    /// configured) and run ``NeuroComponent/onConnected(_:)``.
    case connected
    /// The connection could not be opened (refused, handshake failed or timed out, bad URL).
    case connectFailed(NeuroError)
    /// The connection ended; ``NeuroComponent/run(url:)`` returns (or throws, for a drop) next.
    case disconnected(NeuroDisconnectReason)
    /// Neuro acknowledged `startup`; `nil` when she sent no session data.
    case startupAcknowledged(NeuroSessionInfo?)
    /// Neuro sent `actions/reregister_all`; the component has registered its actions again.
    case reregisterAllRequested
    /// Neuro sent `shutdown/graceful`: save and quit at the next safe point (`true`), or
    /// never mind (`false`). Not the process's own graceful shutdown.
    case gracefulShutdownRequested(wantsShutdown: Bool)
    /// Neuro sent `shutdown/immediate`.
    case immediateShutdownRequested
    /// Neuro sent `speech_finished`: she stopped speaking (for good when
    /// `SpeechFinished/isFinal`).
    case speechFinished(SpeechFinished)
    /// Neuro sent a command this library does not know (ignored; vendor-prefixed tool
    /// commands among them).
    case unknownCommand(String, data: JSONObject?)
    /// Neuro sent a frame that could not be decoded; the connection goes on.
    case invalidFrame(NeuroError)
    /// An action was answered with `result` (also for unknown names, bad data, failing handlers
    /// and duplicate ids).
    case actionHandled(NeuroAction, ActionResult)
}
