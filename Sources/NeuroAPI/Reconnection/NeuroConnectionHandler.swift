/// What a ``ReconnectingNeuroService`` serves each of its connections with: a
/// ``NeuroComponent``, a game session, or anything that speaks to Neuro over one transport.
///
/// The service owns the connection's lifetime (it connects, backs off, reconnects and stops);
/// the handler only serves one open connection at a time, and says goodbye on it when asked.
public protocol NeuroConnectionHandler: Sendable {
    /// Serves one open connection until it ends.
    /// - Returns: how it ended without an error: closed by Neuro, or stopped by ``stop(code:reason:)``.
    /// - Throws: why it failed (a dropped connection, a failed handler); the service backs off
    ///   by the kind of failure (`RestartPolicy/FailureKind/init(error:)`).
    func serve(_ transport: any NeuroTransport) async throws -> NeuroDisconnectReason
    /// Says goodbye on the open connection (unregistering what it must) and closes it with
    /// `code`; the service calls it once, at the graceful shutdown.
    func stop(code: WebSocketCloseCode, reason: String?) async
}

extension NeuroComponent: NeuroConnectionHandler {
    /// Serves the connection with ``run(on:)``; a dropped connection is thrown.
    public func serve(_ transport: any NeuroTransport) async throws -> NeuroDisconnectReason {
        let reason = try await run(on: transport)
        if case .dropped(let error) = reason { throw error }
        return reason
    }
}
