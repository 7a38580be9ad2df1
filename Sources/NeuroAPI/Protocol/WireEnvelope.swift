/// The outer layer of every frame: `{"command": string, "game"?: string, "data"?: object}`.
///
/// Decoding is as strict as the Python reference: the frame must be a JSON object with a
/// string `command`; `game` when present must be a string, `data` when present an object (an
/// explicit `null` is refused); any other top-level key is an error naming it.
public struct WireEnvelope: Sendable, Hashable {
    /// The command name, e.g. `actions/register`.
    public var command: String
    /// The game title (game → Neuro only).
    public var game: String?
    /// The command's data.
    public var data: JSONObject?

    /// Creates an envelope.
    public init(command: String, game: String? = nil, data: JSONObject? = nil) {
        self.command = command
        self.game = game
        self.data = data
    }

    /// Decodes a frame's text.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/invalidFrame``.
    public static func decode(_ text: String, parser: JSONParser = JSONParser()) throws(NeuroError) -> WireEnvelope {
        let value: JSONValue
        do {
            value = try parser.parse(text)
        } catch {
            throw NeuroError(code: .invalidFrame, message: "the frame is not valid JSON: \(error)", cause: error)
        }
        return try decode(value)
    }

    /// Decodes a frame already parsed as JSON.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/invalidFrame``.
    public static func decode(_ value: JSONValue) throws(NeuroError) -> WireEnvelope {
        guard case .object(let object) = value else {
            throw NeuroError(code: .invalidFrame, message: "the frame must be a JSON object, not \(value.typeName)")
        }
        for key in object.keys where key != "command" && key != "game" && key != "data" {
            throw NeuroError(code: .invalidFrame, message: "the frame has an unexpected key \"\(key)\"")
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
        if let dataValue = object["data"] {
            guard case .object(let member) = dataValue else {
                throw NeuroError(
                    code: .invalidFrame,
                    message: "\"data\" of \"\(command)\" must be an object, not \(dataValue.typeName)"
                )
            }
            data = member
        }
        return WireEnvelope(command: command, game: game, data: data)
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
