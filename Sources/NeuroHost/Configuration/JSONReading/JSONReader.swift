import NeuroAPI

/// Reads a JSON document value by value, knowing the path of each, and collects every problem
/// it finds rather than stopping at the first.
///
/// The reader knows JSON, not any one file format: it parses, hands out ``JSONNode``s with
/// their paths, reads them as typed values (reporting `expected …, found …` at the path when
/// the type is wrong), flags unknown keys with a did-you-mean, and, once the rules of the format
/// are done, puts a line and column on every problem and adds the keys written twice.
///
/// ```swift
/// var reader = JSONReader(file: "app.json")
/// if let root = reader.parse(bytes), let object = reader.object(root, what: "the configuration") {
///     reader.checkKeys(of: object, allowed: ["name"], in: "the configuration")
///     if let name = object["name"] { _ = reader.string(name, expected: "a name") }
/// }
/// reader.locateProblems(in: bytes)
/// ```
struct JSONReader {
    /// The most problems reported at once; a hostile file could otherwise produce millions.
    static let defaultMaximumProblemCount = 100

    /// The file read, as it is named in problems.
    let file: String
    /// The most problems reported; beyond it a last `tooManyErrors` problem says more exist.
    let maximumProblemCount: Int
    /// The problems found so far.
    private(set) var problems: [ConfigurationProblem] = []
    private var hasTooManyProblems = false

    /// Creates a reader for the file named `file`.
    init(file: String, maximumProblemCount: Int = defaultMaximumProblemCount) {
        self.file = file
        self.maximumProblemCount = maximumProblemCount
    }

    // MARK: - Parsing

    /// Parses `bytes` and returns the root; `nil` after reporting `invalidJSON` at the line and
    /// column where the parser stopped.
    mutating func parse(_ bytes: [UInt8]) -> JSONNode? {
        do {
            return JSONNode(value: try JSONParser().parse(bytes), path: .root)
        } catch {
            problems.append(
                ConfigurationProblem(
                    code: .invalidJSON,
                    file: file,
                    path: nil,
                    message: "invalid JSON: \(error.reason)",
                    fix: "correct the JSON there; it allows no comments, no trailing commas and only double-quoted strings",
                    line: error.line,
                    column: error.column
                ))
            return nil
        }
    }

    // MARK: - Typed reads

    /// The node as an object, or `nil` after reporting `expected an object for <what>`.
    mutating func object(_ node: JSONNode, what: String) -> JSONObjectNode? {
        guard case .object(let members) = node.value else {
            reportWrongType(node, expected: "an object for \(what)", fix: "write \(what) as an object: { … }")
            return nil
        }
        return JSONObjectNode(members: members, path: node.path)
    }

    /// The node's elements, each with its path, or `nil` after reporting a wrong type.
    mutating func array(_ node: JSONNode, expected: String, fix: String) -> [JSONNode]? {
        guard case .array(let elements) = node.value else {
            reportWrongType(node, expected: expected, fix: fix)
            return nil
        }
        return elements.enumerated().map { JSONNode(value: $1, path: node.path.appending(index: $0)) }
    }

    /// The node as a string, or `nil` after reporting `expected a string (<expected>)`.
    mutating func string(_ node: JSONNode, expected: String) -> String? {
        guard case .string(let text) = node.value else {
            reportWrongType(node, expected: "a string (\(expected))", fix: "write it in double quotes")
            return nil
        }
        return text
    }

    /// The node as `true` or `false`, or `nil` after reporting a wrong type.
    mutating func bool(_ node: JSONNode) -> Bool? {
        guard case .bool(let flag) = node.value else {
            reportWrongType(node, expected: "true or false", fix: "write true or false")
            return nil
        }
        return flag
    }

    /// The node as a number (whole or not), or `nil` after reporting a wrong type.
    mutating func number(_ node: JSONNode, expected: String, fix: String) -> Double? {
        guard let number = node.value.doubleValue else {
            reportWrongType(node, expected: expected, fix: fix)
            return nil
        }
        return number
    }

    /// The member `key` of `object`, or `nil` after reporting it missing (at the object).
    mutating func required(_ key: String, in object: JSONObjectNode, fix: String) -> JSONNode? {
        guard let member = object[key] else {
            report(.missingKey, at: object.path.appending(key), "missing key \(Self.quote(key))", fix: fix)
            return nil
        }
        return member
    }

