import Foundation

/// An action Neuro asked the game to perform (the `action` command).
///
/// `data` is the raw JSON *string* Neuro sent, exactly as received; it comes from a language
/// model and may be absent, not JSON, or off-schema. Decode and validate it before acting:
///
/// ```swift
/// struct Move: Decodable { var row: Int; var column: Int }
/// let move = try action.decodeData(as: Move.self)
/// ```
public struct NeuroAction: Sendable, Hashable {
    /// The id to answer with in `action/result`.
    public var id: String
    /// The action's name.
    public var name: String
    /// The action's data: a JSON string, or `nil` when Neuro sent none.
    public var data: String?

    /// Creates an action.
    public init(id: String, name: String, data: String? = nil) {
        self.id = id
        self.name = name
        self.data = data
    }

    /// Parses `data` as JSON.
    /// - Returns: the parsed value, or `nil` when there is no data.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/invalidActionData`` when it is not JSON.
    public func parsedData(parser: JSONParser = JSONParser()) throws(NeuroError) -> JSONValue? {
        guard let data else { return nil }
        do {
            return try parser.parse(data)
        } catch {
            throw NeuroError(
                code: .invalidActionData,
                message: "the data is not valid JSON: \(error)",
                cause: error
            )
        }
    }

    /// Decodes `data` into a `Decodable` type with Foundation's `JSONDecoder`.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/invalidActionData`` when there is no
    ///   data or it does not decode.
    public func decodeData<Value: Decodable>(
        as type: Value.Type, decoder: JSONDecoder = JSONDecoder()
    ) throws(NeuroError) -> Value {
        guard let data else {
            throw NeuroError(code: .invalidActionData, message: "the action needs data but none was sent")
        }
        do {
            return try decoder.decode(Value.self, from: Data(data.utf8))
        } catch {
            throw NeuroError(
                code: .invalidActionData,
                message: "the data does not fit: \(Self.describe(error))",
                cause: error
            )
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the data" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return parent == "the data" ? "missing \(key.stringValue)" : "\(parent): missing \(key.stringValue)"
        case .typeMismatch(let type, let context): return "\(path(context)) is not a \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)) must be a \(type), not null"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
