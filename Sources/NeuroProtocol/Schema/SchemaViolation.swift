/// One way in which a JSON value does not match a JSON schema.
///
/// The message is short and plain so that it can be sent back to Neuro as it is: it says what
/// is wrong and what is allowed.
///
/// ```swift
/// let schema: JSONValue = ["type": "object", "properties": ["row": ["type": "integer", "maximum": 2]]]
/// let violations = JSONSchemaValidator().validate(["row": 5], against: schema)
/// print(violations[0])  // row: 5 is above the maximum 2
/// ```
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is, dotted from the data root (`row`, `moves[2]`, `position.x`); the
    /// root itself is `data`.
    public var path: String
    /// What is wrong and what is allowed (`5 is above the maximum 2`).
    public var message: String

    /// Creates a violation.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The path and the message, as `row: 5 is above the maximum 2`.
    public var description: String { "\(path): \(message)" }
}
