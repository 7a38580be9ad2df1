import NeuroProtocol

extension SchemaDataGenerator {
    /// Makes a value that breaks a schema in one plausible way: a wrong type, a number out of
    /// range, a value outside an `enum`, a missing required property, an unexpected property,
    /// a string or array too long or too short, or one such fault in a nested property or
    /// element.
    ///
    /// Every candidate is checked with ``validator``, so a returned value never matches.
    /// - Parameters:
    ///   - schema: a JSON schema.
    ///   - random: the source of randomness.
    /// - Returns: an invalid value, or `nil` when the schema accepts everything (or no fault
    ///   the generator knows breaks it).
    public func generateInvalid(for schema: JSONValue, using random: inout some RandomNumberGenerator) -> JSONValue? {
        var budget = attemptBudget
        let candidates = invalidCandidates(for: schema, depth: 0, budget: &budget, using: &random).shuffled(using: &random)
        return candidates.first { !validator.isValid($0, against: schema) }
    }

    /// Values that probably break `schema`, one per applicable fault, not yet checked.
    private func invalidCandidates(
        for schema: JSONValue, depth: Int, budget: inout Int, using random: inout some RandomNumberGenerator
    ) -> [JSONValue] {
        guard case .object(let keywords) = schema, depth < maximumDepth else {
            return schema == .bool(false) ? [.null, .string("anything")] : []
        }
        var candidates: [JSONValue] = []
        if keywords["type"] != nil {
            let allowed = Self.types(of: keywords)
            let wrong = Self.samples.filter { sample in
                !allowed.contains { SchemaValidationRun.value(sample, hasType: $0) == true }
            }
            if let sample = wrong.randomElement(using: &random) { candidates.append(sample) }
        }
        if let allowed = keywords["enum"]?.arrayValue {
            candidates.append(Self.outsider(of: allowed))
        }
        if let constant = keywords["const"] {
            candidates.append(Self.outsider(of: [constant]))
        }
        candidates += numberFaults(keywords)
        candidates += stringFaults(keywords)
        for branch in keywords["allOf"]?.arrayValue ?? [] {
            candidates += invalidCandidates(for: branch, depth: depth + 1, budget: &budget, using: &random)
        }
        if let forbidden = keywords["not"] {
            candidates.append(fitting(forbidden, depth: depth + 1, budget: &budget, using: &random))
        }
        for combinator in ["anyOf", "oneOf"] {
            guard let branches = keywords[combinator]?.arrayValue else { continue }
            // Something that breaks every branch breaks the whole; try each branch's faults.
            for branch in branches {
                candidates += invalidCandidates(for: branch, depth: depth + 1, budget: &budget, using: &random)
            }
        }
        let types = Self.types(of: keywords)
        if types.contains("object") {
            candidates += objectFaults(keywords, depth: depth, budget: &budget, using: &random)
        }
        if types.contains("array") {
            candidates += arrayFaults(keywords, depth: depth, budget: &budget, using: &random)
        }
        return candidates
    }

    /// One value of each JSON type, to break `type`.
    private static let samples: [JSONValue] = [
        .string("oops"), .integer(7), .number(2.5), .bool(true), .null, .array([]), .object([:]),
    ]

    /// A value equal to none of `values`, of the same kind where possible.
    private static func outsider(of values: [JSONValue]) -> JSONValue {
        if let largest = values.compactMap(\.doubleValue).max() {
            return largest.rounded() == largest && abs(largest) < largestExactInteger
                ? .integer(Int64(largest) + 1) : .number(largest + 1)
        }
        var text = "other"
        while values.contains(.string(text)) { text += "!" }
        return .string(text)
    }

    private func numberFaults(_ keywords: JSONObject) -> [JSONValue] {
        let isInteger = Self.types(of: keywords).contains("integer")
        func number(_ value: Double) -> JSONValue {
            isInteger && value.rounded() == value && abs(value) < Self.largestExactInteger
                ? .integer(Int64(value)) : .number(value)
        }
        var faults: [JSONValue] = []
        if let minimum = keywords["minimum"]?.doubleValue { faults.append(number(minimum - 1)) }
        if let maximum = keywords["maximum"]?.doubleValue { faults.append(number(maximum + 1)) }
        if let minimum = keywords["exclusiveMinimum"]?.doubleValue { faults.append(number(minimum)) }
        if let maximum = keywords["exclusiveMaximum"]?.doubleValue { faults.append(number(maximum)) }
        if let divisor = keywords["multipleOf"]?.doubleValue, divisor > 0 {
            let (lower, _) = Self.integerBounds(keywords)
            let base = (lower / divisor).rounded(.up) * divisor
            faults.append(number(divisor.rounded() == divisor && divisor > 1 ? base + 1 : base + divisor / 2))
        }
        return faults
    }

