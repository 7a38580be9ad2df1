import NeuroAPI

/// Builds random data for an action from its JSON schema, so that random play exercises
/// every shape of input a game can receive: mostly values the schema allows, and now and then
/// an integer just outside its bounds.
enum RandomActionData {
    /// Random data for a schema; `nil` for an action without one.
    static func make(for schema: JSONValue?, using random: inout SeededRandomNumberGenerator) -> JSONValue? {
        guard let schema else { return nil }
        return value(for: schema, using: &random)
    }

    private static func value(for schema: JSONValue, using random: inout SeededRandomNumberGenerator) -> JSONValue {
        if let options = schema["enum"]?.arrayValue, let choice = options.randomElement(using: &random) {
            return choice
        }
        switch schema["type"]?.stringValue {
        case "object":
            var object = JSONObject()
            for (name, member) in schema["properties"]?.objectValue ?? [:] {
                object[name] = value(for: member, using: &random)
            }
            return .object(object)
        case "integer":
            let lowest = schema["minimum"]?.integerValue ?? -10
            let highest = max(lowest, schema["maximum"]?.integerValue ?? 10)
            if Int.random(in: 0..<10, using: &random) == 0 {
                return .integer(Bool.random(using: &random) ? lowest - 1 : highest + 1)
            }
            return .integer(Int64.random(in: lowest...highest, using: &random))
        case "string":
            let shortest = Int(schema["minLength"]?.integerValue ?? 1)
            let longest = max(shortest, Int(schema["maxLength"]?.integerValue ?? 8))
            let length = Int.random(in: shortest...longest, using: &random)
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            return .string(String((0..<length).map { _ in letters.randomElement(using: &random) ?? "a" }))
        case "boolean":
            return .bool(Bool.random(using: &random))
        default:
            return .null
        }
    }
}
