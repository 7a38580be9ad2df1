import OrderedCollections

/// Decodes any `Decodable` type straight from a ``JSONValue``, with no text or `Data` in
/// between.
///
/// Errors are the standard `DecodingError`s, with the coding path of the value at fault, so a
/// caller can name it (`words[2]`, `opponent`). A `null` given for a key read with
/// `decodeIfPresent` (every optional property) decodes as absent, so it takes the default.
///
/// ``decodeReportingUnusedKeys(_:from:)`` also lists the object members that the type never
/// asked for: the way to find a misspelt setting without encoding the result again.
///
/// ```swift
/// let settings = try JSONValueDecoder().decode(Settings.self, from: ["lives": 8])
/// ```
public struct JSONValueDecoder: Sendable {
    /// A member of a decoded object that the decoded type never asked for.
    public struct UnusedKey: Hashable, Sendable {
        /// The coding path of the object holding the member (empty for the top level).
        public var codingPath: [JSONCodingKey]
        /// The member's key.
        public var key: String
        /// The keys the type asked for in that object, sorted: the known keys.
        public var knownKeys: [String]

        /// Creates an unused key.
        public init(codingPath: [JSONCodingKey], key: String, knownKeys: [String]) {
            self.codingPath = codingPath
            self.key = key
            self.knownKeys = knownKeys
        }
    }

    /// Values given to every `Decodable` through `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates a decoder.
    public init() {}

    /// Decodes a value of `type` from `value`.
    /// - Throws: `DecodingError` with the coding path of the value at fault, or whatever the
    ///   type's `init(from:)` throws.
    public func decode<Value: Decodable>(_ type: Value.Type, from value: JSONValue) throws -> Value {
        try Value(from: Reader(value: value, codingPath: [], log: nil, userInfo: userInfo))
    }

    /// Decodes a value of `type` from `value`, and lists the members of objects read through a
    /// keyed container that the type never asked for, in document order.
    ///
    /// An object read as a dictionary (through `allKeys`) has no unused members.
    /// - Throws: the errors of ``decode(_:from:)``.
    public func decodeReportingUnusedKeys<Value: Decodable>(
        _ type: Value.Type,
        from value: JSONValue
    ) throws -> (value: Value, unusedKeys: [UnusedKey]) {
        let log = KeyLog()
        let decoded = try Value(from: Reader(value: value, codingPath: [], log: log, userInfo: userInfo))
        return (decoded, log.unusedKeys)
    }
}

extension JSONValueDecoder {
    /// The keys asked for in each object opened as a keyed container. A class: containers are
    /// values handed around by `Decodable` code, and all of them write to one log.
    fileprivate final class KeyLog {
        struct Entry {
            var codingPath: [JSONCodingKey]
            var keys: [String]
            var asked: Set<String> = []
            var isDictionary = false
        }
        var entries: [Entry] = []
        var indexByPath: [[JSONCodingKey]: Int] = [:]

        func open(_ object: JSONObject, at codingPath: [JSONCodingKey]) -> Int {
            if let index = indexByPath[codingPath] { return index }
            entries.append(Entry(codingPath: codingPath, keys: Array(object.keys)))
            indexByPath[codingPath] = entries.count - 1
            return entries.count - 1
        }

        var unusedKeys: [UnusedKey] {
            entries.filter { !$0.isDictionary }.flatMap { entry in
                let known = entry.asked.sorted()
                return entry.keys.filter { !entry.asked.contains($0) }.map {
                    UnusedKey(codingPath: entry.codingPath, key: $0, knownKeys: known)
                }
            }
        }
    }

    /// The `Decoder` for one value.
    fileprivate struct Reader: Decoder {
        let value: JSONValue
        let codingPath: [any CodingKey]
        let log: KeyLog?
        let sendableUserInfo: [CodingUserInfoKey: any Sendable]

        init(value: JSONValue, codingPath: [any CodingKey], log: KeyLog?, userInfo: [CodingUserInfoKey: any Sendable]) {
            self.value = value
            self.codingPath = codingPath
            self.log = log
            self.sendableUserInfo = userInfo
        }

        var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

        func child(_ value: JSONValue, key: any CodingKey) -> Reader {
            Reader(value: value, codingPath: codingPath + [key], log: log, userInfo: sendableUserInfo)
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let object) = value else {
                throw Self.mismatch([String: JSONValue].self, value, codingPath)
            }
            let entry = log?.open(object, at: codingPath.map(JSONCodingKey.init))
            return KeyedDecodingContainer(KeyedReader<Key>(reader: self, object: object, entry: entry))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard case .array(let elements) = value else {
                throw Self.mismatch([JSONValue].self, value, codingPath)
            }
            return UnkeyedReader(reader: self, elements: elements)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

        static func mismatch(_ type: Any.Type, _ value: JSONValue, _ codingPath: [any CodingKey]) -> DecodingError {
            if case .null = value {
                return .valueNotFound(
                    type, .init(codingPath: codingPath, debugDescription: "Expected \(type) value but found null instead."))
            }
            return .typeMismatch(
                type,
                .init(codingPath: codingPath, debugDescription: "Expected to decode \(type) but found \(value.typeName) instead.")
            )
        }
    }

