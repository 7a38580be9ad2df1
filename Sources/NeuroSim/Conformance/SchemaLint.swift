import NeuroProtocol

/// NeuroSim's reading of an action schema beyond ``Action/validate()`` (which checks
/// the root and the official list of discouraged keywords): whether every keyword has a value
/// of the type JSON Schema requires (Tony drops an action whose schema is not a valid draft-7
/// schema), and which keywords lie outside what Neuro handles (Gary's allowlist).
///
/// A pure walk over the schema's structure, through the same table of subschema keywords as
/// ``SchemaWarning`` (`SubschemaLayout`): property *names* are names, not keywords; values of
/// `enum`, `const`, `default` and `examples` are data. Bounded in depth, so a hostile schema
/// costs time linear in its size.
struct SchemaLint {
    /// A keyword and where it was found, as a JSON path from the root (`$.properties.cards`).
    struct Finding: Hashable {
        var keyword: String
        var path: String
    }

    /// Keywords Neuro handles: the structure and bounds of simple objects, arrays, strings
    /// and numbers.
    static let handledKeywords: Set<String> = [
        "type", "properties", "required", "items", "prefixItems", "enum", "const", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems",
    ]

    /// The deepest level walked.
    static let maximumDepth = 64

    private static let typeNames: Set<String> = ["object", "array", "string", "number", "integer", "boolean", "null"]
    private static let numberKeywords: Set<String> = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]
    private static let countKeywords: Set<String> = [
        "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains", "maxContains",
    ]
    private static let stringKeywords: Set<String> = [
        "pattern", "format", "title", "description", "$comment", "$id", "$schema", "$ref", "$anchor",
        "contentEncoding", "contentMediaType",
    ]
    private static let boolKeywords: Set<String> = ["uniqueItems", "readOnly", "writeOnly", "deprecated"]

    /// Why the schema is not a valid JSON schema, one message per keyword at fault.
    private(set) var malformations: [String] = []
    /// Keywords outside ``handledKeywords`` and outside the official discouraged list (which
    /// ``Action/validate()`` reports), in document order.
    private(set) var unsupportedKeywords: [Finding] = []

    /// Reads a schema.
    init(_ schema: JSONValue) {
        walk(schema, path: "$", depth: 0)
    }

    private mutating func walk(_ schema: JSONValue, path: String, depth: Int) {
        guard depth < Self.maximumDepth else { return }
        switch schema {
        case .bool:
            return
        case .object(let object):
            for (keyword, value) in object {
                check(keyword, value, path: path + "." + keyword, depth: depth)
            }
        default:
            malformations.append("\(path) must be a schema (an object or a boolean), not \(schema.typeName)")
        }
    }

    private mutating func check(_ keyword: String, _ value: JSONValue, path: String, depth: Int) {
        if !Self.handledKeywords.contains(keyword), !SchemaWarning.discouragedKeywords.contains(keyword) {
            unsupportedKeywords.append(Finding(keyword: keyword, path: path))
        }
        if keyword == "type" {
            checkType(value, path: path)
        } else if keyword == "enum" {
            expect(value.arrayValue != nil, path, "an array", value)
        } else if keyword == "required" {
            expect(value.arrayValue?.allSatisfy { $0.stringValue != nil } == true, path, "an array of strings", value)
        } else if let layout = SubschemaLayout(keyword: keyword) {
            guard let subschemas = layout.subschemas(in: value), layout != .schemaArray || !subschemas.isEmpty else {
                let expected = layout == .schemaMap ? "an object of schemas" : "a non-empty array of schemas"
                return expect(false, path, expected, value)
            }
            for (step, subschema) in subschemas { walk(subschema, path: path + step, depth: depth + 1) }
        } else if Self.numberKeywords.contains(keyword) {
            expect(value.doubleValue != nil, path, "a number", value)
        } else if keyword == "multipleOf" {
            expect((value.doubleValue ?? 0) > 0, path, "a number above 0", value)
        } else if Self.countKeywords.contains(keyword) {
            expect(Self.isCount(value), path, "a non-negative integer", value)
        } else if Self.stringKeywords.contains(keyword) {
            expect(value.stringValue != nil, path, "a string", value)
        } else if Self.boolKeywords.contains(keyword) {
            expect(value.boolValue != nil, path, "a boolean", value)
        }
    }

    private mutating func checkType(_ value: JSONValue, path: String) {
        switch value {
        case .string(let name):
            expect(Self.typeNames.contains(name), path, "a JSON type name", value)
        case .array(let names):
            let strings = names.compactMap(\.stringValue)
            expect(
                !names.isEmpty && strings.count == names.count && strings.allSatisfy(Self.typeNames.contains)
                    && Set(strings).count == strings.count, path, "a JSON type name or a list of distinct ones", value)
        default:
            expect(false, path, "a JSON type name or a list of them", value)
        }
    }

    private mutating func expect(_ isValid: Bool, _ path: String, _ kind: String, _ value: JSONValue) {
        guard !isValid else { return }
        let shown: String
        switch value {
        case .string, .integer, .number, .bool, .null: shown = JSONWriter.string(from: value)
        default: shown = value.typeName
        }
        let short = shown.count > 40 ? shown.prefix(40) + "…" : shown
        malformations.append("\(path) must be \(kind), not \(short)")
    }

    private static func isCount(_ value: JSONValue) -> Bool {
        switch value {
        case .integer(let count): return count >= 0
        case .number(let number): return number >= 0 && number.rounded() == number
        default: return false
        }
    }
}