    /// Reports every key of `object` not in `allowed`, suggesting the allowed key it most
    /// likely meant.
    mutating func checkKeys(of object: JSONObjectNode, allowed: [String], in context: String) {
        for key in object.members.keys where !allowed.contains(key) {
            let suggestion = SpellingSuggestion.closest(to: key, among: allowed)
            report(
                .unknownKey,
                at: object.path.appending(key),
                "unknown key \(Self.quote(key)) in \(context); known keys: \(allowed.joined(separator: ", "))",
                fix: suggestion.map { "did you mean \"\($0)\"? Keys are case-sensitive" } ?? "remove it"
            )
        }
    }

    // MARK: - Reporting

    /// Reports `expected <expected>, found <what the value is>` at the node.
    mutating func reportWrongType(_ node: JSONNode, expected: String, fix: String) {
        report(.wrongType, at: node.path, "expected \(expected), found \(Self.describe(node.value))", fix: fix)
    }

    /// Reports a problem at `path` (`nil`: the file as a whole), unless there are too many.
    mutating func report(_ code: ConfigurationProblem.Code, at path: ConfigurationPath?, _ message: String, fix: String) {
        guard problems.count < maximumProblemCount else {
            hasTooManyProblems = true
            return
        }
        problems.append(ConfigurationProblem(code: code, file: file, path: path, message: message, fix: fix))
    }

    /// Adds a problem about something outside the document (a flag, an environment variable),
    /// as it is.
    mutating func add(_ problem: ConfigurationProblem) {
        problems.append(problem)
    }

    /// Adds the keys written twice in `bytes` to the problems, puts line and column on every
    /// problem with a path, sorts them into document order and notes any left out.
    ///
    /// `bytes` must be the text that ``parse(_:)`` accepted.
    mutating func locateProblems(in bytes: [UInt8]) {
        let wanted = Set(problems.compactMap(\.path).flatMap(JSONSourceMap.pathAndAncestors))
        let map = JSONSourceMap(bytes: bytes, wanted: wanted)
        var offsets: [Int?] = problems.map { problem in problem.path.flatMap(map.offset(of:)) }
        for duplicate in map.duplicateKeys where problems.count < maximumProblemCount {
            problems.append(
                ConfigurationProblem(
                    code: .duplicateKey,
                    file: file,
                    path: duplicate.path,
                    message: "the key \(Self.quote(duplicate.path.lastKey ?? "")) appears more than once in this object",
                    fix: "keep one of them; JSON readers disagree on which one counts"
                )
            )
            offsets.append(duplicate.offset)
        }
        if map.duplicateKeys.count > 0 && problems.count >= maximumProblemCount { hasTooManyProblems = true }
        for index in problems.indices {
            if let offset = offsets[index], problems[index].line == nil {
                let position = map.lineAndColumn(of: offset)
                problems[index].line = position.line
                problems[index].column = position.column
            }
        }
        // Problems outside the file (a flag, the environment) first, then in document order;
        // the sort is stable, so problems at one spot keep the order they were found in.
        problems = zip(problems, offsets).enumerated()
            .sorted { ($0.element.1 ?? -1, $0.offset) < ($1.element.1 ?? -1, $1.offset) }
            .map(\.element.0)
        if hasTooManyProblems {
            problems.append(
                ConfigurationProblem(
                    code: .tooManyErrors,
                    file: file,
                    path: nil,
                    message: "more errors were found; only the first \(maximumProblemCount) are listed",
                    fix: "fix these and run again"
                )
            )
        }
    }

    // MARK: - Formatting

    /// A short description of a value for messages: `string "abc"`, `number 1.5`, `an array`.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return "boolean \(flag)"
        case .integer, .number: return "number \(value)"
        case .string(let text): return "string \(quote(text))"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// A string in JSON quotes, cut to 64 characters so that huge values keep messages short.
    static func quote(_ text: String) -> String {
        let limit = 64
        guard text.count > limit else { return JSONValue.string(text).description }
        return JSONValue.string(String(text.prefix(limit))).description + "…"
    }
}
