import OrderedCollections

/// A JSON object whose keys keep the order they were written or parsed in.
///
/// Key order matters on the wire: our frames are byte-for-byte those of the Python
/// reference (`command`, `game`, `data`, …). Equality of ``JSONValue`` ignores key order.
public typealias JSONObject = OrderedDictionary<String, JSONValue>

/// A JSON value: the type of action schemas, action data and every frame's payload.
///
/// Integers and floating-point numbers are kept apart so that `1` and `1.0` survive a round
/// trip exactly as the Python reference (orjson) writes them. Object equality ignores key
/// order, so tests compare decoded JSON rather than bytes.
///
/// ```swift
/// let schema: JSONValue = [
///     "type": "object",
///     "properties": ["row": ["type": "integer", "minimum": 0, "maximum": 2]],
///     "required": ["row"],
/// ]
/// ```
public enum JSONValue: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without a fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, in key order.
    case object(JSONObject)
}

extension JSONValue: Equatable {
    /// Structural equality: object key order is ignored, and an integer equals a number of
    /// the same value (`1 == 1.0`), as in JSON Schema.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.integer(let a), .number(let b)), (.number(let b), .integer(let a)):
            return Double(a) == b && b.rounded() == b && Int64(exactly: b) == a
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            // Fast paths: the same storage (an action's schema compared with itself, which
            // the game host does for every action), then the same keys in the same order.
            if a.sharesStorage(with: b) { return true }
            if a.keys.elementsEqual(b.keys) { return a.values.elementsEqual(b.values) }
            for (key, value) in a {
                guard let other = b[key], other == value else { return false }
            }
            return true
        default: return false
        }
    }
}

extension OrderedDictionary {
    /// Whether both dictionaries use the same key and value buffers, which makes them equal
    /// without looking at an element (copies share storage until one of them is changed).
    fileprivate func sharesStorage(with other: Self) -> Bool {
        func sameBuffer<Element>(_ a: [Element], _ b: [Element]) -> Bool {
            a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
        }
        return sameBuffer(keys.elements, other.keys.elements) && sameBuffer(values.elements, other.values.elements)
    }
}

extension JSONValue: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .integer(let value): hasher.combine(Double(value))
        case .number(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .object(let object):
            // Order-insensitive, to agree with `==`.
            hasher.combine(object.count)
            var combined = 0
            for (key, value) in object {
                var inner = Hasher()
                inner.combine(key)
                inner.combine(value)
                combined ^= inner.finalize()
            }
            hasher.combine(combined)
        }
    }
}

// MARK: - Accessors

extension JSONValue {
    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The Boolean, when this is a Boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number as a `Double`, when this is an integer or a number.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    /// The integer, when this is an integer or a number with no fractional part.
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): return value
        case .number(let value): return Int64(exactly: value)
        default: return nil
        }
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object, when this is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key`, when this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The JSON type name used in error messages and by JSON Schema's `type` keyword:
    /// `null`, `boolean`, `integer`, `number`, `string`, `array` or `object`.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer: return "integer"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// Builds an object in the order the keys are written; a repeated key keeps the last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject(minimumCapacity: elements.count)
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text of this value.
    public var description: String { JSONWriter.string(from: self) }
}

extension JSONValue {
    /// Wraps a value; lets a literal be typed explicitly where inference needs help,
    /// as in `JSONValue(["type": "object"])`.
    public init(_ value: JSONValue) { self = value }
}
