import NeuroAPI

/// Where a value sits in a JSON document such as `games.json`, written as a JSON path:
/// `$.games[2].restartPolicy.initialDelay`.
///
/// Keys that are not plain identifiers are written in brackets (`$["my key"]`), so every path
/// names exactly one spot.
public struct ConfigurationPath: Hashable, Sendable, CustomStringConvertible {
    /// One step from a container to a member.
    public enum Component: Hashable, Sendable {
        /// The member of an object with this key.
        case key(String)
        /// The element of an array at this index, from 0.
        case index(Int)
    }

    /// The steps from the root, outermost first; empty for the root itself.
    public var components: [Component]

    /// The root of the document, `$`.
    public static let root = ConfigurationPath(components: [])

    /// Creates a path from its steps.
    public init(components: [Component]) {
        self.components = components
    }

    /// The path of the member `key` of the object at this path.
    public func appending(_ key: String) -> ConfigurationPath {
        ConfigurationPath(components: components + [.key(key)])
    }

    /// The path of the element `index` of the array at this path.
    public func appending(index: Int) -> ConfigurationPath {
        ConfigurationPath(components: components + [.index(index)])
    }

    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .key(let key) where Self.isIdentifier(key):
                text += ".\(key)"
            case .key(let key) where key.count > Self.maximumShownKeyLength:
                // A hostile file's megabyte-long key would otherwise fill every message.
                text += "[\(JSONValue.string(String(key.prefix(Self.maximumShownKeyLength))))…]"
            case .key(let key):
                text += "[\(JSONValue.string(key))]"
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    private static let maximumShownKeyLength = 64

    private static func isIdentifier(_ key: String) -> Bool {
        guard key.utf8.count <= maximumShownKeyLength, let first = key.utf8.first,
            !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return false }
        return key.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }
}

extension ConfigurationPath {
    /// The last key of the path, when it ends in one.
    var lastKey: String? {
        if case .key(let key) = components.last { return key }
        return nil
    }
}
