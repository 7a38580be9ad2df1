import NeuroProtocol
import OrderedCollections

/// Makes data for a JSON schema: valid data, as NeuroSim's random player sends, or data that
/// breaks the schema in one plausible way, to exercise a game's error handling.
///
/// Like the JSON-schema faker that Randy (the Python reference's random player) uses, it
/// covers objects (every required property, optional ones at random), `enum`, `const`,
/// strings (`minLength`, `maxLength`, and `pattern`: literals, `.`, `\d \w \s`, bracket
/// classes, groups, `|`, the quantifiers `* + ? {n,m}` and anchors; patterns beyond that, such
/// as look-around or back-references, fall back to plain letters, which will likely not
/// match), integers and numbers (inclusive and exclusive bounds,
/// `multipleOf`), booleans, `null`, arrays (`items`, `prefixItems`, `minItems`, `maxItems`,
/// `uniqueItems`), type lists, `anyOf`/`oneOf` (a branch at random), `allOf` (branches merged)
/// and `not`.
///
/// Every value made is checked with ``validator`` and remade (up to ``maximumAttempts``
/// times) when it does not fit, so the output of ``generate(for:using:)`` is valid whenever
/// the generator can satisfy the schema at all. For schemas that nothing satisfies (`false`,
/// contradictory bounds) or that it cannot satisfy (patterns outside the subset, mutually
/// exclusive branches it cannot find), it returns its last attempt.
///
/// ```swift
/// var random = SeededRandomNumberGenerator(seed: 7)
/// let generator = SchemaDataGenerator()
/// let data = generator.generateData(for: move, using: &random)  // {"direction":"east"}
/// ```
public struct SchemaDataGenerator: Sendable {
    /// The chance that an optional property is included, from 0 to 1.
    public var optionalPropertyProbability: Double
    /// Elements beyond `minItems` (and characters beyond `minLength`) when no maximum is given.
    public var maximumExtraLength: Int
    /// The deepest nesting generated; deeper subschemas get a minimal value.
    public var maximumDepth: Int
    /// How often a value that does not fit is remade before giving up.
    public var maximumAttempts: Int
    /// Checks generated values.
    public var validator: JSONSchemaValidator

    /// Creates a generator.
    /// - Parameters:
    ///   - optionalPropertyProbability: the chance that an optional property is included.
    ///   - maximumExtraLength: elements or characters beyond the minimum when no maximum is given.
    ///   - maximumDepth: the deepest nesting generated.
    ///   - maximumAttempts: how often a value that does not fit is remade.
    ///   - validator: checks generated values.
    public init(
        optionalPropertyProbability: Double = 0.5,
        maximumExtraLength: Int = 4,
        maximumDepth: Int = 32,
        maximumAttempts: Int = 20,
        validator: JSONSchemaValidator = JSONSchemaValidator(maximumViolations: 1)
    ) {
        self.optionalPropertyProbability = optionalPropertyProbability
        self.maximumExtraLength = max(0, maximumExtraLength)
        self.maximumDepth = max(1, maximumDepth)
        self.maximumAttempts = max(1, maximumAttempts)
        self.validator = validator
    }

    /// Makes a value that matches a schema.
    /// - Parameters:
    ///   - schema: a JSON schema.
    ///   - random: the source of randomness; a `SeededRandomNumberGenerator` makes runs repeatable.
    /// - Returns: a valid value, or the last attempt when the schema cannot be satisfied.
    public func generate(for schema: JSONValue, using random: inout some RandomNumberGenerator) -> JSONValue {
        var budget = attemptBudget
        return fitting(schema, depth: 0, budget: &budget, using: &random)
    }

    /// Makes the compact JSON text of data for an action, as Neuro would send it.
    /// - Returns: the data, or `nil` when the action has no schema (and so takes no data).
    public func generateData(for action: Action, using random: inout some RandomNumberGenerator) -> String? {
        guard let schema = action.schema else { return nil }
        return JSONWriter.string(from: generate(for: schema, using: &random))
    }

    // MARK: - Valid values

    /// How many values one call may remake in all, so that nested schemas that cannot be
    /// satisfied (each level retrying its children) cost time linear in their size.
    var attemptBudget: Int { maximumAttempts * 16 }

