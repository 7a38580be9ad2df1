/// Reading of one command's `data` object: every key is checked for presence and type.
/// Strict (how ``NeuroSim`` reads a game's frames): an explicit `null` for an optional string
/// is a type error and, at the end, every key must have been expected. Lenient (how a game
/// reads Neuro's, as the protocol of August 2026 asks): `null` means absent and unknown keys
/// are ignored. Errors name the command and the key.
struct MessageFields {
    let command: String
    let object: JSONObject
    let isLenient: Bool
    /// The keys asked for: a handful per command, so a list beats hashing each key.
    private var seen: [String] = []

    init(command: String, data: JSONObject?, isLenient: Bool = false) {
        self.command = command
        self.object = data ?? [:]
        self.isLenient = isLenient
    }

    /// Notes that `key` was asked for. Only strict reading needs the list (lenient reading
    /// ignores unknown keys), and only it pays for keeping it.
    private mutating func expect(_ key: String) {
        if !isLenient, !seen.contains(key) { seen.append(key) }
    }

    private func error(_ text: String) -> NeuroError {
        NeuroError(code: .invalidMessage, message: "\"\(command)\": \(text)")
    }

    private func mismatch(_ key: String, expected: String, value: JSONValue) -> NeuroError {
        error("key \"\(key)\" must be \(expected), not \(value.typeName)")
    }

    /// An optional value of one JSON type: absent is `nil`; an explicit `null` is a type error
    /// when strict, as in the reference, and `nil` when lenient; any other type is a type error.
    @inline(__always)
    private mutating func optional<Value>(
        _ key: String, expected: String, _ extract: (JSONValue) -> Value?
    ) throws(NeuroError) -> Value? {
        expect(key)
        guard let value = object[key], !(isLenient && value == .null) else { return nil }
        guard let extracted = extract(value) else { throw mismatch(key, expected: expected, value: value) }
        return extracted
    }

    /// A value that must be present: `missing key "name" (a string)` when it is not.
    private func required<Value>(_ key: String, _ value: Value?, _ expected: String) throws(NeuroError) -> Value {
        guard let value else { throw error("missing key \"\(key)\" (\(expected))") }
        return value
    }

    mutating func string(_ key: String) throws(NeuroError) -> String {
        try required(key, optionalString(key), "a string")
    }

    /// An optional string, read as ``optional(_:expected:_:)`` reads.
    mutating func optionalString(_ key: String) throws(NeuroError) -> String? {
        try optional(key, expected: "a string", \.stringValue)
    }

    mutating func bool(_ key: String) throws(NeuroError) -> Bool {
        try required(key, optionalBool(key), "a boolean")
    }

    mutating func optionalBool(_ key: String) throws(NeuroError) -> Bool? {
        try optional(key, expected: "a boolean", \.boolValue)
    }

    mutating func stringArray(_ key: String) throws(NeuroError) -> [String] {
        expect(key)
        guard let value = object[key] else { throw error("missing key \"\(key)\" (an array of strings)") }
        guard case .array(let elements) = value else {
            throw mismatch(key, expected: "an array of strings", value: value)
        }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard case .string(let string) = element else {
                throw error("key \"\(key)\"[\(index)] must be a string, not \(element.typeName)")
            }
            strings.append(string)
        }
        return strings
    }

    mutating func array(_ key: String) throws(NeuroError) -> [JSONValue] {
        expect(key)
        guard let value = object[key] else { throw error("missing key \"\(key)\" (an array)") }
        guard let elements = value.arrayValue else { throw mismatch(key, expected: "an array", value: value) }
        return elements
    }

    mutating func optionalObject(_ key: String) throws(NeuroError) -> JSONObject? {
        try optional(key, expected: "an object", \.objectValue)
    }

    mutating func object(_ key: String) throws(NeuroError) -> JSONObject {
        try required(key, optionalObject(key), "an object")
    }

    /// Any value, present or not; marks the key as expected.
    mutating func optionalValue(_ key: String) -> JSONValue? {
        expect(key)
        return object[key]
    }

    /// Fails on the first key that was never asked for (when strict).
    func rejectUnexpectedKeys() throws(NeuroError) {
        guard !isLenient else { return }
        for key in object.keys where !seen.contains(key) {
            throw error("unexpected key \"\(key)\"")
        }
    }
}
