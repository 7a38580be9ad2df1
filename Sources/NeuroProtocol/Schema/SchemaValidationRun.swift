/// One walk of a value against a schema: the current path and the violations found so far.
///
/// Recursion follows the schema, one level per subschema, and stops at `maximumDepth`, so a
/// deep schema cannot overflow the stack. (The data is at most as deep as the parser allows,
/// and it is only descended as far as the schema goes.)
package struct SchemaValidationRun {
    private(set) var violations: [SchemaViolation] = []
    /// Whether the first violation found was a `type` mismatch; ranks `anyOf` branches.
    private(set) var isFirstViolationTypeMismatch = false
    private var path: SchemaPath
    private let limit: Int
    private let maximumDepth: Int
    /// Whether a failed `anyOf`/`oneOf` names its closest branch's problem. Only the outermost
    /// run does: finding the closest branch walks every branch again, and doing that at every
    /// level of nested branches would take time exponential in their depth.
    private let isDetailed: Bool

    init(limit: Int, maximumDepth: Int, path: SchemaPath = SchemaPath(), isDetailed: Bool = true) {
        self.limit = limit
        self.maximumDepth = maximumDepth
        self.path = path
        self.isDetailed = isDetailed
        startDepth = path.components.count
    }

    /// The length of the path the run started at: a type mismatch there is at its own level.
    private let startDepth: Int

    private var isFull: Bool { violations.count >= limit }

    /// Records a violation at the current path. Messages are only built on failure, so
    /// taking the finished string costs nothing on the valid path.
    private mutating func report(_ message: String) {
        guard !isFull else { return }
        violations.append(SchemaViolation(path: path.rendered, message: message))
    }

    // MARK: - Schemas

    mutating func check(_ value: JSONValue, against schema: JSONValue, depth: Int) {
        guard !isFull else { return }
        switch schema {
        case .object(let keywords):
            guard depth < maximumDepth else {
                report("the schema nests deeper than \(maximumDepth) levels")
                return
            }
            check(value, againstKeywords: keywords, depth: depth)
        case .bool(true):
            return
        case .bool(false):
            report("no value is allowed here")
        default:
            report("the schema here is \(schema.typeName), not an object or a boolean")
        }
    }

    private mutating func check(_ value: JSONValue, againstKeywords keywords: JSONObject, depth: Int) {
        if let type = keywords["type"], !check(value, type: type) { return }
        for (name, argument) in keywords {
            guard !isFull else { return }
            guard let keyword = SchemaKeyword(name) else { continue }
            switch keyword {
            case .type:
                continue
            case .enum:
                checkEnum(value, argument)
            case .const:
                if value != argument {
                    report("must be \(SchemaMessage.describe(argument)), not \(SchemaMessage.describe(value))")
                }
            case .allOf, .anyOf, .oneOf, .not:
                checkCombinator(keyword, argument, value, depth: depth)
            default:
                switch value {
                case .integer, .number:
                    checkNumber(keyword, argument, value)
                case .string(let string):
                    checkString(keyword, argument, string)
                case .array(let elements):
                    checkArray(keyword, argument, elements, keywords: keywords, depth: depth)
                case .object(let members):
                    checkObject(keyword, argument, members, keywords: keywords, depth: depth)
                case .null, .bool:
                    continue
                }
            }
        }
    }

    // MARK: - Any type

    /// Whether `value` has one of the types named by a `type` keyword; reports when not.
    private mutating func check(_ value: JSONValue, type: JSONValue) -> Bool {
        switch type {
        case .string(let name):
            switch Self.value(value, hasType: name) {
            case true?:
                return true
            case false?:
                reportTypeMismatch("must be \(SchemaMessage.article(forType: name)), not \(value.typeName)")
            case nil:
                report("the schema names an unknown type \(SchemaMessage.describe(type))")
            }
            return false
        case .array(let names):
            var allowed: [String] = []
            for case .string(let name) in names {
                if Self.value(value, hasType: name) == true { return true }
                allowed.append(SchemaMessage.article(forType: name))
            }
            guard !allowed.isEmpty else {
                report("the schema's type list names no type")
                return false
            }
            reportTypeMismatch("must be \(SchemaMessage.alternatives(allowed)), not \(value.typeName)")
            return false
        default:
            return true
        }
    }

    private mutating func reportTypeMismatch(_ message: String) {
        if violations.isEmpty, path.components.count == startDepth { isFirstViolationTypeMismatch = true }
        report(message)
    }

    /// Whether a value has a JSON Schema type; `nil` for an unknown type name.
    package static func value(_ value: JSONValue, hasType name: String) -> Bool? {
        switch name {
        case "object": if case .object = value { return true }
        case "string": if case .string = value { return true }
        case "integer":
            switch value {
            case .integer: return true
            case .number(let number): return number.isFinite && number.rounded(.towardZero) == number
            default: break
            }
        case "number": if case .integer = value { return true } else if case .number = value { return true }
        case "boolean": if case .bool = value { return true }
        case "array": if case .array = value { return true }
        case "null": if case .null = value { return true }
        default: return nil
        }
        return false
    }

    private mutating func checkEnum(_ value: JSONValue, _ argument: JSONValue) {
        guard case .array(let allowed) = argument else { return }
        guard !allowed.contains(value) else { return }
        if allowed.isEmpty {
            report("no value is allowed here (the schema's enum is empty)")
        } else {
            report("\(SchemaMessage.describe(value)) is not one of \(SchemaMessage.list(allowed))")
        }
    }

    private mutating func checkCombinator(_ keyword: SchemaKeyword, _ argument: JSONValue, _ value: JSONValue, depth: Int) {
        if keyword == .not {
            if matches(value, argument, depth: depth + 1) { report("matches a form that is not allowed") }
            return
        }
        guard case .array(let branches) = argument, !branches.isEmpty else { return }
        switch keyword {
        case .allOf:
            for branch in branches { check(value, against: branch, depth: depth + 1) }
        case .anyOf:
            if branches.contains(where: { matches(value, $0, depth: depth + 1) }) { return }
            reportNoBranchMatches(value, branches, depth: depth + 1)
        default:  // oneOf
            var matching: [Int] = []
            for (index, branch) in branches.enumerated() where matches(value, branch, depth: depth + 1) {
                matching.append(index + 1)
                if matching.count == 2 { break }
            }
            switch matching.count {
            case 0: reportNoBranchMatches(value, branches, depth: depth + 1)
            case 1: return
            default:
                report(
                    "matches more than one of the allowed forms (\(matching[0]) and \(matching[1])), but must match exactly one")
            }
        }
    }

    /// Whether a value matches a subschema, without reporting.
    private func matches(_ value: JSONValue, _ schema: JSONValue, depth: Int) -> Bool {
        var probe = SchemaValidationRun(limit: 1, maximumDepth: maximumDepth, path: path, isDetailed: false)
        probe.check(value, against: schema, depth: depth)
        return probe.violations.isEmpty
    }

    /// Reports that no branch of `anyOf` or `oneOf` matches, naming the closest branch's problem.
    private mutating func reportNoBranchMatches(_ value: JSONValue, _ branches: [JSONValue], depth: Int) {
        guard isDetailed else {
            report("matches none of the allowed forms")
            return
        }
        var closest: SchemaValidationRun?
        for branch in branches {
            var attempt = SchemaValidationRun(limit: 3, maximumDepth: maximumDepth, path: path, isDetailed: false)
            attempt.check(value, against: branch, depth: depth)
            guard let best = closest else {
                closest = attempt
                continue
            }
            let isCloser =
                (attempt.isFirstViolationTypeMismatch ? 1 : 0, attempt.violations.count)
                < (best.isFirstViolationTypeMismatch ? 1 : 0, best.violations.count)
            if isCloser { closest = attempt }
        }
        if let first = closest?.violations.first {
            let reason = first.path == path.rendered ? first.message : first.description
            report("matches none of the allowed forms (closest: \(reason))")
        } else {
            report("matches none of the allowed forms")
        }
    }

    // MARK: - Numbers

    private mutating func checkNumber(_ keyword: SchemaKeyword, _ argument: JSONValue, _ value: JSONValue) {
        switch keyword {
        case .minimum:
            if let order = Self.compare(value, argument), order < 0 {
                report("\(SchemaMessage.describe(value)) is below the minimum \(SchemaMessage.describe(argument))")
            }
        case .maximum:
            if let order = Self.compare(value, argument), order > 0 {
                report("\(SchemaMessage.describe(value)) is above the maximum \(SchemaMessage.describe(argument))")
            }
        case .exclusiveMinimum:
            if let order = Self.compare(value, argument), order <= 0 {
                report("\(SchemaMessage.describe(value)) must be above \(SchemaMessage.describe(argument))")
            }
        case .exclusiveMaximum:
            if let order = Self.compare(value, argument), order >= 0 {
                report("\(SchemaMessage.describe(value)) must be below \(SchemaMessage.describe(argument))")
            }
        case .multipleOf:
            switch Self.isMultiple(value, of: argument) {
            case false?:
                report("\(SchemaMessage.describe(value)) is not a multiple of \(SchemaMessage.describe(argument))")
            case nil:
                report("the schema's multipleOf must be a number above 0, not \(SchemaMessage.describe(argument))")
            case true?:
                return
            }
        default:
            return
        }
    }

    /// The order of two numbers (-1, 0, 1), or `nil` when `bound` is not a number.
    package static func compare(_ value: JSONValue, _ bound: JSONValue) -> Int? {
        if case .integer(let a) = value, case .integer(let b) = bound {
            return a < b ? -1 : (a == b ? 0 : 1)
        }
        guard let a = value.doubleValue, let b = bound.doubleValue else { return nil }
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    /// Whether a number is a multiple of `divisor`; `nil` when `divisor` is not a positive number.
    package static func isMultiple(_ value: JSONValue, of divisor: JSONValue) -> Bool? {
        if case .integer(let a) = value, case .integer(let b) = divisor {
            guard b > 0 else { return nil }
            return a % b == 0
        }
        guard let b = divisor.doubleValue, b > 0, b.isFinite else { return nil }
        guard let a = value.doubleValue else { return false }
        let quotient = a / b
        guard quotient.isFinite else { return false }
        // Decimal multiples (0.1, 0.01) are not exact in binary: allow for rounding.
        return abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }

    // MARK: - Strings

    private mutating func checkString(_ keyword: SchemaKeyword, _ argument: JSONValue, _ string: String) {
        switch keyword {
        case .minLength:
            guard let minimum = argument.integerValue, minimum > 0 else { return }
            // A scalar is 1 to 4 UTF-8 bytes: count scalars only when the byte count is not enough.
            let bytes = string.utf8.count
            guard Int64(bytes) / 4 < minimum else { return }
            let length = bytes < minimum ? bytes : string.unicodeScalars.count
            if length < minimum {
                report(
                    "\(SchemaMessage.describe(.string(string))) is shorter than \(SchemaMessage.characters(Int(minimum)))"
                )
            }
        case .maxLength:
            guard let maximum = argument.integerValue else { return }
            guard string.utf8.count > maximum, string.unicodeScalars.count > maximum else { return }
            report("\(SchemaMessage.describe(.string(string))) is longer than \(SchemaMessage.characters(Int(maximum)))")
        case .pattern:
            guard case .string(let pattern) = argument else { return }
            switch SchemaPatternCache.matches(string, pattern: pattern) {
            case true?:
                return
            case false?:
                report("\(SchemaMessage.describe(.string(string))) does not match the pattern \(pattern)")
            case nil:
                report("the schema's pattern \(SchemaMessage.describe(argument)) is not a valid regular expression")
            }
        default:
            return
        }
    }

    // MARK: - Arrays

    private mutating func checkArray(
        _ keyword: SchemaKeyword, _ argument: JSONValue, _ elements: [JSONValue], keywords: JSONObject, depth: Int
    ) {
        switch keyword {
        case .items:
            if case .array(let schemas) = argument {
                // The older tuple form, `items: [schema, …]`, is `prefixItems`.
                checkPrefix(elements, schemas, depth: depth)
                return
            }
            // `items` as a schema: every element after the prefix (`prefixItems`).
            let start = ArrayElementSchemas(keywords).prefix.count
            guard start < elements.count else { return }
            for index in start..<elements.count {
                guard !isFull else { return }
                path.push(.index(index))
                check(elements[index], against: argument, depth: depth + 1)
                path.pop()
            }
        case .prefixItems:
            guard case .array(let schemas) = argument else { return }
            checkPrefix(elements, schemas, depth: depth)
        case .minItems:
            guard let minimum = argument.integerValue, elements.count < minimum else { return }
            report("has \(SchemaMessage.count(elements.count, "item")), needs at least \(minimum)")
        case .maxItems:
            guard let maximum = argument.integerValue, elements.count > maximum else { return }
            report("has \(SchemaMessage.count(elements.count, "item")), at most \(maximum) allowed")
        case .uniqueItems:
            guard argument == .bool(true), let (first, second) = Self.firstDuplicate(in: elements) else { return }
            report(
                "items must be unique, but items \(first) and \(second) are both \(SchemaMessage.describe(elements[first]))"
            )
        default:
            return
        }
    }

    private mutating func checkPrefix(_ elements: [JSONValue], _ schemas: [JSONValue], depth: Int) {
        for index in 0..<min(elements.count, schemas.count) {
            guard !isFull else { return }
            path.push(.index(index))
            check(elements[index], against: schemas[index], depth: depth + 1)
            path.pop()
        }
    }

    /// The indices of the first repeated element (by ``JSONValue`` equality), if any.
    static func firstDuplicate(in elements: [JSONValue]) -> (Int, Int)? {
        if elements.count <= 16 {
            for second in elements.indices {
                for first in 0..<second where elements[first] == elements[second] {
                    return (first, second)
                }
            }
            return nil
        }
        var seen: [JSONValue: Int] = [:]
        seen.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            if let first = seen[element] { return (first, index) }
            seen[element] = index
        }
        return nil
    }

    // MARK: - Objects

    private mutating func checkObject(
        _ keyword: SchemaKeyword, _ argument: JSONValue, _ members: JSONObject, keywords: JSONObject, depth: Int
    ) {
        switch keyword {
        case .properties:
            guard case .object(let properties) = argument else { return }
            for (name, schema) in properties {
                guard !isFull else { return }
                guard let member = members[name] else { continue }
                path.push(.key(name))
                check(member, against: schema, depth: depth + 1)
                path.pop()
            }
        case .required:
            guard case .array(let names) = argument else { return }
            for case .string(let name) in names where members[name] == nil {
                report("missing required property \(SchemaMessage.describe(.string(name)))")
            }
        case .additionalProperties:
            let properties = keywords["properties"]?.objectValue ?? [:]
            for (name, member) in members where properties[name] == nil {
                guard !isFull else { return }
                switch argument {
                case .bool(true):
                    return
                case .bool(false):
                    reportUnexpected(name, allowed: properties)
                default:
                    path.push(.key(name))
                    check(member, against: argument, depth: depth + 1)
                    path.pop()
                }
            }
        case .minProperties:
            guard let minimum = argument.integerValue, members.count < minimum else { return }
            report("has \(SchemaMessage.properties(members.count)), needs at least \(minimum)")
        case .maxProperties:
            guard let maximum = argument.integerValue, members.count > maximum else { return }
            report("has \(SchemaMessage.properties(members.count)), at most \(maximum) allowed")
        default:
            return
        }
    }

    private mutating func reportUnexpected(_ name: String, allowed properties: JSONObject) {
        let names = properties.keys.map { JSONValue.string($0) }
        let allowed = names.isEmpty ? "no properties are allowed" : "allowed: \(SchemaMessage.list(names))"
        report("unexpected property \(SchemaMessage.describe(.string(name))) (\(allowed))")
    }
}
