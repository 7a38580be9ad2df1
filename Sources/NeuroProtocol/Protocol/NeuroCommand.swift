/// A command Neuro sends to the game.
///
/// ``decode(_:parser:)`` reads as the protocol of August 2026 asks a game to: unknown keys, at
/// the top level and in `data`, are ignored, and `null` for an optional field means absent
/// (Gary sends `"data": null` for an action without a schema). A required field that is
/// missing or mistyped is an error naming the command and the key (an `action` without a
/// string `name`, say); `wants_shutdown` must be a Boolean (the reference takes any truthy
/// value and fails with a `KeyError` when it is missing). A startup acknowledgement is taken
/// with whatever fields it has. Unknown commands, vendor-prefixed ones included, are never an
/// error.
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
    /// `speech_finished`: Neuro stopped speaking (finally, when ``SpeechFinished/isFinal``).
    case speechFinished(SpeechFinished)
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
        case .speechFinished: return "speech_finished"
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
        var fields = MessageFields(command: envelope.command, data: envelope.data, isLenient: true)
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
            // Taken with whatever it has: a field that is missing or not a string is `nil`.
            guard case .object(let session)? = envelope.data?["session"] else { return .startupAcknowledgement(nil) }
            func text(_ key: String) -> String? {
                if case .string(let value)? = session[key] { return value }
                return nil
            }
            return .startupAcknowledgement(
                NeuroSessionInfo(sessionID: text("sessionId"), characterID: text("characterId"), displayName: text("displayName"))
            )
        case "speech_finished":
            let isFinal = try fields.bool("isFinal")
            let isCancelled = try fields.optionalBool("cancelled")
            let reason = try fields.optionalString("reason")
            return .speechFinished(SpeechFinished(isFinal: isFinal, isCancelled: isCancelled, reason: reason))
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
            var session: JSONObject = [:]
            if let id = info.sessionID { session["sessionId"] = .string(id) }
            if let character = info.characterID { session["characterId"] = .string(character) }
            if let name = info.displayName { session["displayName"] = .string(name) }
            writer.writeRaw(",\"data\":")
            writer.write(.object(["session": .object(session)]))
        case .speechFinished(let speech):
            var data: JSONObject = ["isFinal": .bool(speech.isFinal)]
            if let cancelled = speech.isCancelled { data["cancelled"] = .bool(cancelled) }
            if let reason = speech.reason { data["reason"] = .string(reason) }
            writer.writeRaw(",\"data\":")
            writer.write(.object(data))
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
