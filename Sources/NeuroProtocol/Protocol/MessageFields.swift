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

    mutating func string(_ key: String) throws(NeuroError) -> String {
        guard let value = try optionalString(key) else { throw error("missing key \"\(key)\" (a string)") }
        return value
    }

    /// An optional string: absent is `nil`; an explicit `null` is a type error when strict, as
    /// in the reference, and `nil` when lenient.
    mutating func optionalString(_ key: String) throws(NeuroError) -> String? {
        expect(key)
        guard let value = object[key], !(isLenient && value == .null) else { return nil }
        guard case .string(let string) = value else { throw mismatch(key, expected: "a string", value: value) }
        return string
    }

    mutating func bool(_ key: String) throws(NeuroError) -> Bool {
        guard let value = try optionalBool(key) else { throw error("missing key \"\(key)\" (a boolean)") }
        return value
    }

    mutating func optionalBool(_ key: String) throws(NeuroError) -> Bool? {
        expect(key)
        guard let value = object[key], !(isLenient && value == .null) else { return nil }
        guard case .bool(let flag) = value else { throw mismatch(key, expected: "a boolean", value: value) }
        return flag
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
        guard case .array(let elements) = value else { throw mismatch(key, expected: "an array", value: value) }
        return elements
    }

    mutating func optionalObject(_ key: String) throws(NeuroError) -> JSONObject? {
        expect(key)
        guard let value = object[key], !(isLenient && value == .null) else { return nil }
        guard case .object(let member) = value else { throw mismatch(key, expected: "an object", value: value) }
        return member
    }

    mutating func object(_ key: String) throws(NeuroError) -> JSONObject {
        guard let value = try optionalObject(key) else { throw error("missing key \"\(key)\" (an object)") }
        return value
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
