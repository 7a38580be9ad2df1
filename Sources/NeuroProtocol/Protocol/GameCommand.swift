/// A command the game sends to Neuro.
///
/// ``encoded(game:)`` writes the exact bytes of the Python reference, with one deliberate
/// difference: an action without a schema leaves `schema` out rather than sending `null`.
/// ``decode(_:parser:)`` is the strict reading a Neuro-side server (`NeuroSim`) applies.
public enum GameCommand: Sendable, Hashable {
    /// `startup`: the first message of every connection; Neuro forgets the game's actions.
    case startup
    /// `context`: tell Neuro what happened; a silent message does not prompt a reply.
    case context(message: String, isSilent: Bool)
    /// `actions/register`.
    case registerActions([Action])
    /// `actions/unregister`.
    case unregisterActions([String])
    /// `actions/force`.
    case forceActions(ActionForce)
    /// `action/result`.
    case actionResult(ActionResult)
    /// `shutdown/ready`: the game has saved and may be closed.
    case shutdownReady
    /// A command this library does not know (only produced by decoding).
    case unknown(command: String, data: JSONObject?)

    /// The command's name on the wire, e.g. `actions/register`.
    public var name: String {
        switch self {
        case .startup: return "startup"
        case .context: return "context"
        case .registerActions: return "actions/register"
        case .unregisterActions: return "actions/unregister"
        case .forceActions: return "actions/force"
        case .actionResult: return "action/result"
        case .shutdownReady: return "shutdown/ready"
        case .unknown(let command, _): return command
        }
    }

    /// The compact JSON text of the command for a game.
    public func encoded(game: String) -> String {
        var writer = JSONWriter()
        encode(game: game, into: &writer)
        return writer.string
    }

    /// Writes the compact JSON of the command into a writer.
    public func encode(game: String, into writer: inout JSONWriter) {
        writer.writeRaw("{\"command\":")
        writer.write(string: name)
        writer.writeRaw(",\"game\":")
        writer.write(string: game)
        switch self {
        case .startup, .shutdownReady:
            break
        case .context(let message, let isSilent):
            writer.writeRaw(",\"data\":{\"message\":")
            writer.write(string: message)
            writer.writeRaw(isSilent ? ",\"silent\":true}" : ",\"silent\":false}")
        case .registerActions(let actions):
            writer.writeRaw(",\"data\":{\"actions\":[")
            for (index, action) in actions.enumerated() {
                if index > 0 { writer.writeRaw(",") }
                writer.write(action.jsonValue)
            }
            writer.writeRaw("]}")
        case .unregisterActions(let names):
            writer.writeRaw(",\"data\":{\"action_names\":")
            writer.write(.array(names.map(JSONValue.string)))
            writer.writeRaw("}")
        case .forceActions(let force):
            writer.writeRaw(",\"data\":{")
            if let state = force.state {
                writer.writeRaw("\"state\":")
                writer.write(string: state)
                writer.writeRaw(",")
            }
            writer.writeRaw("\"query\":")
            writer.write(string: force.query)
            writer.writeRaw(",\"action_names\":")
            writer.write(.array(force.actionNames.map(JSONValue.string)))
            writer.writeRaw(",\"priority\":")
            writer.write(string: force.priority.wireValue)
            if force.isEphemeralContext { writer.writeRaw(",\"ephemeral_context\":true") }
            writer.writeRaw("}")
        case .actionResult(let result):
            writer.writeRaw(",\"data\":{\"id\":")
            writer.write(string: result.id)
            writer.writeRaw(result.isSuccess ? ",\"success\":true" : ",\"success\":false")
            if let message = result.message {
                writer.writeRaw(",\"message\":")
                writer.write(string: message)
            }
            writer.writeRaw("}")
        case .unknown(_, let data):
            if let data {
                writer.writeRaw(",\"data\":")
                writer.write(.object(data))
            }
        }
        writer.writeRaw("}")
    }

    /// Decodes a game's frame strictly, as a Neuro-side server reads it.
    ///
    /// Every game message must carry a string `game`. Known commands must have exactly their
    /// documented keys with the documented types; an `actions/force` `priority` must be one
    /// of the four known values. Action names and schemas are decoded but not validated:
    /// call ``Action/validate()`` for that.
    /// - Returns: the game title and the command.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/invalidFrame`` or
    ///   ``NeuroError/Code/invalidMessage``, naming the key.
    public static func decode(
        _ text: String,
        parser: JSONParser = JSONParser()
    ) throws(NeuroError) -> (game: String, command: GameCommand) {
        try decode(WireEnvelope.decode(text, parser: parser, rejectingUnknownKeys: true))
    }

    /// Decodes an envelope strictly; see ``decode(_:parser:)``.
    public static func decode(_ envelope: WireEnvelope) throws(NeuroError) -> (game: String, command: GameCommand) {
        guard let game = envelope.game else {
            throw NeuroError(code: .invalidFrame, message: "\"\(envelope.command)\": the frame has no \"game\" key")
        }
        var fields = MessageFields(command: envelope.command, data: envelope.data)
        let command: GameCommand
        switch envelope.command {
        case "startup":
            return (game, .startup)
        case "shutdown/ready":
            return (game, .shutdownReady)
        case "context":
            try requireData(envelope)
            command = .context(message: try fields.string("message"), isSilent: try fields.bool("silent"))
        case "actions/register":
            try requireData(envelope)
            let elements = try fields.array("actions")
            var actions: [Action] = []
            actions.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                guard case .object(let object) = element else {
                    throw NeuroError(
                        code: .invalidMessage,
                        message: "\"actions/register\": actions[\(index)] must be an object, not \(element.typeName)"
                    )
                }
                var actionFields = MessageFields(command: "actions/register: actions[\(index)]", data: object)
                let name = try actionFields.string("name")
                let description = try actionFields.string("description")
                var schema = actionFields.optionalValue("schema")
                if schema == .null { schema = nil }  // the Python reference sends null; accept it
                try actionFields.rejectUnexpectedKeys()
                actions.append(Action(name: name, description: description, schema: schema))
            }
            command = .registerActions(actions)
        case "actions/unregister":
            try requireData(envelope)
            command = .unregisterActions(try fields.stringArray("action_names"))
        case "actions/force":
            try requireData(envelope)
            let state = try fields.optionalString("state")
            let query = try fields.string("query")
            let names = try fields.stringArray("action_names")
            let isEphemeral = try fields.optionalBool("ephemeral_context") ?? false
            var priority = ForcePriority.low
            if let wire = try fields.optionalString("priority") {
                priority = ForcePriority(wireValue: wire)
                if case .unknown = priority {
                    throw NeuroError(
                        code: .invalidMessage,
                        message: "\"actions/force\": key \"priority\" must be low, medium, high or critical, not \"\(wire)\""
                    )
                }
            }
            command = .forceActions(
                ActionForce(query: query, state: state, actionNames: names, isEphemeralContext: isEphemeral, priority: priority)
            )
        case "action/result":
            try requireData(envelope)
            let id = try fields.string("id")
            let isSuccess = try fields.bool("success")
            let message = try fields.optionalString("message")
            command = .actionResult(ActionResult(id: id, isSuccess: isSuccess, message: message))
        default:
            return (game, .unknown(command: envelope.command, data: envelope.data))
        }
        try fields.rejectUnexpectedKeys()
        return (game, command)
    }

    private static func requireData(_ envelope: WireEnvelope) throws(NeuroError) {
        guard envelope.data != nil else {
            throw NeuroError(code: .invalidMessage, message: "\"\(envelope.command)\": the frame has no \"data\"")
        }
    }
}
