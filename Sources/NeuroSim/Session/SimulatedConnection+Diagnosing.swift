import NeuroProtocol

// The fault plan (drops after a count or by chance) and the diagnostics: counted, capped per
// rule, and closing the connection in strict mode.
extension SimulatedConnection {
    mutating func injectFaults(into effects: inout [SimulatedConnectionEffect]) {
        guard !isFinished else { return }
        let isDueByCount = configuration.dropAfterMessages.map { messagesReceived >= $0 } ?? false
        let isDueByChance =
            configuration.dropProbability > 0 && Double.random(in: 0..<1, using: &random) < configuration.dropProbability
        if isDueByCount || isDueByChance {
            effects.append(.drop)
            finish()
        }
    }

    /// Counts a diagnostic, emits it (up to ``maximumEmittedPerRule`` of a rule), and in
    /// strict mode closes the connection on an error. Rules that do not apply under the
    /// configured spec are ignored.
    mutating func diagnose(
        _ rule: ConformanceRule, command: String?, _ message: String, into effects: inout [SimulatedConnectionEffect]
    ) {
        guard !isFinished, rule.applies(under: configuration.spec) else { return }
        statistics.diagnosticsByRule[rule, default: 0] += 1
        let diagnostic = NeuroSimDiagnostic(
            rule: rule, connectionID: connectionID, game: game, command: command, message: message)
        let emitted = emittedByRule[rule, default: 0]
        if emitted < Self.maximumEmittedPerRule {
            emittedByRule[rule] = emitted + 1
            effects.append(.diagnostic(diagnostic))
        }
        if configuration.isStrict, rule.severity == .error {
            effects.append(.close(.policyViolation, reason: Self.closeReason(for: diagnostic)))
            finish()
        }
    }

    var forceDelay: Duration { configuration.isFlooding ? .zero : configuration.forceDelay }

    var unforcedInterval: Duration {
        configuration.unforcedActionRate > 0 ? .seconds(1 / configuration.unforcedActionRate) : .seconds(1)
    }

    /// A websocket close reason holds at most 123 bytes of UTF-8.
    static func closeReason(for diagnostic: NeuroSimDiagnostic) -> String {
        var reason = "\(diagnostic.rule): \(diagnostic.message)"
        while reason.utf8.count > 123 { reason.removeLast() }
        return reason
    }

    /// A duration as whole milliseconds, e.g. `612 ms`.
    static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }

    static func list(_ names: [String]) -> String {
        let shown = names.prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")
        return names.count > 10 ? shown + " and \(names.count - 10) more" : shown
    }

    static func shortened(_ text: String) -> String {
        text.count > 60 ? text.prefix(60) + "…" : text
    }

    static func actionNumber(_ id: String) -> Int? {
        guard id.hasPrefix(actionIDPrefix) else { return nil }
        return Int(id.dropFirst(actionIDPrefix.count))
    }

    static func actionOrder(_ first: String, _ second: String) -> Bool {
        (actionNumber(first) ?? 0) < (actionNumber(second) ?? 0)
    }

    static func earlier(_ first: Duration?, _ second: Duration?) -> Duration? {
        guard let first else { return second }
        guard let second else { return first }
        return min(first, second)
    }
}
