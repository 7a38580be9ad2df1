import NIOHTTP1

/// What ``WebSocketListener`` knows about an accepted connection: who connected, and the
/// upgrade request they sent.
public struct WebSocketConnectionInfo: Sendable {
    /// The peer's address, `host:port`.
    public var remoteAddress: String
    /// The request path with its query, e.g. `/` or `/game?id=3`.
    public var path: String
    /// The headers of the upgrade request.
    public var headers: HTTPHeaders

    /// Creates connection information.
    public init(remoteAddress: String, path: String, headers: HTTPHeaders) {
        self.remoteAddress = remoteAddress
        self.path = path
        self.headers = headers
    }
}
