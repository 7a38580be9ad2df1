/// A JSON-schema keyword that Neuro does not handle well, found in an action's schema.
public struct SchemaWarning: Sendable, Hashable, CustomStringConvertible {
    /// The keyword, e.g. `additionalProperties`.
    public var keyword: String
    /// Where it was found, as a JSON path from the schema root, e.g. `$.properties.move`.
    public var path: String

    /// Creates a warning.
    public init(keyword: String, path: String) {
        self.keyword = keyword
        self.path = path
    }

    public var description: String { "discouraged schema keyword \"\(keyword)\" at \(path)" }

    /// The keywords that the Neuro documentation says are not supported well.
    public static let discouragedKeywords: Set<String> = [
        "$anchor", "$comment", "$defs", "$dynamicAnchor", "$dynamicRef", "$id", "$ref", "$schema",
        "$vocabulary", "additionalProperties", "allOf", "anyOf", "contentEncoding", "contentMediaType",
        "contentSchema", "dependentRequired", "dependentSchemas", "deprecated", "description", "else",
        "if", "maxProperties", "minProperties", "multipleOf", "not", "oneOf", "patternProperties",
        "readOnly", "then", "title", "unevaluatedItems", "unevaluatedProperties", "writeOnly",
    ]

    /// Finds discouraged keywords at any depth of a schema, in document order.
    ///
    /// Unlike the Python reference, this walks the schema's structure: a property *named*
    /// `title` is a name, not the keyword, and is not reported; values of `enum`, `const`,
    /// `default` and `examples` are data and are not searched; and subschemas under a
    /// discouraged keyword are searched too. Subschemas are found through `SubschemaLayout`,
    /// the table every schema walker reads.
    public static func discouragedKeywords(in schema: JSONValue) -> [SchemaWarning] {
        var warnings: [SchemaWarning] = []
        collect(schema, path: "$", into: &warnings)
        return warnings
    }

    private static func collect(_ schema: JSONValue, path: String, into warnings: inout [SchemaWarning]) {
        guard case .object(let object) = schema else { return }
        for (key, value) in object {
            let keyPath = path + "." + key
            if discouragedKeywords.contains(key) {
                warnings.append(SchemaWarning(keyword: key, path: keyPath))
            }
            guard let subschemas = SubschemaLayout(keyword: key)?.subschemas(in: value) else { continue }
            for (step, subschema) in subschemas {
                collect(subschema, path: keyPath + step, into: &warnings)
            }
        }
    }
}
