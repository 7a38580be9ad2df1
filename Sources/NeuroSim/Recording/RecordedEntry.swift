import NeuroProtocol

/// One line of a recording after the header: when, on which connection, for which game, and
/// what happened.
///
/// The JSON keys (version 1 of the format; see ``RecordingHeader``):
/// - `time`: seconds since the recording started, on a monotonic clock (a number);
/// - `connection`: the connection's number in the recording, from 1 (an integer);
/// - `game`: the game's title, once the game has sent one (left out before);
/// - `direction` (`toNeuro` or `toGame`) and `text` for a text frame, `binaryLength` for a
///   binary frame;
/// - `event` (`opened`, `closed`, `dropped`, `ended`) otherwise, with `by` (`neuro` or
///   `game`) for `closed` and `dropped`, and `code` for a `closed` with a close code.
///
/// ```json
/// {"time":0.012,"connection":1,"game":"Tic Tac Toe","direction":"toNeuro","text":"{\"command\":\"startup\",\"game\":\"Tic Tac Toe\"}"}
/// ```
package struct RecordedEntry: Sendable, Hashable {
    /// Seconds since the recording started (monotonic).
    package var time: Double
    /// The connection's number in the recording, from 1.
    package var connection: Int
    /// The game's title, once known.
    package var game: String?
    /// What happened.
    package var event: RecordedEvent

    /// Creates an entry.
    package init(time: Double, connection: Int, game: String?, event: RecordedEvent) {
        self.time = time
        self.connection = connection
        self.game = game
        self.event = event
    }

    /// The entry as a JSON object, the line's content.
    package var jsonValue: JSONValue {
        var object: JSONObject = ["time": .number(time), "connection": .integer(Int64(connection))]
        if let game { object["game"] = .string(game) }
        switch event {
        case .opened:
            object["event"] = "opened"
        case .frame(let direction, let text):
            object["direction"] = .string(direction.rawValue)
            object["text"] = .string(text)
        case .binaryFrame(let direction, let length):
            object["direction"] = .string(direction.rawValue)
            object["binaryLength"] = .integer(Int64(length))
        case .closed(let side, let code):
            object["event"] = "closed"
            object["by"] = .string(side.rawValue)
            if let code { object["code"] = .integer(Int64(code)) }
        case .dropped(let side):
            object["event"] = "dropped"
            object["by"] = .string(side.rawValue)
        case .ended:
            object["event"] = "ended"
        }
        return .object(object)
    }

    /// Reads an entry from a line's JSON.
    /// - Throws: `NeuroError` with `NeuroError/Code/invalidRecording`, naming the key that is
    ///   missing or wrong (the caller adds the line number).
    package init(json value: JSONValue) throws(NeuroError) {
        guard case .object(let object) = value else { throw Self.invalid("the line is not a JSON object") }
        guard let time = object["time"]?.doubleValue, time >= 0, time.isFinite else {
            throw Self.invalid("\"time\" must be a number of seconds, 0 or more")
        }
        guard let connection = object["connection"]?.integerValue, connection >= 1, connection <= Int64(Int32.max) else {
            throw Self.invalid("\"connection\" must be an integer from 1")
        }
        var game: String?
        if let title = object["game"] {
            guard let text = title.stringValue else { throw Self.invalid("\"game\" must be a string") }
            game = text
        }
        let event: RecordedEvent
        if let directionValue = object["direction"] {
            guard let name = directionValue.stringValue, let direction = RecordingDirection(rawValue: name) else {
                throw Self.invalid("\"direction\" must be \"toNeuro\" or \"toGame\"")
            }
            if let text = object["text"]?.stringValue {
                event = .frame(direction, text: text)
            } else if let length = object["binaryLength"]?.integerValue, length >= 0, length <= Int64(Int32.max) {
                event = .binaryFrame(direction, length: Int(length))
            } else {
                throw Self.invalid("a frame needs \"text\" (a string) or \"binaryLength\" (an integer)")
            }
        } else {
            event = try Self.event(in: object)
        }
        self.init(time: time, connection: Int(connection), game: game, event: event)
    }

    private static func event(in object: JSONObject) throws(NeuroError) -> RecordedEvent {
        guard let name = object["event"]?.stringValue else {
            throw invalid("the line needs \"direction\" (a frame) or \"event\"")
        }
        func side() throws(NeuroError) -> RecordingSide {
            guard let text = object["by"]?.stringValue, let side = RecordingSide(rawValue: text) else {
                throw invalid("\"\(name)\" needs \"by\": \"neuro\" or \"game\"")
            }
            return side
        }
        switch name {
        case "opened": return .opened
        case "ended": return .ended
        case "dropped": return .dropped(by: try side())
        case "closed":
            var code: Int?
            if let value = object["code"] {
                guard let number = value.integerValue, (0...65535).contains(number) else {
                    throw invalid("\"code\" must be a close code, an integer from 0 to 65535")
                }
                code = Int(number)
            }
            return .closed(by: try side(), code: code)
        default:
            throw invalid("\"event\" must be opened, closed, dropped or ended, not \"\(name)\"")
        }
    }

    private static func invalid(_ message: String) -> NeuroError {
        NeuroError(code: .invalidRecording, message: message)
    }
}
