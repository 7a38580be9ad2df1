import NeuroAPI
import NeuroSim

/// Reads one frame of a relayed game the way NeuroSim checks it, leniently: what can be
/// understood is taken (with the diagnostic of what was wrong), what cannot — binary frames,
/// invalid JSON, frames without a command — is never forwarded to Neuro.
public enum RelayFrameReading: Sendable {
    /// What one frame is.
    public enum Outcome: Sendable {
        /// A command, from the game titled `game` (`nil` when the frame has no title), with the
        /// diagnostics of what was wrong but could be read anyway.
        case command(GameCommand, game: String?, diagnostics: [(ConformanceRule, String)])
        /// Nothing usable: the diagnostic of why.
        case rejected(ConformanceRule, String)
    }

    /// Reads a frame.
    public static func read(_ message: TransportMessage, parser: JSONParser) -> Outcome {
        let text: String
        switch message {
        case .binary(let bytes):
            return .rejected(.binaryFrame, "a binary frame of \(bytes.count) bytes; the protocol uses text frames only")
        case .closed:
            return .rejected(.invalidFields, "the connection closed")
        case .text(let frame):
            text = frame
        }
        let value: JSONValue
        do {
            value = try parser.parse(text)
        } catch {
            return .rejected(.invalidJSON, "the frame is not JSON: \(error)")
        }
        guard case .object = value else {
            return .rejected(.notAnObject, "the frame is a JSON \(value.typeName), not an object")
        }
        let envelope: WireEnvelope
        do {
            envelope = try WireEnvelope.decode(value)
        } catch {
            return .rejected(.invalidFields, error.message)
        }
        var diagnostics: [(ConformanceRule, String)] = []
        if !envelope.ignoredKeys.isEmpty {
            diagnostics.append((.invalidFields, "unknown top-level keys \(envelope.ignoredKeys) were ignored"))
        }
        let command: GameCommand
        do {
            command = try GameCommand.decode(
                envelope.game == nil ? WireEnvelope(command: envelope.command, game: "", data: envelope.data) : envelope
            ).command
        } catch {
            return .rejected(.invalidFields, error.message)
        }
        if envelope.game == nil { diagnostics.append((.invalidFields, "\"\(envelope.command)\": the frame has no \"game\" key")) }
        if case .unknown(let name, _) = command {
            return .rejected(.unknownCommand, "\"\(name)\" is not a command of the game API; not forwarded")
        }
        return .command(command, game: envelope.game, diagnostics: diagnostics)
    }
}
