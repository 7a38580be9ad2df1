import NeuroProtocol

/// Counters for one connection, or merged over every connection of a game.
public struct NeuroSimStatistics: Sendable, Hashable {
    /// Messages received from the game, by command (`<invalid>` for frames without one,
    /// `<binary>` for binary frames).
    public var messagesByCommand: [String: Int] = [:]
    /// Diagnostics of every severity, by rule.
    public var diagnosticsByRule: [ConformanceRule: Int] = [:]
    /// `action` commands sent, bad ones included.
    public var actionsSent = 0
    /// Of ``actionsSent``, those answering a force.
    public var forcedActionsSent = 0
    /// Of ``actionsSent``, those sent with bad data on purpose.
    public var badActionsSent = 0
    /// Bad actions the game accepted with a successful result (its validation let them through).
    public var badActionsAccepted = 0
    /// `action/result` commands matching an action in time.
    public var results = 0
    /// Of ``results``, the failures.
    public var failedResults = 0
    /// Results that arrived after their timeout.
    public var lateResults = 0
    /// Forces retried after a failed or missing result.
    public var forceRetries = 0
    /// Forces given up after ``NeuroSimConfiguration/forceRetries`` retries.
    public var abandonedForces = 0
    /// `speech_finished` messages sent.
    public var speechMessagesSent = 0
    /// Latency from sending an `action` to receiving its `action/result`.
    public var latency = LatencyHistogram()
    /// The language-model player's figures (``NeuroSimPlayer/languageModel(_:)``); in the
    /// JSON as `"model"` only when not empty.
    package var model = LLMStatistics()

    /// Creates empty statistics.
    public init() {}

    /// Every message received.
    public var messages: Int { messagesByCommand.values.reduce(0, +) }
    /// Violations (errors and warnings), by rule.
    public var violationsByRule: [ConformanceRule: Int] { diagnosticsByRule.filter { $0.key.severity.isViolation } }
    /// Every violation (error or warning).
    public var violations: Int { violationsByRule.values.reduce(0, +) }
    /// Every diagnostic, notes included.
    public var diagnostics: Int { diagnosticsByRule.values.reduce(0, +) }

    /// Adds another set of counters.
    public mutating func merge(_ other: NeuroSimStatistics) {
        messagesByCommand.merge(other.messagesByCommand, uniquingKeysWith: +)
        diagnosticsByRule.merge(other.diagnosticsByRule, uniquingKeysWith: +)
        actionsSent += other.actionsSent
        forcedActionsSent += other.forcedActionsSent
        badActionsSent += other.badActionsSent
        badActionsAccepted += other.badActionsAccepted
        results += other.results
        failedResults += other.failedResults
        lateResults += other.lateResults
        forceRetries += other.forceRetries
        abandonedForces += other.abandonedForces
        speechMessagesSent += other.speechMessagesSent
        latency.merge(other.latency)
        model.merge(other.model)
    }

    /// The counters as a JSON object for the report; latencies in milliseconds.
    /// `violationsByRule` holds errors and warnings, `diagnosticsByRule` every severity;
    /// `model` (`LLMStatistics`) appears only when the language-model player was asked anything.
    public var jsonValue: JSONValue {
        func sorted(_ counts: [String: Int]) -> JSONValue {
            var object: JSONObject = [:]
            for key in counts.keys.sorted() { object[key] = .integer(Int64(counts[key] ?? 0)) }
            return .object(object)
        }
        var byRule: [String: Int] = [:]
        for (rule, count) in diagnosticsByRule { byRule[rule.rawValue] = count }
        var object: JSONObject = [
            "messages": .integer(Int64(messages)),
            "messagesByCommand": sorted(messagesByCommand),
            "violations": .integer(Int64(violations)),
            "violationsByRule": sorted(byRule.filter { ConformanceRule(rawValue: $0.key)?.severity.isViolation == true }),
            "diagnostics": .integer(Int64(diagnostics)),
            "diagnosticsByRule": sorted(byRule),
            "actionsSent": .integer(Int64(actionsSent)),
            "forcedActionsSent": .integer(Int64(forcedActionsSent)),
            "badActionsSent": .integer(Int64(badActionsSent)),
            "badActionsAccepted": .integer(Int64(badActionsAccepted)),
            "results": .integer(Int64(results)),
            "failedResults": .integer(Int64(failedResults)),
            "lateResults": .integer(Int64(lateResults)),
            "forceRetries": .integer(Int64(forceRetries)),
            "abandonedForces": .integer(Int64(abandonedForces)),
            "speechMessagesSent": .integer(Int64(speechMessagesSent)),
            "latencyMilliseconds": latency.millisecondsJSON,
        ]
        if !model.isEmpty { object["model"] = model.jsonValue }
        return .object(object)
    }
}
