import NeuroAPI

/// An object of a parsed JSON document together with its path, as ``JSONReader`` checked it.
struct JSONObjectNode {
    /// The members, in document order.
    var members: JSONObject
    /// Where the object is.
    var path: ConfigurationPath

    /// The member `key` with its path, or `nil` when the object has none.
    subscript(key: String) -> JSONNode? {
        members[key].map { JSONNode(value: $0, path: path.appending(key)) }
    }

    /// Whether the object has a member `key`.
    func has(_ key: String) -> Bool {
        members[key] != nil
    }

    /// The object itself as a node.
    var node: JSONNode {
        JSONNode(value: .object(members), path: path)
    }
}
