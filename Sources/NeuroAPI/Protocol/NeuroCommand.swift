/// A command Neuro sends to the game.
///
/// ``decode(_:parser:)`` is as strict as the Python reference where it is strict (an `action`
/// with a missing, extra or mistyped key is an error naming the key) and stricter where the
/// reference is loose: `wants_shutdown` must be a Boolean (the reference takes any truthy
/// value and fails with a `KeyError` when it is missing). Unknown commands are never an error.
public enum NeuroCommand: Sendable, Hashable {
    /// `startup`: Neuro acknowledged the game's startup; `nil` when she sent no session data.
    case startupAcknowledgement(NeuroSessionInfo?)
    /// `action`: perform an action and answer with `action/result`.
    case action(NeuroAction)
    /// `actions/reregister_all`: Neuro restarted; register every current action again.
    case reregisterAllActions
    /// `shutdown/graceful`: Neuro asks the game to save and quit at its next safe point
    /// (`wantsShutdown: true`), or cancels that request (`false`). Not the process's own
    /// graceful shutdown.
    case gracefulShutdownRequest(wantsShutdown: Bool)
    /// `shutdown/immediate`: Neuro asks the game to save what it can within seconds.
    case immediateShutdownRequest
    /// A command this library does not know, kept with its name and raw data.
    case unknown(command: String, data: JSONObject?)

    /// The command's name on the wire, e.g. `actions/reregister_all`.
    public var name: String {
        switch self {
        case .startupAcknowledgement: return "startup"
        case .action: return "action"
        case .reregisterAllActions: return "actions/reregister_all"
        case .gracefulShutdownRequest: return "shutdown/graceful"
        case .immediateShutdownRequest: return "shutdown/immediate"
        case .unknown(let command, _): return command
        }
    }

    /// Decodes one frame from Neuro.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/invalidFrame`` (not a JSON object, no
    ///   string `command`) or ``NeuroError/Code/invalidMessage`` (a known command with bad
    ///   data), naming the key.
    public static func decode(_ text: String, parser: JSONParser = JSONParser()) throws(NeuroError) -> NeuroCommand {
        try decode(WireEnvelope.decode(text, parser: parser))
    }

    /// Decodes an envelope; see ``decode(_:parser:)``. A `game` key is accepted and ignored.
    public static func decode(_ envelope: WireEnvelope) throws(NeuroError) -> NeuroCommand {
        var fields = MessageFields(command: envelope.command, data: envelope.data)
        switch envelope.command {
        case "action":
            guard envelope.data != nil else {
                throw NeuroError(code: .invalidMessage, message: "\"action\": the frame has no \"data\"")
            }
            let id = try fields.string("id")
            let name = try fields.string("name")
            let data = try fields.optionalString("data")
            try fields.rejectUnexpectedKeys()
            return .action(NeuroAction(id: id, name: name, data: data))
        case "actions/reregister_all":
            return .reregisterAllActions
        case "shutdown/graceful":
            guard envelope.data != nil else {
                throw NeuroError(code: .invalidMessage, message: "\"shutdown/graceful\": the frame has no \"data\"")
            }
            let wantsShutdown = try fields.bool("wants_shutdown")
            return .gracefulShutdownRequest(wantsShutdown: wantsShutdown)
        case "shutdown/immediate":
            return .immediateShutdownRequest
        case "startup":
            guard let session = try fields.optionalObject("session") else { return .startupAcknowledgement(nil) }
            var sessionFields = MessageFields(command: "startup: session", data: session)
            let info = NeuroSessionInfo(
                sessionID: try sessionFields.string("sessionId"),
                characterID: try sessionFields.string("characterId"),
                displayName: try sessionFields.string("displayName")
            )
            return .startupAcknowledgement(info)
        default:
            return .unknown(command: envelope.command, data: envelope.data)
        }
    }

    /// The compact JSON text, as a Neuro-side server sends it (no `game` key).
    public func encoded() -> String {
        var writer = JSONWriter()
        encode(into: &writer)
        return writer.string
    }

    /// Writes the compact JSON of the command into a writer.
    public func encode(into writer: inout JSONWriter) {
        writer.writeRaw("{\"command\":")
        writer.write(string: name)
        switch self {
        case .reregisterAllActions, .immediateShutdownRequest, .startupAcknowledgement(nil):
            break
        case .startupAcknowledgement(.some(let info)):
            writer.writeRaw(",\"data\":{\"session\":{\"sessionId\":")
            writer.write(string: info.sessionID)
            writer.writeRaw(",\"characterId\":")
            writer.write(string: info.characterID)
            writer.writeRaw(",\"displayName\":")
            writer.write(string: info.displayName)
            writer.writeRaw("}}")
        case .action(let action):
            writer.writeRaw(",\"data\":{\"id\":")
            writer.write(string: action.id)
            writer.writeRaw(",\"name\":")
            writer.write(string: action.name)
            if let data = action.data {
                writer.writeRaw(",\"data\":")
                writer.write(string: data)
            }
            writer.writeRaw("}")
        case .gracefulShutdownRequest(let wantsShutdown):
            writer.writeRaw(wantsShutdown ? ",\"data\":{\"wants_shutdown\":true}" : ",\"data\":{\"wants_shutdown\":false}")
        case .unknown(_, let data):
            if let data {
                writer.writeRaw(",\"data\":")
                writer.write(.object(data))
            }
        }
        writer.writeRaw("}")
    }
}
