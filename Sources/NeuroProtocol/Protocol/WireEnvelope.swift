/// The outer layer of every frame: `{"command": string, "game"?: string, "data"?: object}`.
///
/// The frame must be a JSON object with a string `command`; `game` when present must be a
/// string, `data` when present an object. Beyond that, decoding is lenient by default, as the
/// protocol of August 2026 asks of a receiver: any other top-level key is ignored (and listed
/// in ``ignoredKeys``), and `"data": null` means no data. With `rejectingUnknownKeys` it is as
/// strict as the Python reference: both are errors naming the key (NeuroSim reads games'
/// frames this way).
public struct WireEnvelope: Sendable, Hashable {
    /// The command name, e.g. `actions/register`.
    public var command: String
    /// The game title (game → Neuro only).
    public var game: String?
    /// The command's data.
    public var data: JSONObject?
    /// Top-level keys that were neither `command`, `game` nor `data`, ignored by a lenient
    /// decode (for a debug log or a diagnostic).
    public var ignoredKeys: [String] = []

    /// Creates an envelope.
    public init(command: String, game: String? = nil, data: JSONObject? = nil) {
        self.command = command
        self.game = game
        self.data = data
    }

    /// Decodes a frame's text.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/invalidFrame``.
    public static func decode(
        _ text: String,
        parser: JSONParser = JSONParser(),
        rejectingUnknownKeys: Bool = false
    ) throws(NeuroError) -> WireEnvelope {
        let value: JSONValue
        do {
            value = try parser.parse(text)
        } catch {
            throw NeuroError(code: .invalidFrame, message: "the frame is not valid JSON: \(error)", cause: error)
        }
        return try decode(value, rejectingUnknownKeys: rejectingUnknownKeys)
    }

    /// Decodes a frame already parsed as JSON.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/invalidFrame``.
    public static func decode(_ value: JSONValue, rejectingUnknownKeys: Bool = false) throws(NeuroError) -> WireEnvelope {
        guard case .object(let object) = value else {
            throw NeuroError(code: .invalidFrame, message: "the frame must be a JSON object, not \(value.typeName)")
        }
        var ignoredKeys: [String] = []
        for key in object.keys where key != "command" && key != "game" && key != "data" {
            guard !rejectingUnknownKeys else {
                throw NeuroError(code: .invalidFrame, message: "the frame has an unexpected key \"\(key)\"")
            }
            ignoredKeys.append(key)
        }
        guard let commandValue = object["command"] else {
            throw NeuroError(code: .invalidFrame, message: "the frame has no \"command\" key")
        }
        guard case .string(let command) = commandValue else {
            throw NeuroError(code: .invalidFrame, message: "\"command\" must be a string, not \(commandValue.typeName)")
        }
        var game: String?
        if let gameValue = object["game"] {
            guard case .string(let title) = gameValue else {
                throw NeuroError(code: .invalidFrame, message: "\"game\" must be a string, not \(gameValue.typeName)")
            }
            game = title
        }
        var data: JSONObject?
        if let dataValue = object["data"], !(dataValue == .null && !rejectingUnknownKeys) {
            guard case .object(let member) = dataValue else {
                throw NeuroError(
                    code: .invalidFrame,
                    message: "\"data\" of \"\(command)\" must be an object, not \(dataValue.typeName)"
                )
            }
            data = member
        }
        var envelope = WireEnvelope(command: command, game: game, data: data)
        envelope.ignoredKeys = ignoredKeys
        return envelope
    }

    /// The compact JSON text, keys in the order `command`, `game`, `data`.
    public func encoded() -> String {
        var writer = JSONWriter()
        writer.writeRaw("{\"command\":")
        writer.write(string: command)
        if let game {
            writer.writeRaw(",\"game\":")
            writer.write(string: game)
        }
        if let data {
            writer.writeRaw(",\"data\":")
            writer.write(.object(data))
        }
        writer.writeRaw("}")
        return writer.string
    }
}
