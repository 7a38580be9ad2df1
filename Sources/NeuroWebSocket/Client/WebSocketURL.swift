import Foundation
import NeuroProtocol

/// The parts of a `ws://` or `wss://` URL that opening a websocket needs.
struct WebSocketURL: Sendable, Hashable {
    /// The URL as given, for messages.
    var text: String
    var isSecure: Bool
    /// The host without IPv6 brackets.
    var host: String
    var port: Int
    /// The request target: path and query, at least `/`.
    var requestTarget: String

    /// Parses and validates a URL.
    /// - Throws: `NeuroError` with `NeuroError/Code/invalidURL`.
    init(_ text: String) throws(NeuroError) {
        try NeuroURL.validate(text)
        guard let components = URLComponents(string: text), let host = components.host else {
            throw NeuroError(code: .invalidURL, message: "\"\(text)\" is not a URL; expected ws://host:port")
        }
        self.text = text
        self.isSecure = components.scheme?.lowercased() == "wss"
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let port = components.port {
            guard (1...65535).contains(port) else {
                throw NeuroError(code: .invalidURL, message: "\"\(text)\" has the port \(port), outside 1-65535")
            }
            self.port = port
        } else {
            self.port = isSecure ? 443 : 80
        }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        self.requestTarget = components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
    }

    /// The `Host` header: the port is left out when it is the scheme's default.
    var hostHeader: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port == (isSecure ? 443 : 80) ? bracketed : "\(bracketed):\(port)"
    }

    /// The host to send as TLS server name: none for IP addresses, which SNI does not allow.
    var serverNameIndication: String? {
        let isIPAddress =
            host.contains(":") || host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        return isIPAddress ? nil : host
    }
}