    private func stringFaults(_ keywords: JSONObject) -> [JSONValue] {
        var faults: [JSONValue] = []
        if let minimum = Self.count(keywords["minLength"]), minimum > 0 {
            faults.append(.string(String(repeating: "a", count: minimum - 1)))
        }
        if let maximum = Self.count(keywords["maxLength"]), maximum < 10_000 {
            faults.append(.string(String(repeating: "a", count: maximum + 1)))
        }
        if keywords["pattern"] != nil {
            faults += [.string("!"), .string(""), .string("0"), .string("A b")]
        }
        return faults
    }

    private func objectFaults(
        _ keywords: JSONObject, depth: Int, budget: inout Int, using random: inout some RandomNumberGenerator
    ) -> [JSONValue] {
        var base: JSONObject = [:]
        for _ in 0..<maximumAttempts where budget > 0 {
            budget -= 1
            guard case .object(let object) = fitting(.object(keywords), depth: depth, budget: &budget, using: &random) else {
                continue
            }
            base = object
            break
        }
        var faults: [JSONValue] = []
        let required = (keywords["required"]?.arrayValue ?? []).compactMap(\.stringValue)
        if let name = required.randomElement(using: &random) {
            var missing = base
            missing.removeValue(forKey: name)
            faults.append(.object(missing))
        }
        let properties = keywords["properties"]?.objectValue ?? [:]
        if keywords["additionalProperties"] != nil {
            var name = "unexpected"
            while properties[name] != nil { name += "_" }
            var extra = base
            extra[name] = .string("surprise")
            faults.append(.object(extra))
        }
        if let maximum = Self.count(keywords["maxProperties"]) {
            var extra = base
            var index = 0
            while extra.count <= maximum, index <= maximum + properties.count {
                let name = properties.keys.first { extra[$0] == nil } ?? "extra\(index)"
                extra[name] = properties[name].map { fitting($0, depth: depth + 1, budget: &budget, using: &random) } ?? .null
                index += 1
            }
            faults.append(.object(extra))
        }
        if let minimum = Self.count(keywords["minProperties"]), minimum > 0 {
            faults.append(.object(JSONObject(uniqueKeysWithValues: base.prefix(minimum - 1).map { ($0.key, $0.value) })))
        }
        // A fault in one property, such as `row: 5` against `maximum: 2`.
        let present = base.keys.filter { properties[$0] != nil }
        if let name = present.randomElement(using: &random), let schema = properties[name],
            let fault = invalidCandidates(for: schema, depth: depth + 1, budget: &budget, using: &random).randomElement(
                using: &random)
        {
            var changed = base
            changed[name] = fault
            faults.append(.object(changed))
        }
        return faults
    }

    private func arrayFaults(
        _ keywords: JSONObject, depth: Int, budget: inout Int, using random: inout some RandomNumberGenerator
    ) -> [JSONValue] {
        let base = fitting(.object(keywords), depth: depth, budget: &budget, using: &random).arrayValue ?? []
        let elementSchemas = ArrayElementSchemas(keywords)
        func schema(at index: Int) -> JSONValue { elementSchemas.schema(at: index) }
        var faults: [JSONValue] = []
        if let minimum = Self.count(keywords["minItems"]), minimum > 0 {
            faults.append(.array(Array(base.prefix(minimum - 1))))
        }
        if let maximum = Self.count(keywords["maxItems"]), maximum < 1_000 {
            var longer = base
            while longer.count <= maximum {
                longer.append(fitting(schema(at: longer.count), depth: depth + 1, budget: &budget, using: &random))
            }
            faults.append(.array(longer))
        }
        if keywords["uniqueItems"] == .bool(true), let first = base.first {
            faults.append(.array(base + [first]))
        }
        // A fault in one element.
        if let index = base.indices.randomElement(using: &random),
            let fault = invalidCandidates(for: schema(at: index), depth: depth + 1, budget: &budget, using: &random)
                .randomElement(using: &random)
        {
            var changed = base
            changed[index] = fault
            faults.append(.array(changed))
        }
        return faults
    }
}
