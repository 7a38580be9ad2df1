/// Which schema each element of an array must match, read from the array keywords of one
/// schema: `prefixItems` (or the tuple form of `items`, an array) for the first elements,
/// `items` for the rest.
///
/// The validator and NeuroTesting's generator both read `items` through this, so generated
/// data and validation agree on the tuple form.
package struct ArrayElementSchemas: Sendable {
    /// The schemas of the first elements, one each.
    package var prefix: [JSONValue]
    /// The schema of every element after ``prefix``: `items` when it is a schema, else `true`.
    package var rest: JSONValue

    /// Reads a schema's `prefixItems` and `items`.
    package init(_ keywords: JSONObject) {
        let items = keywords["items"] ?? .bool(true)
        prefix = keywords["prefixItems"]?.arrayValue ?? items.arrayValue ?? []
        rest = items.arrayValue == nil ? items : .bool(true)
    }

    /// The schema of the element at `index`.
    package func schema(at index: Int) -> JSONValue {
        index < prefix.count ? prefix[index] : rest
    }
}
