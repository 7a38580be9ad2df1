/// Neuro stopped speaking (`speech_finished`, protocol of 2026-08-20).
///
/// She may send several while answering; she has finished only when ``isFinal`` is true. A
/// cancelled utterance still ends with a final message (``isCancelled`` true, a ``reason``
/// such as `"interrupted"`).
public struct SpeechFinished: Sendable, Hashable {
    /// Whether she has finished speaking.
    public var isFinal: Bool
    /// Whether the utterance was cut short; `nil` when not said.
    public var isCancelled: Bool?
    /// Why it was cut short, e.g. `"interrupted"`.
    public var reason: String?

    /// Creates the message.
    public init(isFinal: Bool, isCancelled: Bool? = nil, reason: String? = nil) {
        self.isFinal = isFinal
        self.isCancelled = isCancelled
        self.reason = reason
    }
}