    /// A value made for `schema` and checked against it, remade when it does not fit, while
    /// `budget` lasts.
    func fitting(_ schema: JSONValue, depth: Int, budget: inout Int, using random: inout some RandomNumberGenerator) -> JSONValue
    {
        var candidate = make(schema, depth: depth, budget: &budget, using: &random)
        var attempt = 1
        while attempt < maximumAttempts, budget > 0, !validator.isValid(candidate, against: schema) {
            budget -= 1
            candidate = make(schema, depth: depth, budget: &budget, using: &random)
            attempt += 1
        }
        return candidate
    }

    /// A value made for `schema`, not yet checked.
    private func make(
        _ schema: JSONValue, depth: Int, budget: inout Int, using random: inout some RandomNumberGenerator
    ) -> JSONValue {
        switch schema {
        case .object(let keywords):
            return make(keywords, depth: depth, budget: &budget, using: &random)
        case .bool(false):
            return .null  // Nothing is valid.
        default:
            return makeAny(using: &random)
        }
    }

    private func make(
        _ keywords: JSONObject, depth: Int, budget: inout Int, using random: inout some RandomNumberGenerator
    ) -> JSONValue {
        if let constant = keywords["const"] { return constant }
        guard depth < maximumDepth else { return Self.minimalValue(for: keywords) }
        var keywords = keywords
        if let branches = keywords.removeValue(forKey: "allOf")?.arrayValue {
            for case .object(let branch) in branches { keywords = Self.merge(keywords, branch) }
        }
        for combinator in ["anyOf", "oneOf"] {
            guard let branches = keywords[combinator]?.arrayValue, !branches.isEmpty else { continue }
            var rest = keywords
            rest.removeValue(forKey: combinator)
            guard case .object(let branch)? = branches.randomElement(using: &random) else {
                return make(rest, depth: depth + 1, budget: &budget, using: &random)
            }
            return make(Self.merge(rest, branch), depth: depth + 1, budget: &budget, using: &random)
        }
        // `not` is left to the caller's check and remake.
        if let allowed = keywords["enum"]?.arrayValue {
            let fitting = allowed.filter { validator.isValid($0, against: .object(keywords)) }
            return (fitting.isEmpty ? allowed : fitting).randomElement(using: &random) ?? .null
        }
        switch Self.types(of: keywords).randomElement(using: &random) ?? "null" {
        case "object": return makeObject(keywords, depth: depth, budget: &budget, using: &random)
        case "array": return makeArray(keywords, depth: depth, budget: &budget, using: &random)
        case "string": return makeString(keywords, using: &random)
        case "integer": return makeInteger(keywords, using: &random)
        case "number": return makeNumber(keywords, using: &random)
        case "boolean": return .bool(Bool.random(using: &random))
        default: return .null
        }
    }

