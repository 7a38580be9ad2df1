import NeuroProtocol

/// The language-model player's figures, per connection or merged per game; in the report as
/// `"model"` when the model was asked anything.
package struct LLMStatistics: Sendable, Hashable {
    /// Decisions asked of the model (each force attempt, each idle offer).
    package var decisions = 0
    /// HTTP requests sent, retries and corrections included.
    package var requests = 0
    /// `usage.prompt_tokens` summed over the responses that gave it.
    package var promptTokens = 0
    /// `usage.completion_tokens` summed alike.
    package var completionTokens = 0
    /// The time from sending a request to reading its whole response (answered requests only).
    package var latency = LatencyHistogram()
    /// Requests that got no usable HTTP answer, by kind: `timeout`, `status429`, `status5xx`,
    /// `status4xx`, `connection`.
    package var requestFailuresByKind: [String: Int] = [:]
    /// Requests sent again after a 429, a 5xx, a timeout or a connection error.
    package var retries = 0
    /// Answers that could not become an action, by kind: `noToolCall`, `unknownTool`,
    /// `invalidArguments`, `invalidResponse`.
    package var toolCallErrorsByKind: [String: Int] = [:]
    /// Corrective retries: the model told what was wrong and asked once more.
    package var correctiveRetries = 0
    /// Decisions handed to the random player (after a failed correction, or requests that
    /// kept failing).
    package var fallbacks = 0
    /// Unforced offers the model declined.
    package var passes = 0

    /// Creates empty figures.
    package init() {}

    /// Whether nothing was recorded.
    package var isEmpty: Bool { decisions == 0 && requests == 0 && fallbacks == 0 }

    /// Adds another set of figures.
    package mutating func merge(_ other: LLMStatistics) {
        decisions += other.decisions
        requests += other.requests
        promptTokens += other.promptTokens
        completionTokens += other.completionTokens
        latency.merge(other.latency)
        requestFailuresByKind.merge(other.requestFailuresByKind, uniquingKeysWith: +)
        retries += other.retries
        toolCallErrorsByKind.merge(other.toolCallErrorsByKind, uniquingKeysWith: +)
        correctiveRetries += other.correctiveRetries
        fallbacks += other.fallbacks
        passes += other.passes
    }

    /// The figures as a JSON object; latencies in milliseconds.
    package var jsonValue: JSONValue {
        func sorted(_ counts: [String: Int]) -> JSONValue {
            var object: JSONObject = [:]
            for key in counts.keys.sorted() { object[key] = .integer(Int64(counts[key] ?? 0)) }
            return .object(object)
        }
        return [
            "decisions": .integer(Int64(decisions)),
            "requests": .integer(Int64(requests)),
            "promptTokens": .integer(Int64(promptTokens)),
            "completionTokens": .integer(Int64(completionTokens)),
            "latencyMilliseconds": latency.millisecondsJSON,
            "requestFailures": sorted(requestFailuresByKind),
            "retries": .integer(Int64(retries)),
            "toolCallErrors": sorted(toolCallErrorsByKind),
            "correctiveRetries": .integer(Int64(correctiveRetries)),
            "fallbacks": .integer(Int64(fallbacks)),
            "passes": .integer(Int64(passes)),
        ]
    }
}
