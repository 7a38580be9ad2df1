import NeuroAPI
import Synchronization

/// Counts, across every game, each `actions/register` sent and each connection that ended,
/// with the instant of each, so a benchmark can time "all N registered" without hooks in the
/// library: it wraps the connector the games use.
final class ConnectionProbe: Sendable {
    struct Counts: Sendable {
        var registrations = 0
        var disconnections = 0
        var registrationInstants: [ContinuousClock.Instant] = []
        var firstDisconnection: ContinuousClock.Instant?
    }

    private let counts = Mutex(Counts())

    var snapshot: Counts { counts.withLock { $0 } }

    /// The instant of the `count`-th registration (1-based), if there was one.
    func registrationInstant(_ count: Int) -> ContinuousClock.Instant? {
        counts.withLock { count >= 1 && count <= $0.registrationInstants.count ? $0.registrationInstants[count - 1] : nil }
    }

    fileprivate func recordRegistration() {
        let now = ContinuousClock.now
        counts.withLock {
            $0.registrations += 1
            $0.registrationInstants.append(now)
        }
    }

    fileprivate func recordDisconnection() {
        let now = ContinuousClock.now
        counts.withLock {
            $0.disconnections += 1
            if $0.firstDisconnection == nil { $0.firstDisconnection = now }
        }
    }
}

/// A connector that reports to a ``ConnectionProbe``.
struct ProbingConnector: NeuroConnector {
    let base: WebSocketConnector
    let probe: ConnectionProbe

    func withConnection<Result: Sendable>(
        to url: String,
        _ body: (any NeuroTransport) async throws -> Result
    ) async throws -> Result {
        try await base.withConnection(to: url) { transport in
            defer { probe.recordDisconnection() }
            return try await body(ProbingTransport(base: transport, probe: probe))
        }
    }
}

/// A transport that reports each `actions/register` it sends.
private struct ProbingTransport: NeuroTransport {
    let base: any NeuroTransport
    let probe: ConnectionProbe

    private static let registerPrefix = Array(#"{"command":"actions/register""#.utf8)

    func send(_ text: String) async throws {
        try await base.send(text)
        noteIfRegistration(text)
    }

    func sendWaitingUntilWritten(_ text: String) async throws {
        try await base.sendWaitingUntilWritten(text)
        noteIfRegistration(text)
    }

    private func noteIfRegistration(_ text: String) {
        if text.utf8.starts(with: Self.registerPrefix) { probe.recordRegistration() }
    }

    func receive() async throws -> TransportMessage { try await base.receive() }

    func close(code: WebSocketCloseCode, reason: String?) async { await base.close(code: code, reason: reason) }

    var preferredTaskExecutor: (any TaskExecutor)? { base.preferredTaskExecutor }
}
