import NeuroSim

/// What ``PluginCheck/run(_:configuration:)`` found: every violation, what was played, and
/// NeuroSim's whole report.
///
/// A test asserts on ``violations``; the report's ``description`` lists them one per line, so
/// it is the message to give the assertion:
///
/// ```swift
/// let report = try await PluginCheck.run(CoinFlip.self)
/// #expect(report.violations.isEmpty, "\(report)")
/// ```
public struct PluginCheckReport: Sendable, Hashable, CustomStringConvertible {
    /// The plugin's id (`coin-flip`).
    public var pluginID: String
    /// The `game` title the game was played under (the restored game's has ` (restored)` added).
    public var title: String
    /// The action-name prefix of the ``PluginCheckStage/prefixedPlay`` stage (`coin_flip_`).
    public var namePrefix: String
    /// Everything found wrong, in stage order; empty when the plugin passed.
    public var violations: [PluginCheckViolation]
    /// Actions NeuroSim sent (bad ones included).
    public var actionsSent: Int
    /// Results the game sent in time for them.
    public var actionsAnswered: Int
    /// Of ``actionsAnswered``, the failures (refusals and rejected bad data).
    public var failedResults: Int
    /// Of ``actionsSent``, those sent with bad data on purpose.
    public var badActionsSent: Int
    /// Connections after the first, over the whole check.
    public var reconnects: Int
    /// What NeuroSim saw: its diagnostics (notes included), per-game counters, latencies.
    public var neuroSim: NeuroSimReport

    /// Creates a report.
    public init(
        pluginID: String, title: String, namePrefix: String, violations: [PluginCheckViolation], actionsSent: Int,
        actionsAnswered: Int, failedResults: Int, badActionsSent: Int, reconnects: Int, neuroSim: NeuroSimReport
    ) {
        self.pluginID = pluginID
        self.title = title
        self.namePrefix = namePrefix
        self.violations = violations
        self.actionsSent = actionsSent
        self.actionsAnswered = actionsAnswered
        self.failedResults = failedResults
        self.badActionsSent = badActionsSent
        self.reconnects = reconnects
        self.neuroSim = neuroSim
    }

    /// Whether the plugin passed: no violations.
    public var isConforming: Bool { violations.isEmpty }

    /// The violations of one rule.
    public func violations(of rule: PluginCheckRule) -> [PluginCheckViolation] {
        violations.filter { $0.rule == rule }
    }

    /// The rules that were violated, each once, in the order they first were.
    public var violatedRules: [PluginCheckRule] {
        var seen: Set<PluginCheckRule> = []
        return violations.map(\.rule).filter { seen.insert($0).inserted }
    }

    public var description: String {
        let summary =
            "\(pluginID) (\"\(title)\"): \(actionsSent) actions sent (\(badActionsSent) with bad data), "
            + "\(actionsAnswered) answered (\(failedResults) failed), \(Self.count(reconnects, "reconnect")), "
            + "prefix \(namePrefix): " + (violations.isEmpty ? "no violations" : Self.count(violations.count, "violation"))
        return ([summary] + violations.map { "- \($0)" }).joined(separator: "\n")
    }

    private static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)" + (count == 1 ? "" : "s")
    }
}