    fileprivate struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let reader: Reader
        let object: JSONObject
        let entry: Int?

        var codingPath: [any CodingKey] { reader.codingPath }

        var allKeys: [Key] {
            if let entry, let log = reader.log { log.entries[entry].isDictionary = true }
            return object.keys.compactMap { Key(stringValue: $0) }
        }

        func contains(_ key: Key) -> Bool {
            ask(key)
            return object[key.stringValue] != nil
        }

        private func ask(_ key: Key) {
            if let entry, let log = reader.log { log.entries[entry].asked.insert(key.stringValue) }
        }

        private func member(_ key: Key) throws -> Reader {
            reader.child(try scalar(key), key: key)
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            try member(key).value.isNull
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try member(key).decode(type)
        }

        // The common scalar types are read straight from the member, without a child decoder
        // (and its coding path) for each: action data decodes in a few hundred nanoseconds.

        /// The member's value; the child's coding path is made only for an error.
        private func scalar(_ key: Key) throws -> JSONValue {
            ask(key)
            guard let value = object[key.stringValue] else {
                throw DecodingError.keyNotFound(
                    key,
                    .init(codingPath: codingPath, debugDescription: "No value associated with key \"\(key.stringValue)\"."))
            }
            return value
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            let value = try scalar(key)
            guard case .bool(let flag) = value else { throw Reader.mismatch(type, value, codingPath + [key]) }
            return flag
        }

        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            let value = try scalar(key)
            guard case .string(let text) = value else { throw Reader.mismatch(type, value, codingPath + [key]) }
            return text
        }

        func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
            let value = try scalar(key)
            guard let number = value.doubleValue else { throw Reader.mismatch(type, value, codingPath + [key]) }
            return number
        }

        func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
            try Reader.integer(type, try scalar(key), codingPath: codingPath + [key])
        }

        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
            try Reader.integer(type, try scalar(key), codingPath: codingPath + [key])
        }

        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
            try Reader.integer(type, try scalar(key), codingPath: codingPath + [key])
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type,
            forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            try member(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try member(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            reader.child(object["super"] ?? .null, key: JSONCodingKey(stringValue: "super"))
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            ask(key)
            return reader.child(object[key.stringValue] ?? .null, key: key)
        }
    }

    fileprivate struct UnkeyedReader: UnkeyedDecodingContainer {
        let reader: Reader
        let elements: [JSONValue]
        var currentIndex = 0

        init(reader: Reader, elements: [JSONValue]) {
            self.reader = reader
            self.elements = elements
        }

        var codingPath: [any CodingKey] { reader.codingPath }
        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }

        private mutating func next(_ type: Any.Type) throws -> Reader {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(
                    type,
                    .init(
                        codingPath: codingPath + [JSONCodingKey(intValue: currentIndex)],
                        debugDescription: "Unkeyed container is at end."))
            }
            defer { currentIndex += 1 }
            return reader.child(elements[currentIndex], key: JSONCodingKey(intValue: currentIndex))
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, elements[currentIndex].isNull else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try next(type).decode(type)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type
        ) throws -> KeyedDecodingContainer<NestedKey> {
            try next(JSONObject.self).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try next([JSONValue].self).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder {
            try next(JSONValue.self)
        }
    }
}

extension JSONValueDecoder.Reader: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let flag) = value else { throw Self.mismatch(type, value, codingPath) }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = value else { throw Self.mismatch(type, value, codingPath) }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard let number = value.doubleValue else { throw Self.mismatch(type, value, codingPath) }
        return number
    }

    func decode(_ type: Float.Type) throws -> Float {
        guard let number = value.doubleValue else { throw Self.mismatch(type, value, codingPath) }
        let single = Float(number)
        guard single.isFinite || !number.isFinite else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "Number \(value) does not fit in Float."))
        }
        return single
    }

    func decode(_ type: Int.Type) throws -> Int { try Self.integer(type, value, codingPath: codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try Self.integer(type, value, codingPath: codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try Self.integer(type, value, codingPath: codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try Self.integer(type, value, codingPath: codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try Self.integer(type, value, codingPath: codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try Self.integer(type, value, codingPath: codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try Self.integer(type, value, codingPath: codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try Self.integer(type, value, codingPath: codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try Self.integer(type, value, codingPath: codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try Self.integer(type, value, codingPath: codingPath) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: self)
    }

    /// A whole number of type `T`: an integer, or a number without a fraction, that fits.
    /// (`codingPath` is made only for an error.)
    static func integer<T: FixedWidthInteger>(
        _ type: T.Type,
        _ value: JSONValue,
        codingPath: @autoclosure () -> [any CodingKey]
    ) throws -> T {
        let fitting: T?
        switch value {
        case .integer(let integer): fitting = T(exactly: integer)
        case .number(let number): fitting = T(exactly: number)
        default: throw mismatch(type, value, codingPath())
        }
        guard let fitting else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath(), debugDescription: "Number \(value) does not fit in \(type)."))
        }
        return fitting
    }
}
