import NeuroAPI

/// A value of a parsed JSON document together with its path from the root.
///
/// ``JSONReader`` hands these out, so every problem it reports about a value names where the
/// value is.
struct JSONNode {
    /// The value.
    var value: JSONValue
    /// Where the value is: `$.games[1].plugin`.
    var path: ConfigurationPath

    /// The member `key` of this value, when it is an object that has one.
    subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value, let member = members[key] else { return nil }
        return JSONNode(value: member, path: path.appending(key))
    }
}
