import NeuroAPI

/// One breach of the protocol by a game, as NeuroSim records, logs, counts and reports it.
public struct NeuroSimViolation: Sendable, Hashable, CustomStringConvertible {
    /// The rule broken.
    public var rule: ConformanceRule
    /// The connection's number, unique within one ``NeuroSimulator``.
    public var connectionID: Int
    /// The game's title, when the connection has sent one.
    public var game: String?
    /// The command involved (e.g. `actions/force`), when there is one.
    public var command: String?
    /// What was wrong, in plain words.
    public var message: String

    /// Creates a violation.
    public init(rule: ConformanceRule, connectionID: Int, game: String?, command: String?, message: String) {
        self.rule = rule
        self.connectionID = connectionID
        self.game = game
        self.command = command
        self.message = message
    }

    public var description: String {
        "\(rule) on connection \(connectionID)" + (game.map { " (\($0))" } ?? "") + (command.map { " in \"\($0)\"" } ?? "")
            + ": \(message)"
    }

    /// The violation as a JSON object for the report.
    public var jsonValue: JSONValue {
        var object: JSONObject = ["rule": .string(rule.rawValue), "connection": .integer(Int64(connectionID))]
        if let game { object["game"] = .string(game) }
        if let command { object["command"] = .string(command) }
        object["message"] = .string(message)
        return .object(object)
    }
}
