/// An action a game offers Neuro: a name, a description, and an optional JSON schema for
/// its data.
///
/// Sent inside `actions/register` as `{"name":…,"description":…,"schema":…}`. Unlike the
/// Python reference, an action without a schema leaves `schema` out instead of sending
/// `null`, because the reference's own server rejects `null`.
///
/// ```swift
/// let move = Action(
///     name: "move",
///     description: "Move one square.",
///     schema: [
///         "type": "object",
///         "properties": ["direction": ["enum": ["north", "south", "east", "west"]]],
///         "required": ["direction"],
///     ]
/// )
/// let warnings = try move.validate()
/// ```
public struct Action: Sendable, Hashable {
    /// The name Neuro calls: lowercase letters, digits, `_` and `-`.
    public var name: String
    /// What the action does, in a sentence or two.
    public var description: String
    /// The JSON schema of the action's data; `nil` when it takes none.
    public var schema: JSONValue?

    /// Creates an action.
    public init(name: String, description: String, schema: JSONValue? = nil) {
        self.name = name
        self.description = description
        self.schema = schema
    }

    /// The characters allowed in an action name.
    public static let allowedNameCharacters: Set<UInt8> = Set(Array("abcdefghijklmnopqrstuvwxyz0123456789_-".utf8))

    /// Checks the name and the schema, and returns the discouraged schema keywords found.
    ///
    /// The name must be non-empty and use only `a-z 0-9 _ -` (the Python reference accepts the
    /// empty name; we do not, since Neuro cannot call it). A schema, when present, must be an
    /// object schema with `"type": "object"`. Keywords that Neuro handles badly are returned
    /// as warnings with their JSON path; property *names* such as `description` are not
    /// keywords and are not reported.
    /// - Returns: the discouraged keywords found, in document order.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/invalidActionName`` or
    ///   ``NeuroError/Code/invalidSchema``.
    @discardableResult
    public func validate() throws(NeuroError) -> [SchemaWarning] {
        try Self.validateName(name)
        guard let schema else { return [] }
        // `{}` means no parameters, as the spec allows ("omit it or set it to {}").
        if case .object(let root) = schema, root.isEmpty { return [] }
        guard case .object(let root) = schema else {
            throw NeuroError(
                code: .invalidSchema,
                message: "action \"\(name)\": the schema must be a JSON object, not \(schema.typeName)"
            )
        }
        guard root["type"] == .string("object") else {
            throw NeuroError(
                code: .invalidSchema,
                message: "action \"\(name)\": the schema must have \"type\": \"object\" at its root"
            )
        }
        return SchemaWarning.discouragedKeywords(in: schema)
    }

    /// Checks that a name is non-empty and uses only `a-z 0-9 _ -`.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/invalidActionName`` naming the bad characters.
    public static func validateName(_ name: String) throws(NeuroError) {
        guard !name.isEmpty else {
            throw NeuroError(code: .invalidActionName, message: "an action name must not be empty")
        }
        var bad: [Character] = []
        for character in name
        where !(character.utf8.count == 1 && character.utf8.first.map(allowedNameCharacters.contains) == true) {
            if !bad.contains(character) { bad.append(character) }
        }
        guard bad.isEmpty else {
            let list = bad.map { "'\($0)'" }.joined(separator: ", ")
            throw NeuroError(
                code: .invalidActionName,
                message: "action name \"\(name)\" has characters outside a-z 0-9 _ -: \(list)"
            )
        }
    }

    /// The action as it is sent inside `actions/register`.
    public var jsonValue: JSONValue {
        var object: JSONObject = ["name": .string(name), "description": .string(description)]
        if let schema { object["schema"] = schema }
        return .object(object)
    }
}
