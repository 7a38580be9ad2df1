import OrderedCollections

/// A strict JSON parser (RFC 8259) with a nesting limit.
///
/// It rejects what the Python reference (orjson) rejects: trailing commas, comments, `NaN`,
/// a byte-order mark, leading zeros, unescaped control characters, lone surrogates and
/// trailing text. A repeated object key keeps the last value, as orjson does. Nesting deeper
/// than ``maximumDepth`` is an error rather than a stack overflow, so hostile input (an action
/// whose data nests 100,000 arrays) cannot crash the process.
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted. The default is 512.
    public var maximumDepth: Int

    /// Creates a parser.
    /// - Parameter maximumDepth: the deepest nesting of arrays and objects accepted.
    public init(maximumDepth: Int = 512) {
        self.maximumDepth = maximumDepth
    }

    /// Parses a complete JSON text.
    /// - Throws: ``JSONParseError`` naming what was wrong and where.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        // `withUTF8` rethrows untyped errors, so carry the typed one out in a `Result`.
        let result = text.withUTF8 { bytes in Result { () throws(JSONParseError) in try parse(bytes) } }
        return try result.get()
    }

    /// Parses a complete JSON text given as UTF-8 bytes.
    /// - Throws: ``JSONParseError`` naming what was wrong and where.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) in try parse(buffer) }
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) in try parse(buffer) }
        }.get()
    }

    /// Parses a complete JSON text from a buffer of UTF-8 bytes.
    /// - Throws: ``JSONParseError`` naming what was wrong and where.
    public func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var reader = Reader(bytes: buffer, maximumDepth: maximumDepth)
        reader.skipWhitespace()
        if reader.position == 0, buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            throw reader.error("a byte-order mark is not allowed")
        }
        let value = try reader.parseValue(depth: 0)
        reader.skipWhitespace()
        guard reader.isAtEnd else {
            throw reader.error("unexpected text after the JSON value")
        }
        return value
    }
}

