import NeuroProtocol

/// One thing NeuroSim noticed about a game — a breach of the protocol, a likely bug, a
/// performance cost or a matter of style — as NeuroSim records, logs, counts and reports it.
///
/// Errors and warnings are *violations* (``isViolation``); performance and info diagnostics
/// are *notes*.
public struct NeuroSimDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// What was noticed; its raw value is the diagnostic's stable id.
    public var rule: ConformanceRule
    /// The connection's number, unique within one ``NeuroSimulator``.
    public var connectionID: Int
    /// The game's title, when the connection has sent one.
    public var game: String?
    /// The command involved (e.g. `actions/force`), when there is one.
    public var command: String?
    /// What was wrong, in plain words.
    public var message: String

    /// Creates a diagnostic.
    public init(rule: ConformanceRule, connectionID: Int, game: String?, command: String?, message: String) {
        self.rule = rule
        self.connectionID = connectionID
        self.game = game
        self.command = command
        self.message = message
    }

    /// The diagnostic's stable id, e.g. `forceWhilePending`.
    public var id: String { rule.rawValue }

    /// How much it matters.
    public var severity: DiagnosticSeverity { rule.severity }

    /// Whether it is a violation (an error or a warning) rather than a note.
    public var isViolation: Bool { rule.severity.isViolation }

    public var description: String {
        "\(rule) (\(severity)) on connection \(connectionID)" + (game.map { " (\($0))" } ?? "")
            + (command.map { " in \"\($0)\"" } ?? "") + ": \(message)"
    }

    /// The diagnostic as a JSON object for the report.
    public var jsonValue: JSONValue {
        var object: JSONObject = [
            "rule": .string(rule.rawValue), "severity": .string(severity.rawValue),
            "connection": .integer(Int64(connectionID)),
        ]
        if let game { object["game"] = .string(game) }
        if let command { object["command"] = .string(command) }
        object["message"] = .string(message)
        return .object(object)
    }
}
