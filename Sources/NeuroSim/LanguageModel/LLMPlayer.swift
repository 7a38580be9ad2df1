import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import NeuroProtocol

/// The language-model player's thin async shell: sends each ``LLMTurn`` to the
/// chat-completions endpoint and turns the answer into an ``LLMDecision``.
///
/// Every choice is taken by pure values: ``LLMTurn`` (the request, what an answer means, the
/// corrective retry), ``LLMReply`` (parsing), ``LLMRetryPolicy`` (back-off). This type only
/// does the HTTP and records the figures. It uses the process's shared `HTTPClient`
/// (`HTTPClient.shared`, on NIO's singleton event loop group, which needs no shutdown); each
/// request is bounded by ``LLMPlayerConfiguration/requestTimeout``, connecting included.
struct LLMPlayer: Sendable {
    /// The most response bytes read.
    static let maximumResponseBytes = 8 << 20

    let configuration: LLMPlayerConfiguration
    let client: HTTPClient
    let logger: Logger

    init(configuration: LLMPlayerConfiguration, client: HTTPClient = .shared, logger: Logger) {
        self.configuration = configuration
        self.client = client
        self.logger = logger
    }

    /// Asks the model for one decision: at most two answers (the second after a corrective
    /// message), each request retried per ``LLMRetryPolicy``; anything else falls back.
    func decide(_ turn: LLMTurn) async -> LLMDecision {
        var statistics = LLMStatistics()
        statistics.decisions = 1
        var turn = turn
        // The first answer and the one corrective retry.
        for _ in 0..<2 {
            guard let body = await send(turn.requestBody(model: configuration.model), statistics: &statistics) else {
                break
            }
            let reply = LLMReply.parse(body, offering: turn.tools)
            statistics.promptTokens += reply.promptTokens ?? 0
            statistics.completionTokens += reply.completionTokens ?? 0
            switch turn.next(after: reply) {
            case .decided(let choice):
                if choice == .pass { statistics.passes += 1 }
                return LLMDecision(turnID: turn.id, choice: choice, statistics: statistics)
            case .correct(let corrected, let error):
                logger.debug("model answer unusable; correcting", metadata: ["neuro.llm.error": "\(error.rawValue)"])
                statistics.toolCallErrorsByKind[error.rawValue, default: 0] += 1
                statistics.correctiveRetries += 1
                turn = corrected
            case .fallBack(let error):
                statistics.toolCallErrorsByKind[error.rawValue, default: 0] += 1
                return fallBack(turn, statistics: statistics, reason: error.rawValue)
            }
        }
        return fallBack(turn, statistics: statistics, reason: "request failed")
    }

    private func fallBack(_ turn: LLMTurn, statistics: LLMStatistics, reason: String) -> LLMDecision {
        var statistics = statistics
        statistics.fallbacks += 1
        logger.info(
            "model gave no usable decision; the random player decides",
            metadata: ["neuro.llm.reason": "\(reason)", "neuro.llm.forced": "\(turn.isForced)"])
        return LLMDecision(turnID: turn.id, choice: .fallBack, statistics: statistics)
    }

    /// Posts `body`, retrying 429, 5xx, timeouts and connection errors; returns the body of a
    /// 2xx response, or `nil` when none came (or the task was cancelled).
    private func send(_ body: JSONValue, statistics: inout LLMStatistics) async -> String? {
        let policy = LLMRetryPolicy(configuration)
        let text = JSONWriter.string(from: body)
        var retry = 0
        // Bounded: one request plus at most `maximumRetries` retries.
        while retry <= policy.maximumRetries, !Task.isCancelled {
            if retry > 0 { statistics.retries += 1 }
            statistics.requests += 1
            var request = HTTPClientRequest(url: configuration.endpoint)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Accept", value: "application/json")
            if let key = configuration.apiKey { request.headers.add(name: "Authorization", value: "Bearer \(key.value)") }
            request.body = .bytes(ByteBuffer(string: text))
            let started = ContinuousClock.now
            let failure: String
            var retryAfter: String?
            do {
                let response = try await client.execute(request, timeout: Self.timeAmount(configuration.requestTimeout))
                let bytes = try await response.body.collect(upTo: Self.maximumResponseBytes)
                statistics.latency.record(ContinuousClock.now - started)
                let status = Int(response.status.code)
                if (200..<300).contains(status) { return String(buffer: bytes) }
                retryAfter = response.headers.first(name: "Retry-After")
                failure = status == 429 ? "status429" : status >= 500 ? "status5xx" : "status4xx"
                logger.warning(
                    "model request failed",
                    metadata: ["neuro.llm.status": "\(status)", "neuro.llm.model": "\(configuration.model)"])
                if !LLMRetryPolicy.isRetryable(status: status) {
                    statistics.requestFailuresByKind[failure, default: 0] += 1
                    return nil
                }
            } catch {
                if Task.isCancelled { return nil }
                failure = Self.isTimeout(error) ? "timeout" : "connection"
                logger.warning(
                    "model request failed",
                    metadata: ["neuro.llm.failure": "\(failure)", "neuro.llm.model": "\(configuration.model)"])
            }
            statistics.requestFailuresByKind[failure, default: 0] += 1
            retry += 1
            guard retry <= policy.maximumRetries else { break }
            do {
                try await Task.sleep(for: policy.delay(beforeRetry: retry, retryAfter: retryAfter))
            } catch {
                return nil  // cancelled: the connection is over
            }
        }
        return nil
    }

    private static func isTimeout(_ error: any Error) -> Bool {
        guard let error = error as? HTTPClientError else { return false }
        return [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error)
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