extension JSONParser {
    fileprivate struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let maximumDepth: Int
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
            self.bytes = bytes
            self.maximumDepth = maximumDepth
        }

        var isAtEnd: Bool { position >= bytes.count }

        func error(_ reason: String, at offset: Int? = nil) -> JSONParseError {
            let offset = min(offset ?? position, bytes.count)
            var line = 1
            var lineStart = 0
            var index = 0
            while index < offset {
                if bytes[index] == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
            return JSONParseError(reason: reason, offset: offset, line: line, column: offset - lineStart + 1)
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }

        func describeCurrent() -> String {
            guard position < bytes.count else { return "the end of the text" }
            let byte = bytes[position]
            if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }

        mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
            guard position < bytes.count else { throw error("expected a value but found the end of the text") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
            case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default: throw error("expected a value but found \(describeCurrent())")
            }
        }

        mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
            let start = position
            let count = literal.utf8CodeUnitCount
            guard bytes.count - position >= count else { throw error("invalid literal; expected \(literal)", at: start) }
            let pointer = literal.utf8Start
            for index in 0..<count where bytes[position + index] != pointer[index] {
                throw error("invalid literal; expected \(literal)", at: start)
            }
            position += count
        }

        mutating func enter(_ depth: Int) throws(JSONParseError) {
            if depth > maximumDepth {
                throw error("nesting is deeper than the limit of \(maximumDepth)")
            }
        }

        mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
            try enter(depth)
            position += 1  // {
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(JSONObject())
            }
            // Members are collected in two lists and the object is built once at the end:
            // cheaper than inserting each member into the dictionary as it comes.
            var keys: [String] = []
            var values: [JSONValue] = []
            keys.reserveCapacity(4)
            values.reserveCapacity(4)
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw error("expected a string key but found \(describeCurrent())")
                }
                keys.append(try parseString())
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                    throw error("expected ':' after an object key but found \(describeCurrent())")
                }
                position += 1
                skipWhitespace()
                values.append(try parseValue(depth: depth))
                if try isClosed(by: "}", after: "an object member") {
                    return .object(Self.object(keys: keys, values: values))
                }
            }
        }

        /// The object of parsed members. A repeated key keeps its first position and its last
        /// value, as orjson (and a Python `dict`) does.
        static func object(keys: [String], values: [JSONValue]) -> JSONObject {
            if !hasRepeatedKey(keys) { return JSONObject(uncheckedUniqueKeys: keys, values: values) }
            var object = JSONObject()
            for (key, value) in zip(keys, values) { object[key] = value }
            return object
        }

        static func hasRepeatedKey(_ keys: [String]) -> Bool {
            // Objects in this protocol have a handful of keys: comparing pairs costs less than
            // hashing every key.
            guard keys.count > 8 else {
                for index in keys.indices.dropFirst() where keys[..<index].contains(keys[index]) { return true }
                return false
            }
            var seen = Set<String>(minimumCapacity: keys.count)
            return !keys.allSatisfy { seen.insert($0).inserted }
        }

        mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
            try enter(depth)
            position += 1  // [
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array([])
            }
            var array: [JSONValue] = []
            array.reserveCapacity(4)
            while true {
                skipWhitespace()
                array.append(try parseValue(depth: depth))
                if try isClosed(by: "]", after: "an array element") { return .array(array) }
            }
        }

        /// Reads what follows a member or an element: a `,` (more follow, `false`) or the
        /// container's closing bracket (`true`), each consumed.
        @inline(__always)
        mutating func isClosed(by closing: Unicode.Scalar, after what: String) throws(JSONParseError) -> Bool {
            skipWhitespace()
            guard position < bytes.count else {
                throw error("expected ',' or '\(closing)' but found the end of the text")
            }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
                return false
            case UInt8(ascii: closing):
                position += 1
                return true
            default: throw error("expected ',' or '\(closing)' after \(what) but found \(describeCurrent())")
            }
        }

        mutating func parseNumber() throws(JSONParseError) -> JSONValue {
            let start = position
            var isInteger = true
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number", at: start) }
            if bytes[position] == UInt8(ascii: "0") {
                position += 1
                if position < bytes.count, isDigit(bytes[position]) {
                    throw error("a number may not have a leading zero", at: start)
                }
            } else {
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                isInteger = false
                position += 1
                guard position < bytes.count, isDigit(bytes[position]) else {
                    throw error("expected a digit after the decimal point")
                }
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                isInteger = false
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                    position += 1
                }
                guard position < bytes.count, isDigit(bytes[position]) else {
                    throw error("expected a digit in the exponent")
                }
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            // Up to 18 digits always fit in an Int64: read them directly, without a string.
            let isNegative = bytes[start] == UInt8(ascii: "-")
            let digitCount = position - start - (isNegative ? 1 : 0)
            if isInteger, digitCount <= 18 {
                var value: Int64 = 0
                for index in (position - digitCount)..<position {
                    value = value &* 10 &+ Int64(bytes[index] &- UInt8(ascii: "0"))
                }
                return .integer(isNegative ? -value : value)
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            if isInteger, let value = Int64(text) { return .integer(value) }
            guard let value = Double(text), value.isFinite else {
                throw error("the number \(text) is out of range", at: start)
            }
            return .number(value)
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        mutating func parseString() throws(JSONParseError) -> String {
            let start = position
            position += 1  // opening quote
            let contentStart = position
            // Fast path: no escapes. ASCII needs no UTF-8 validation (the generic validating
            // initialiser costs more than the scan), anything else is validated.
            var bitsSeen: UInt8 = 0
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[contentStart..<position])
                    position += 1
                    if bitsSeen < 0x80 { return String(decoding: slice, as: UTF8.self) }
                    guard let string = String(validating: slice, as: UTF8.self) else {
                        throw error("a string holds invalid UTF-8", at: start)
                    }
                    return string
                }
                bitsSeen |= byte
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw error("a control character must be escaped in a string") }
                position += 1
            }
            guard position < bytes.count else { throw error("unterminated string", at: start) }
            // Slow path: escapes present. Runs of plain bytes are copied whole.
            var scalars: [UInt8] = []
            scalars.reserveCapacity(position - contentStart + 32)
            scalars.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<position]))
            while position < bytes.count {
                let runStart = position
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                    bitsSeen |= byte
                    position += 1
                }
                if position > runStart {
                    scalars.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                }
                guard position < bytes.count else { break }
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    position += 1
                    if bitsSeen < 0x80 { return String(decoding: scalars, as: UTF8.self) }
                    guard let string = String(validating: scalars, as: UTF8.self) else {
                        throw error("a string holds invalid UTF-8", at: start)
                    }
                    return string
                case UInt8(ascii: "\\"):
                    position += 1
                    guard position < bytes.count else { throw error("unterminated string", at: start) }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""): scalars.append(0x22)
                    case UInt8(ascii: "\\"): scalars.append(0x5C)
                    case UInt8(ascii: "/"): scalars.append(0x2F)
                    case UInt8(ascii: "b"): scalars.append(0x08)
                    case UInt8(ascii: "f"): scalars.append(0x0C)
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "r"): scalars.append(0x0D)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "u"):
                        // Valid UTF-8 by construction (a scalar, never a lone surrogate).
                        UTF8.encode(try parseUnicodeEscape()) { scalars.append($0) }
                    default:
                        throw error("invalid escape in a string", at: position - 2)
                    }
                default:
                    throw error("a control character must be escaped in a string")
                }
            }
            throw error("unterminated string", at: start)
        }

        mutating func parseHex4() throws(JSONParseError) -> UInt16 {
            guard bytes.count - position >= 4 else { throw error("incomplete \\u escape") }
            var value: UInt16 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw error("invalid hex digit in a \\u escape")
                }
                value = value << 4 | UInt16(digit)
                position += 1
            }
            return value
        }

        mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
            let escapeStart = position - 2
            let first = try parseHex4()
            if (0xD800...0xDBFF).contains(first) {
                guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw error("a lone surrogate in a \\u escape", at: escapeStart) }
                position += 2
                let second = try parseHex4()
                guard (0xDC00...0xDFFF).contains(second) else {
                    throw error("a lone surrogate in a \\u escape", at: escapeStart)
                }
                let value = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
                guard let scalar = Unicode.Scalar(value) else { throw error("invalid \\u escape", at: escapeStart) }
                return scalar
            }
            guard let scalar = Unicode.Scalar(UInt32(first)) else {
                throw error("a lone surrogate in a \\u escape", at: escapeStart)
            }
            return scalar
        }
    }
}
