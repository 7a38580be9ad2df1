/// How a JSON-schema keyword holds subschemas: the one table that every walk over a schema's
/// structure reads (``SchemaWarning``, the validator and NeuroTesting's generator for `items`,
/// NeuroSim's schema lint).
///
/// A keyword outside the table holds no subschema: its value is a plain value (`minimum`,
/// `pattern`) or data (`enum`, `const`, `default`, `examples`), and the names under a
/// ``schemaMap`` keyword such as `properties` are names, not keywords.
///
/// ```swift
/// if let layout = SubschemaLayout(keyword: "items"), let children = layout.subschemas(in: value) {
///     for (step, child) in children { walk(child, path: path + step) }
/// }
/// ```
package enum SubschemaLayout: Sendable, Hashable {
    /// One subschema: `not`, `additionalProperties`, `contains`, …
    case schema
    /// An array of subschemas: `allOf`, `anyOf`, `oneOf`, `prefixItems`.
    case schemaArray
    /// An object mapping names (not keywords) to subschemas: `properties`, `$defs`, …
    case schemaMap
    /// `items`: one subschema, or an array of them (the tuple form of drafts before 2020-12,
    /// which `prefixItems` replaced).
    case schemaOrSchemaArray

    /// Every keyword that holds subschemas, and how.
    package static let keywords: [String: SubschemaLayout] = [
        "items": .schemaOrSchemaArray,
        "additionalItems": .schema, "unevaluatedItems": .schema, "contains": .schema,
        "additionalProperties": .schema, "unevaluatedProperties": .schema, "propertyNames": .schema,
        "not": .schema, "if": .schema, "then": .schema, "else": .schema, "contentSchema": .schema,
        "allOf": .schemaArray, "anyOf": .schemaArray, "oneOf": .schemaArray, "prefixItems": .schemaArray,
        "properties": .schemaMap, "patternProperties": .schemaMap, "dependentSchemas": .schemaMap,
        "$defs": .schemaMap, "definitions": .schemaMap,
    ]

    /// The layout of `keyword`'s value, or `nil` when the keyword holds no subschema.
    package init?(keyword: String) {
        guard let layout = Self.keywords[keyword] else { return nil }
        self = layout
    }

    /// The subschemas in a keyword's value, each with the JSON-path step that reaches it from
    /// the keyword (`.name` in a map, `[0]` in an array, nothing for a single subschema); `nil`
    /// when the value does not have this layout (a map that is not an object, an array keyword
    /// whose value is not an array).
    ///
    /// A single subschema is handed back whatever its type, for the walker to judge.
    package func subschemas(in value: JSONValue) -> [(step: String, schema: JSONValue)]? {
        switch (self, value) {
        case (.schemaMap, .object(let members)):
            return members.map { (step: "." + $0.key, schema: $0.value) }
        case (.schemaArray, .array(let elements)), (.schemaOrSchemaArray, .array(let elements)):
            return elements.enumerated().map { (step: "[\($0.offset)]", schema: $0.element) }
        case (.schema, _), (.schemaOrSchemaArray, _):
            return [(step: "", schema: value)]
        case (.schemaMap, _), (.schemaArray, _):
            return nil
        }
    }
}
