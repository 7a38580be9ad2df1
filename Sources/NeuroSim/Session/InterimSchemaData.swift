import NeuroAPI

/// A deliberately small stand-in for NeuroAPI's `SchemaDataGenerator` (being built on its own
/// branch): enough of JSON Schema (`type`, `properties`, `required`, `enum`, `const`, numeric and
/// length bounds, `items`) for NeuroSim to play. Only ``ActionDataSource`` calls it; remove it
/// once the real generator is merged.
enum InterimSchemaData {
    static func generate(for schema: JSONValue, using random: inout SeededRandomNumberGenerator, depth: Int = 0) -> JSONValue {
        guard case .object(let object) = schema, depth < 16 else { return .null }
        if let constant = object["const"] { return constant }
        if case .array(let choices)? = object["enum"], let choice = choices.randomElement(using: &random) { return choice }
        var type = object["type"]?.stringValue
        if type == nil, case .array(let types)? = object["type"] {
            type = types.compactMap(\.stringValue).filter { $0 != "null" }.randomElement(using: &random)
        }
        if type == nil, object["properties"] != nil { type = "object" }
        switch type {
        case "object":
            var result: JSONObject = [:]
            let required = Set((object["required"]?.arrayValue ?? []).compactMap(\.stringValue))
            if case .object(let properties)? = object["properties"] {
                for (name, member) in properties where required.contains(name) || Bool.random(using: &random) {
                    result[name] = generate(for: member, using: &random, depth: depth + 1)
                }
            }
            return .object(result)
        case "array":
            let minimum = Int(object["minItems"]?.integerValue ?? 0)
            let maximum = max(minimum, Int(object["maxItems"]?.integerValue ?? Int64(minimum + 3)))
            let count = Int.random(in: minimum...maximum, using: &random)
            let items = object["items"] ?? [:]
            return .array((0..<count).map { _ in generate(for: items, using: &random, depth: depth + 1) })
        case "integer":
            let low = object["minimum"]?.integerValue ?? (object["exclusiveMinimum"]?.integerValue).map { $0 + 1 } ?? -100
            let high = object["maximum"]?.integerValue ?? (object["exclusiveMaximum"]?.integerValue).map { $0 - 1 } ?? 100
            return .integer(low <= high ? Int64.random(in: low...high, using: &random) : low)
        case "number":
            let low = object["minimum"]?.doubleValue ?? -100
            let high = object["maximum"]?.doubleValue ?? 100
            return .number(low <= high ? Double.random(in: low...high, using: &random) : low)
        case "boolean":
            return .bool(Bool.random(using: &random))
        case "null":
            return .null
        default:
            let minimum = Int(object["minLength"]?.integerValue ?? 1)
            let maximum = max(minimum, Int(object["maxLength"]?.integerValue ?? Int64(max(minimum, 8))))
            let length = Int.random(in: minimum...maximum, using: &random)
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            return .string(String((0..<length).map { _ in letters[Int.random(in: 0..<letters.count, using: &random)] }))
        }
    }

    static func generateInvalid(for schema: JSONValue, using random: inout SeededRandomNumberGenerator) -> JSONValue? {
        guard case .object(let object) = schema else { return nil }
        if object["type"]?.stringValue == "object" {
            // Not an object at all: every object schema refuses it.
            return .array([.string("not"), .string("an"), .string("object")])
        }
        return nil
    }
}
