/// One thing read from Neuro: what ``NeuroClient/read()`` returns.
///
/// Every frame ends up as exactly one of these, so a reader sees the close (with its code
/// and reason) the same way it sees a command, and a frame that could not be decoded never
/// ends the read.
public enum NeuroRead: Sendable {
    /// A decoded command.
    case command(NeuroCommand)
    /// A frame that could not be decoded: the error, and the frame's text (`nil` for a
    /// binary frame, which the protocol never uses). The connection goes on.
    case invalidFrame(NeuroError, text: String?)
    /// Neuro closed the connection with a close frame; nothing follows.
    case closed(WebSocketCloseCode?, reason: String?)
}

extension NeuroRead {
    /// The command, when a command was read.
    public var command: NeuroCommand? {
        if case .command(let command) = self { return command }
        return nil
    }

    /// Whether Neuro closed the connection.
    public var isClosed: Bool {
        if case .closed = self { return true }
        return false
    }
}
