/// One thing a check found wrong with a plugin: the rule (a NeuroSim diagnostic id or one of
/// the kit's checks), where it happened, and what was wrong.
public struct PluginCheckViolation: Sendable, Hashable, CustomStringConvertible {
    /// What was broken.
    public var rule: PluginCheckRule
    /// The part of the check it happened in.
    public var stage: PluginCheckStage
    /// What was wrong, in plain words (NeuroSim's message for its diagnostics).
    public var message: String
    /// NeuroSim's number of the connection it happened on, when it happened on one.
    public var connectionID: Int?

    /// Creates a violation.
    public init(rule: PluginCheckRule, stage: PluginCheckStage, message: String, connectionID: Int? = nil) {
        self.rule = rule
        self.stage = stage
        self.message = message
        self.connectionID = connectionID
    }

    public var description: String {
        "\(rule) [\(stage)" + (connectionID.map { ", connection \($0)" } ?? "") + "]: \(message)"
    }
}
