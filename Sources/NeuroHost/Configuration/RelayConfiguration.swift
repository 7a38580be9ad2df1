/// The relay of `games.json` (`"relay": {"listen": "HOST:PORT"}`) or `neuro-host --relay
/// HOST:PORT`: where games written with any SDK connect as they would to Neuro, and the
/// action-name prefix of each title.
///
/// ```json
/// "relay": { "listen": "127.0.0.1:8001", "prefixes": { "My Unity Game": "unity" } }
/// ```
///
/// A relayed game's actions are prefixed with `prefixes[title]` plus `_`, or, for a title not
/// listed, ``GameConfiguration/namePrefix(forTitle:)`` of its title plus `_`. It plays against
/// the host's default URL (`--url`, `NEURO_SDK_WS_URL`, the file's `url`, `ws://localhost:8000`).
public struct RelayConfiguration: Sendable, Hashable {
    /// The address the relay binds.
    public var host: String
    /// The port the relay binds; 0 picks a free one.
    public var port: Int
    /// The action-name prefix of each title (without the `_` the host appends).
    public var prefixes: [String: String]
    /// Where relayed games play: the host's default URL.
    public var url: String

    /// Creates a relay configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8001, prefixes: [String: String] = [:], url: String = "ws://localhost:8000"
    ) {
        self.host = host
        self.port = port
        self.prefixes = prefixes
        self.url = url
    }

    /// The prefix of a title's action names on the wire, `_` included: the configured one, else
    /// the one derived from the title.
    public func wirePrefix(forTitle title: String) -> String {
        (prefixes[title] ?? GameConfiguration.namePrefix(forTitle: title)) + "_"
    }

    /// Reads `HOST:PORT` (`127.0.0.1:8001`, `[::1]:8001`, or `PORT` alone for 127.0.0.1).
    /// - Returns: the host and the port, or `nil` with a message saying what is wrong.
    public static func parse(address: String) -> Result<(host: String, port: Int), RelayAddressError> {
        var host = "127.0.0.1"
        var portText = Substring(address)
        if address.hasPrefix("[") {
            guard let close = address.firstIndex(of: "]") else {
                return .failure(RelayAddressError(address: address, problem: "an IPv6 address needs a closing ]"))
            }
            host = String(address[address.index(after: address.startIndex)..<close])
            let rest = address[address.index(after: close)...]
            guard rest.hasPrefix(":") else {
                return .failure(RelayAddressError(address: address, problem: "a port must follow the address"))
            }
            portText = rest.dropFirst()
        } else if let colon = address.lastIndex(of: ":") {
            host = String(address[..<colon])
            portText = address[address.index(after: colon)...]
        }
        guard !host.isEmpty else { return .failure(RelayAddressError(address: address, problem: "the host is empty")) }
        guard let port = Int(portText), (0...65_535).contains(port) else {
            return .failure(RelayAddressError(address: address, problem: "the port must be a number from 0 to 65535"))
        }
        return .success((host, port))
    }
}

/// A relay address that is not `HOST:PORT`.
public struct RelayAddressError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The address as given.
    public var address: String
    /// What is wrong with it.
    public var problem: String

    /// The whole message: the address and what is wrong with it.
    public var description: String { "\"\(address)\" is not HOST:PORT: \(problem)" }
}
