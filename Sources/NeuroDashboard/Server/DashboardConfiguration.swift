/// Where and how `neuro-host --dashboard` serves.
public struct DashboardConfiguration: Sendable, Hashable {
    /// The address to bind; loopback (127.0.0.1) by default.
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free one (reported by the server's `onListening`).
    public var port: Int = 0
    /// The token every request for data or a control must carry (`Authorization: Bearer …`,
    /// `X-Neuro-Dashboard-Token`, or `?token=` for the live stream). Required on an address
    /// other than loopback.
    public var token: String?
    /// How often the live stream sends a snapshot.
    public var updateInterval: Duration = .seconds(1)

    /// Creates a configuration.
    public init(host: String = "127.0.0.1", port: Int = 0, token: String? = nil, updateInterval: Duration = .seconds(1)) {
        self.host = host
        self.port = port
        self.token = token
        self.updateInterval = updateInterval
    }

    /// Whether ``host`` is a loopback address (127.0.0.0/8, `::1` or `localhost`).
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Parses `[HOST:]PORT` (`8080`, `0.0.0.0:8080`, `[::1]:8080`).
    /// - Throws: ``DashboardError`` with ``DashboardError/Code/badRequest`` for anything else.
    public static func parse(address text: String) throws(DashboardError) -> (host: String, port: Int) {
        var host = "127.0.0.1"
        var portText = text
        if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = String(text[text.index(after: colon)...])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        }
        guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else {
            throw DashboardError(
                code: .badRequest, message: "--dashboard takes [HOST:]PORT, e.g. 8080 or 127.0.0.1:8080, not \"\(text)\"",
                status: .badRequest)
        }
        return (host, port)
    }

    /// Checks that a non-loopback address has a token.
    /// - Throws: ``DashboardError`` with ``DashboardError/Code/unauthorized``.
    public func validate() throws(DashboardError) {
        if !isLoopback && (token ?? "").isEmpty {
            throw DashboardError(
                code: .unauthorized,
                message:
                    "the dashboard on \(host) (not loopback) needs a token: --dashboard-token or NEURO_DASHBOARD_TOKEN",
                status: .unauthorized)
        }
    }
}
