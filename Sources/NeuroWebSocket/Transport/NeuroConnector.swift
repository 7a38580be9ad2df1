/// Opens connections to Neuro: the seam between the client logic and the network.
///
/// A connection lives inside one call: ``withConnection(to:_:)`` opens it, runs the body,
/// and closes it when the body returns or throws. ``WebSocketConnector`` opens real
/// websockets; tests hand in-memory transports through their own connector.
public protocol NeuroConnector: Sendable {
    /// Opens a connection to `url`, runs `body` with it, and closes it afterwards.
    /// - Throws: `NeuroError` with `NeuroError/Code/handshakeFailed`,
    ///   `NeuroError/Code/handshakeTimedOut` or `NeuroError/Code/invalidURL` when the
    ///   connection cannot be opened; otherwise whatever `body` throws.
    func withConnection<Result: Sendable>(
        to url: String,
        _ body: (any NeuroTransport) async throws -> Result
    ) async throws -> Result
}
