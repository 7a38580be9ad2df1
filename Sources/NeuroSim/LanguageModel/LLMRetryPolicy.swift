/// When the language-model player sends a failed request again: after a 429, a 5xx, a timeout
/// or a connection error, up to ``maximumRetries`` times, waiting an exponential back-off
/// (doubling from ``initialBackoff``) or the server's `Retry-After` seconds, capped at
/// ``maximumBackoff``.
struct LLMRetryPolicy: Sendable, Hashable {
    var maximumRetries: Int
    var initialBackoff: Duration
    var maximumBackoff: Duration

    init(_ configuration: LLMPlayerConfiguration) {
        maximumRetries = configuration.maximumRetries
        initialBackoff = configuration.initialBackoff
        maximumBackoff = configuration.maximumBackoff
    }

    /// Whether a response status is worth retrying (429 and 5xx).
    static func isRetryable(status: Int) -> Bool { status == 429 || (500...599).contains(status) }

    /// The wait before retry number `retry` (1 for the first), given the `Retry-After` header
    /// (seconds; an HTTP date is ignored).
    func delay(beforeRetry retry: Int, retryAfter: String?) -> Duration {
        if let retryAfter, let seconds = Double(retryAfter.filter { !$0.isWhitespace }), seconds >= 0 {
            return min(.seconds(seconds), maximumBackoff)
        }
        let factor = 1 << min(max(0, retry - 1), 20)
        return min(initialBackoff * factor, maximumBackoff)
    }
}
