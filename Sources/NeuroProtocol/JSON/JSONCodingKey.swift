/// A coding key for any member or element of a ``JSONValue``: the keys of the coding paths
/// that ``JSONValueDecoder`` reports.
public struct JSONCodingKey: CodingKey, Hashable, Sendable, CustomStringConvertible {
    /// The member's key, or the element's index as text.
    public var stringValue: String
    /// The element's index in an array; `nil` for an object member.
    public var intValue: Int?

    /// The key of an object member.
    public init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    /// The key of an array element.
    public init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }

    /// A copy of any coding key.
    public init(_ key: any CodingKey) {
        self.stringValue = key.stringValue
        self.intValue = key.intValue
    }

    /// `key` for a member, `[index]` for an element.
    public var description: String {
        intValue.map { "[\($0)]" } ?? stringValue
    }
}
