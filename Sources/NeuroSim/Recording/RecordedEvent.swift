/// What one line of a recording says happened on a connection.
package enum RecordedEvent: Sendable, Hashable {
    /// The connection opened (`"event": "opened"`).
    case opened
    /// A text frame, with its exact text (`"direction"` and `"text"`).
    case frame(RecordingDirection, text: String)
    /// A binary frame, of which only the length is kept (`"direction"` and `"binaryLength"`).
    case binaryFrame(RecordingDirection, length: Int)
    /// A close frame was sent (`"event": "closed"`, `"by"`, and `"code"` when it had one).
    case closed(by: RecordingSide, code: Int?)
    /// The connection was cut without a close frame (`"event": "dropped"`, `"by"`).
    case dropped(by: RecordingSide)
    /// The connection ended; the recorder saw nothing more of it (`"event": "ended"`).
    case ended
}
