/// Writes compact JSON exactly as the Python reference (orjson, no options) does.
///
/// No spaces, keys in their stored order, non-ASCII as raw UTF-8, `/` not escaped, the
/// short escapes `\" \\ \b \t \n \f \r`, other control characters as lower-case `\u00xx`,
/// integers as written, floats in their shortest round-trip form (`1.0`, `0.1`, `1e20`), and
/// `NaN`/infinity as `null`.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    /// Creates an empty writer.
    /// - Parameter capacity: bytes to reserve up front.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The compact JSON text of a value.
    public static func string(from value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.write(value)
        return writer.string
    }

    /// The bytes written so far, as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends raw, already valid JSON text (punctuation such as `{`, `,` or `"key":`).
    public mutating func writeRaw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a value.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: writeRaw("null")
        case .bool(let flag): writeRaw(flag ? "true" : "false")
        case .integer(let number): write(integer: number)
        case .number(let number): write(number: number)
        case .string(let string): write(string: string)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            var isFirst = true
            for element in elements {
                if !isFirst { bytes.append(UInt8(ascii: ",")) }
                isFirst = false
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            var isFirst = true
            for (key, member) in object {
                if !isFirst { bytes.append(UInt8(ascii: ",")) }
                isFirst = false
                write(string: key)
                bytes.append(UInt8(ascii: ":"))
                write(member)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Appends an integer.
    public mutating func write(integer: Int64) {
        bytes.append(contentsOf: String(integer).utf8)
    }

    /// Appends a float as orjson does: shortest round-trip digits, `1.0` keeps its `.0`,
    /// exponents without `+` or leading zeros (`1e20`, `1e-7`), and non-finite values as `null`.
    public mutating func write(number: Double) {
        guard number.isFinite else {
            writeRaw("null")
            return
        }
        // Swift's description is the shortest round-trip form; only the exponent differs.
        let text = number.description
        guard let exponentIndex = text.firstIndex(of: "e") else {
            bytes.append(contentsOf: text.utf8)
            return
        }
        bytes.append(contentsOf: text[..<exponentIndex].utf8)
        bytes.append(UInt8(ascii: "e"))
        var exponent = text[text.index(after: exponentIndex)...]
        if exponent.first == "+" { exponent = exponent.dropFirst() }
        if exponent.first == "-" {
            bytes.append(UInt8(ascii: "-"))
            exponent = exponent.dropFirst()
        }
        let digits = exponent.drop { $0 == "0" }
        bytes.append(contentsOf: (digits.isEmpty ? "0" : digits).utf8)
    }

    /// Appends a string with orjson's escaping.
    public mutating func write(string: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escape: copy them whole.
        let isPlain = string.utf8.withContiguousStorageIfAvailable { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return false
            }
            bytes.append(contentsOf: utf8)
            return true
        }
        guard isPlain != true else {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): writeRaw("\\\"")
            case UInt8(ascii: "\\"): writeRaw("\\\\")
            case 0x08: writeRaw("\\b")
            case 0x09: writeRaw("\\t")
            case 0x0A: writeRaw("\\n")
            case 0x0C: writeRaw("\\f")
            case 0x0D: writeRaw("\\r")
            case 0x00..<0x20:
                writeRaw("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
