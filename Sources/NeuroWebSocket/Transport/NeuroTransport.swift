/// One message-oriented, two-way connection that carries Neuro API frames.
///
/// The websocket client (``WebSocketTransport``) and ``InMemoryTransport`` conform; so can
/// anything else that moves text frames. Implementations must allow `send` from several
/// tasks at once (frames go out whole, in the order the calls were made) while one task
/// calls `receive`.
public protocol NeuroTransport: Sendable {
    /// Sends one text frame.
    /// - Throws: `NeuroError` with `NeuroError/Code/connectionClosed` when the
    ///   connection is closed or closing.
    func send(_ text: String) async throws

    /// Sends one text frame and returns only once it has been written to the connection
    /// (handed to the operating system), and with it every frame sent before.
    ///
    /// ``send(_:)`` may return while the frame is still queued. Use this where another
    /// connection must not overtake the frame: a game that hands the force slot to the next
    /// game sends its result this way first, so Neuro cannot read that game's force before it.
    /// - Throws: as ``send(_:)``.
    func sendWaitingUntilWritten(_ text: String) async throws

    /// Waits for the next message from the peer.
    ///
    /// Returns ``TransportMessage/closed(_:reason:)`` once the peer closed the connection
    /// cleanly, and again on every later call.
    /// - Throws: `NeuroError` with `NeuroError/Code/connectionClosed` when the connection
    ///   dropped without a close frame, `NeuroError/Code/messageTooLarge` or
    ///   `NeuroError/Code/pingTimedOut`.
    func receive() async throws -> TransportMessage

    /// Closes the connection with a close code and an optional reason. Closing twice is harmless.
    func close(code: WebSocketCloseCode, reason: String?) async

    /// Where a task that serves this connection runs best, if anywhere: for a websocket, its
    /// event loop, so that no thread hop separates the socket from the code that answers it.
    /// Pass it to `withTaskExecutorPreference`; `nil` (the default) means no preference.
    var preferredTaskExecutor: (any TaskExecutor)? { get }
}

extension NeuroTransport {
    /// Sends with ``send(_:)``: right for transports whose `send` returns once the frame is
    /// written (or delivered, in memory).
    public func sendWaitingUntilWritten(_ text: String) async throws {
        try await send(text)
    }

    /// No preference: the task runs on the global executor.
    public var preferredTaskExecutor: (any TaskExecutor)? { nil }
}

/// What ``NeuroTransport/receive()`` delivers.
public enum TransportMessage: Sendable, Hashable {
    /// A text frame.
    case text(String)
    /// A binary frame. The protocol never uses them; clients log and skip them.
    case binary([UInt8])
    /// The peer closed the connection with a close frame; nothing follows.
    case closed(WebSocketCloseCode?, reason: String?)
}
