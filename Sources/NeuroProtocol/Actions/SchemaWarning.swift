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

    /// Keywords whose value is one subschema.
    static let subschemaKeywords: Set<String> = [
        "items", "contains", "additionalProperties", "not", "if", "then", "else", "propertyNames",
        "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema",
    ]
    /// Keywords whose value is an array of subschemas.
    static let subschemaArrayKeywords: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems", "items"]
    /// Keywords whose value maps names (not keywords) to subschemas.
    static let subschemaMapKeywords: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
    ]

    /// Finds discouraged keywords at any depth of a schema, in document order.
    ///
    /// Unlike the Python reference, this walks the schema's structure: a property *named*
    /// `title` is a name, not the keyword, and is not reported; values of `enum`, `const`,
    /// `default` and `examples` are data and are not searched; and subschemas under a
    /// discouraged keyword are searched too.
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
            if subschemaMapKeywords.contains(key), case .object(let members) = value {
                for (name, member) in members {
                    collect(member, path: keyPath + "." + name, into: &warnings)
                }
            } else if subschemaArrayKeywords.contains(key), case .array(let elements) = value {
                for (index, element) in elements.enumerated() {
                    collect(element, path: keyPath + "[\(index)]", into: &warnings)
                }
            } else if subschemaKeywords.contains(key) {
                collect(value, path: keyPath, into: &warnings)
            }
        }
    }
}
