import NeuroAPI

/// Positions in a JSON text that ``JSONParser`` already accepted: where the members and
/// elements named by some paths start, and which object keys are repeated.
///
/// ``JSONValue`` keeps no positions, so after decoding finds errors (by path) this walks the
/// text once more to put a line and column on each. It also finds repeated keys, which the
/// parser silently resolves to the last value. One pass, whatever the number of paths.
struct JSONSourceMap {
    /// A key written twice in one object.
    struct DuplicateKey: Hashable {
        /// The path of the member, which the parser gave the last value.
        var path: ConfigurationPath
        /// The byte offset of the repeated (later) key.
        var offset: Int
    }

    /// The byte offset of each wanted path that exists: the key of an object member, the first
    /// byte of an array element or of the root value. For a repeated key, the last one.
    private(set) var offsets: [ConfigurationPath: Int] = [:]
    /// Every repeated key, in document order.
    private(set) var duplicateKeys: [DuplicateKey] = []
    private let bytes: [UInt8]
    private var lineStarts: [Int] = []

    /// Scans `bytes`, which must be valid JSON (as checked by ``JSONParser``).
    init(bytes: [UInt8], wanted: Set<ConfigurationPath>) {
        self.bytes = bytes
        var scanner = Scanner(bytes: bytes, wanted: wanted)
        scanner.skipWhitespace()
        scanner.record([], at: scanner.position)
        var path: [ConfigurationPath.Component] = []
        scanner.skipValue(path: &path)
        offsets = scanner.offsets
        duplicateKeys = scanner.duplicateKeys
        lineStarts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lineStarts.append(index + 1)
        }
    }

    /// The line and column (from 1, column in bytes) of a byte offset.
    func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        // The last line start at or before `offset`, by binary search.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// The offset of `path`, or of its nearest ancestor that exists (a missing key is reported
    /// at the object that lacks it).
    func offset(of path: ConfigurationPath) -> Int? {
        var components = path.components
        while true {
            if let offset = offsets[ConfigurationPath(components: components)] { return offset }
            if components.isEmpty { return nil }
            components.removeLast()
        }
    }

    /// Every path that ``offset(of:)`` may look up for `path`: the path and its ancestors.
    static func pathAndAncestors(_ path: ConfigurationPath) -> [ConfigurationPath] {
        (0...path.components.count).map { ConfigurationPath(components: Array(path.components.prefix($0))) }
    }
}

extension JSONSourceMap {
    /// A tolerant walker: the text is known to be valid, so it only needs to find boundaries.
    fileprivate struct Scanner {
        let bytes: [UInt8]
        let wanted: Set<ConfigurationPath>
        var position = 0
        var offsets: [ConfigurationPath: Int] = [:]
        var duplicateKeys: [DuplicateKey] = []

        init(bytes: [UInt8], wanted: Set<ConfigurationPath>) {
            self.bytes = bytes
            self.wanted = wanted
        }

        mutating func record(_ components: [ConfigurationPath.Component], at offset: Int) {
            guard !wanted.isEmpty else { return }
            let path = ConfigurationPath(components: components)
            if wanted.contains(path) { offsets[path] = offset }
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }

        mutating func skipValue(path: inout [ConfigurationPath.Component]) {
            skipWhitespace()
            guard position < bytes.count else { return }
            switch bytes[position] {
            case UInt8(ascii: "{"): skipObject(path: &path)
            case UInt8(ascii: "["): skipArray(path: &path)
            case UInt8(ascii: "\""): _ = readString()
            default:
                // A number or a literal: runs to the next delimiter.
                while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: return
                    default: position += 1
                    }
                }
            }
        }

        /// Skips white space and commas up to the next member of an object or element of an
        /// array: `true` there, `false` past the `closing` bracket or at the end of the text.
        mutating func skipToNextItem(closing: UInt8) -> Bool {
            while position < bytes.count {
                skipWhitespace()
                guard position < bytes.count else { return false }
                if bytes[position] == closing {
                    position += 1
                    return false
                }
                guard bytes[position] == UInt8(ascii: ",") else { return true }
                position += 1
            }
            return false
        }

        mutating func skipObject(path: inout [ConfigurationPath.Component]) {
            position += 1  // {
            var keys: Set<String> = []
            while skipToNextItem(closing: UInt8(ascii: "}")) {
                let keyOffset = position
                let key = readString()
                path.append(.key(key))
                if !keys.insert(key).inserted {
                    duplicateKeys.append(DuplicateKey(path: ConfigurationPath(components: path), offset: keyOffset))
                }
                record(path, at: keyOffset)
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: ":") { position += 1 }
                skipValue(path: &path)
                path.removeLast()
            }
        }

        mutating func skipArray(path: inout [ConfigurationPath.Component]) {
            position += 1  // [
            var index = 0
            while skipToNextItem(closing: UInt8(ascii: "]")) {
                path.append(.index(index))
                record(path, at: position)
                skipValue(path: &path)
                path.removeLast()
                index += 1
            }
        }

        /// Reads a string starting at its opening quote and returns its decoded value.
        mutating func readString() -> String {
            let start = position
            position += 1
            var hasEscapes = false
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\\"):
                    hasEscapes = true
                    position += 2
                case UInt8(ascii: "\""):
                    position += 1
                    if !hasEscapes {
                        return String(decoding: bytes[(start + 1)..<(position - 1)], as: UTF8.self)
                    }
                    // Rare: let the real parser decode the escapes.
                    let literal = bytes[start..<position]
                    return (try? JSONParser().parse(literal))?.stringValue ?? ""
                default:
                    position += 1
                }
            }
            return ""
        }
    }
}