    private func makeAny(using random: inout some RandomNumberGenerator) -> JSONValue {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return .string(Self.letters(count: Int.random(in: 1...6, using: &random), using: &random))
        case 1: return .integer(Int64.random(in: 0...100, using: &random))
        case 2: return .bool(Bool.random(using: &random))
        default: return .null
        }
    }

    private func makeObject(
        _ keywords: JSONObject, depth: Int, budget: inout Int, using random: inout some RandomNumberGenerator
    ) -> JSONValue {
        let properties = keywords["properties"]?.objectValue ?? [:]
        let additional = keywords["additionalProperties"] ?? .bool(true)
        let minimum = Self.count(keywords["minProperties"]) ?? 0
        let maximum = Self.count(keywords["maxProperties"]) ?? Int.max
        var names = OrderedSet<String>()
        for case .string(let name) in keywords["required"]?.arrayValue ?? [] {
            names.append(name)
        }
        let optional = properties.keys.filter { !names.contains($0) && properties[$0] != .bool(false) }
        for name in optional.shuffled(using: &random) where names.count < maximum {
            if names.count < minimum || Double.random(in: 0..<1, using: &random) < optionalPropertyProbability {
                names.append(name)
            }
        }
        var extra = 1
        while names.count < minimum, additional != .bool(false), extra <= minimum + properties.count {
            let name = "extra\(extra)"
            if properties[name] == nil { names.append(name) }
            extra += 1
        }
        var object = JSONObject(minimumCapacity: names.count)
        for name in names {
            let schema = properties[name] ?? additional
            object[name] = fitting(schema, depth: depth + 1, budget: &budget, using: &random)
        }
        return .object(object)
    }

    private func makeArray(
        _ keywords: JSONObject, depth: Int, budget: inout Int, using random: inout some RandomNumberGenerator
    ) -> JSONValue {
        let elementSchemas = ArrayElementSchemas(keywords)
        let prefixCount = elementSchemas.prefix.count
        let minimum = Self.count(keywords["minItems"]) ?? 0
        var maximum = Self.count(keywords["maxItems"]) ?? (max(minimum, prefixCount) + maximumExtraLength)
        if elementSchemas.rest == .bool(false) { maximum = min(maximum, prefixCount) }
        let count = minimum >= maximum ? minimum : Int.random(in: minimum...maximum, using: &random)
        let isUnique = keywords["uniqueItems"] == .bool(true)
        var elements: [JSONValue] = []
        elements.reserveCapacity(count)
        for index in 0..<count {
            let schema = elementSchemas.schema(at: index)
            var element = fitting(schema, depth: depth + 1, budget: &budget, using: &random)
            var attempt = 1
            while isUnique, elements.contains(element), attempt < maximumAttempts, budget > 0 {
                budget -= 1
                element = fitting(schema, depth: depth + 1, budget: &budget, using: &random)
                attempt += 1
            }
            // Past the minimum, a repeat that will not go away is better left out.
            if isUnique, elements.contains(element), index >= minimum { break }
            elements.append(element)
        }
        return .array(elements)
    }

    private func makeString(_ keywords: JSONObject, using random: inout some RandomNumberGenerator) -> JSONValue {
        let minimum = Self.count(keywords["minLength"]) ?? 0
        let maximumLength = Self.count(keywords["maxLength"])
        let maximum = max(minimum, maximumLength ?? (minimum + maximumExtraLength + 4))
        if let pattern = keywords["pattern"]?.stringValue, let sampler = SchemaPatternSampler(pattern: pattern) {
            // Without a `maxLength`, a string the pattern makes fits however long it is (the
            // default maximum is only for the random letters below).
            let lengths = minimum...max(minimum, maximumLength ?? Int.max)
            for _ in 0..<maximumAttempts {
                guard let string = sampler.sample(using: &random) else { break }
                if lengths.contains(string.unicodeScalars.count) { return .string(string) }
            }
        }
        let length = Int.random(in: minimum...min(maximum, minimum + maximumExtraLength + 4), using: &random)
        return .string(Self.letters(count: length, using: &random))
    }

    private func makeInteger(_ keywords: JSONObject, using random: inout some RandomNumberGenerator) -> JSONValue {
        var (lower, upper) = Self.integerBounds(keywords)
        if case .integer(let divisor)? = keywords["multipleOf"], divisor > 0 {
            // In exact integer arithmetic: a divisor past 2⁵³ has multiples a `Double` cannot
            // tell from other integers. The bounds are within ±2⁵³ (see `spanned`).
            let low = Int64(lower)
            let high = Int64(upper)
            var first = low / divisor
            if first * divisor < low { first += 1 }
            var last = high / divisor
            if last * divisor > high { last -= 1 }
            guard first <= last else { return .integer(low) }  // no multiple in range: a violation
            return .integer(Int64.random(in: first...last, using: &random) * divisor)
        }
        if let divisor = keywords["multipleOf"]?.doubleValue, divisor > 0, divisor.isFinite {
            if divisor.rounded() == divisor, divisor <= Self.largestExactInteger {
                let low = (lower / divisor).rounded(.up)
                let high = (upper / divisor).rounded(.down)
                if low <= high {
                    return .integer(Int64.random(in: Int64(low)...Int64(high), using: &random) * Int64(divisor))
                }
            }
            // A fractional divisor: look for an integer that is a multiple.
            for _ in 0..<maximumAttempts {
                let candidate = Int64(Double.random(in: lower...max(lower, upper), using: &random).rounded(.down))
                if SchemaValidationRun.isMultiple(.integer(candidate), of: .number(divisor)) == true {
                    return .integer(candidate)
                }
            }
            return .integer(0)
        }
        if lower > upper { upper = lower }
        return .integer(Int64.random(in: Int64(lower)...Int64(upper), using: &random))
    }

    private func makeNumber(_ keywords: JSONObject, using random: inout some RandomNumberGenerator) -> JSONValue {
        let bounds = Self.numberBounds(keywords)
        if let divisor = keywords["multipleOf"]?.doubleValue, divisor > 0, divisor.isFinite {
            var low = (bounds.lower / divisor).rounded(.up)
            if bounds.isLowerExclusive, low * divisor <= bounds.lower { low += 1 }
            var high = (bounds.upper / divisor).rounded(.down)
            if bounds.isUpperExclusive, high * divisor >= bounds.upper { high -= 1 }
            let factor = low <= high ? Double.random(in: low...high, using: &random).rounded(.down) : low
            return .number(factor * divisor)
        }
        guard bounds.lower < bounds.upper else { return .number(bounds.lower) }
        let value = Double.random(in: bounds.lower...bounds.upper, using: &random)
        let rounded = (value * 100).rounded() / 100  // Two decimals read better.
        for candidate in [rounded, value, (bounds.lower + bounds.upper) / 2] {
            let isAboveLower = bounds.isLowerExclusive ? candidate > bounds.lower : candidate >= bounds.lower
            let isBelowUpper = bounds.isUpperExclusive ? candidate < bounds.upper : candidate <= bounds.upper
            if isAboveLower && isBelowUpper { return .number(candidate) }
        }
        return .number(value)
    }

    // MARK: - Helpers

    /// Numbers generated stay within ±2^53, where every integer is exact as a `Double`.
    static let largestExactInteger: Double = 9_007_199_254_740_992
    /// The span used when a schema gives only one bound, or none (then from 0).
    static let defaultSpan: Double = 100

    /// The largest count generated for `minLength`, `minItems` and the like; a schema that
    /// needs more gets a value that is too short rather than exhausting memory.
    static let maximumGeneratedCount = 1_000

    /// A non-negative count from a keyword such as `minItems`, at most ``maximumGeneratedCount``.
    static func count(_ value: JSONValue?) -> Int? {
        guard let number = value?.integerValue, number >= 0 else { return nil }
        return Int(min(number, Int64(maximumGeneratedCount)))
    }

    /// The JSON types a schema allows: its `type`, or guessed from its other keywords.
    static func types(of keywords: JSONObject) -> [String] {
        switch keywords["type"] {
        case .string(let name)?: return [name]
        case .array(let names)?: return names.compactMap(\.stringValue)
        default: break
        }
        let groups: [(String, [String])] = [
            ("object", ["properties", "required", "additionalProperties", "minProperties", "maxProperties"]),
            ("array", ["items", "prefixItems", "minItems", "maxItems", "uniqueItems"]),
            ("string", ["minLength", "maxLength", "pattern"]),
            ("number", ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]),
        ]
        for (type, markers) in groups where markers.contains(where: { keywords[$0] != nil }) {
            return [type]
        }
        return ["string", "integer", "boolean", "null"]
    }

    /// The smallest plausible value of a schema, for subschemas past ``maximumDepth``.
    static func minimalValue(for keywords: JSONObject) -> JSONValue {
        switch types(of: keywords).first {
        case "object": return .object([:])
        case "array": return .array([])
        case "string": return .string("")
        case "integer": return .integer(0)
        case "number": return .number(0)
        case "boolean": return .bool(false)
        default: return .null
        }
    }

    /// Inclusive integer bounds from the numeric keywords, within ±2^53.
    static func integerBounds(_ keywords: JSONObject) -> (lower: Double, upper: Double) {
        var lower = -Double.infinity
        var upper = Double.infinity
        if let minimum = keywords["minimum"]?.doubleValue { lower = max(lower, minimum.rounded(.up)) }
        if let minimum = keywords["exclusiveMinimum"]?.doubleValue { lower = max(lower, minimum.rounded(.down) + 1) }
        if let maximum = keywords["maximum"]?.doubleValue { upper = min(upper, maximum.rounded(.down)) }
        if let maximum = keywords["exclusiveMaximum"]?.doubleValue { upper = min(upper, maximum.rounded(.up) - 1) }
        return spanned(lower, upper)
    }

    /// Bounds for a number, and whether each is exclusive.
    static func numberBounds(
        _ keywords: JSONObject
    ) -> (lower: Double, upper: Double, isLowerExclusive: Bool, isUpperExclusive: Bool) {
        var lower = -Double.infinity
        var upper = Double.infinity
        var isLowerExclusive = false
        var isUpperExclusive = false
        if let minimum = keywords["minimum"]?.doubleValue { lower = minimum }
        if let minimum = keywords["exclusiveMinimum"]?.doubleValue, minimum >= lower {
            lower = minimum
            isLowerExclusive = true
        }
        if let maximum = keywords["maximum"]?.doubleValue { upper = maximum }
        if let maximum = keywords["exclusiveMaximum"]?.doubleValue, maximum <= upper {
            upper = maximum
            isUpperExclusive = true
        }
        let (spannedLower, spannedUpper) = spanned(lower, upper)
        return (spannedLower, spannedUpper, isLowerExclusive && spannedLower == lower, isUpperExclusive && spannedUpper == upper)
    }

    /// Fills in missing bounds with ``defaultSpan`` and clamps both to ±2^53.
    private static func spanned(_ lower: Double, _ upper: Double) -> (Double, Double) {
        var lower = lower
        var upper = upper
        switch (lower.isFinite, upper.isFinite) {
        case (false, false):
            lower = 0
            upper = defaultSpan
        case (true, false): upper = lower + defaultSpan
        case (false, true): lower = upper - defaultSpan
        case (true, true): break
        }
        let limit = largestExactInteger
        return (min(max(lower, -limit), limit), min(max(upper, -limit), limit))
    }

    /// Lowercase ASCII letters.
    static func letters(count: Int, using random: inout some RandomNumberGenerator) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<count {
            scalars.append(Unicode.Scalar(UInt8.random(in: UInt8(ascii: "a")...UInt8(ascii: "z"), using: &random)))
        }
        return String(scalars)
    }

    /// Two schemas as one, for `allOf` and for an `anyOf`/`oneOf` branch under shared keywords.
    ///
    /// Lower bounds take the larger, upper bounds the smaller, `required` and `type` and `enum`
    /// combine, properties in both are joined with `allOf`; for other keywords the first wins
    /// (the check after generating catches conflicts).
    static func merge(_ first: JSONObject, _ second: JSONObject) -> JSONObject {
        var merged = first
        for (keyword, value) in second {
            guard let existing = merged[keyword] else {
                merged[keyword] = value
                continue
            }
            switch keyword {
            case "properties":
                guard var properties = existing.objectValue, let others = value.objectValue else { continue }
                for (name, schema) in others {
                    properties[name] = properties[name].map { .object(["allOf": [$0, schema]]) } ?? schema
                }
                merged[keyword] = .object(properties)
            case "required":
                let names =
                    (existing.arrayValue ?? []) + (value.arrayValue ?? []).filter { !(existing.arrayValue ?? []).contains($0) }
                merged[keyword] = .array(names)
            case "minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties":
                if let order = SchemaValidationRun.compare(value, existing), order > 0 { merged[keyword] = value }
            case "maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties":
                if let order = SchemaValidationRun.compare(value, existing), order < 0 { merged[keyword] = value }
            case "type":
                let firstTypes = types(of: ["type": existing])
                let secondTypes = types(of: ["type": value])
                var common = firstTypes.filter { secondTypes.contains($0) }
                if firstTypes.contains("number"), secondTypes.contains("integer") { common.append("integer") }
                if secondTypes.contains("number"), firstTypes.contains("integer"), !common.contains("integer") {
                    common.append("integer")
                }
                merged[keyword] = .array(common.map { .string($0) })
            case "enum":
                guard let allowed = existing.arrayValue, let others = value.arrayValue else { continue }
                merged[keyword] = .array(allowed.filter { others.contains($0) })
            case "allOf":
                merged[keyword] = .array((existing.arrayValue ?? []) + (value.arrayValue ?? []))
            default:
                continue
            }
        }
        return merged
    }
}
