import Logging
import ServiceLifecycle
import Synchronization

/// Keeps a connection to Neuro: connect, serve, back off, connect again — until the graceful
/// shutdown of the process, or until its ``RestartPolicy`` gives up. The one owner of a
/// connection's lifetime: a component, a game session or a relayed game only serves the
/// connections it is handed (``NeuroConnectionHandler``).
///
/// Each failure is classified (`RestartPolicy/FailureKind/init(error:)`: a refused
/// connect, an HTTP error, a drop, a ping timeout, a failed handler) and waited for as the
/// policy says; a connection that stayed up for `RestartPolicy/healthyAfter` resets the count.
/// At the graceful shutdown (SIGTERM in a `ServiceGroup`, or the group's
/// `triggerGracefulShutdown()`) the handler says goodbye and closes with 1001; a wait between
/// attempts ends at once; a connection attempt under way is abandoned (a handshake with a
/// server that never answers would hold the shutdown for its whole timeout). ``run()``
/// never throws: it returns when stopped, or with ``State/gaveUp`` when the policy gave up.
///
/// Controls, for tests of disconnects and for a dashboard: ``dropConnection(reason:)``,
/// ``closeConnection(reason:)``, ``restart(reason:)``, ``pause(reason:)``, ``resume()``.
/// The clock is injected, so tests check every backoff wait without sleeping.
///
/// ```swift
/// let component = NeuroComponent(name: "chess", gameTitle: "Chess", connector: nil)
/// let service = ReconnectingNeuroService(
///     serving: component, url: "ws://localhost:8000", connector: WebSocketConnector(logger: logger), logger: logger)
/// try await ServiceGroup(services: [service], gracefulShutdownSignals: [.sigterm], logger: logger).run()
/// ```
public final class ReconnectingNeuroService: Service, Sendable {
    /// Where the service is now.
    public enum State: String, Sendable, Hashable, CustomStringConvertible {
        /// Opening a connection.
        case connecting
        /// A connection is open and served.
        case connected
        /// Waiting before the next attempt.
        case backingOff = "backing-off"
        /// Paused by ``ReconnectingNeuroService/pause(reason:)``: not connecting until resumed.
        case paused
        /// Stopped: the graceful shutdown, cancellation, or the handler stopped.
        case stopped
        /// The restart policy gave up.
        case gaveUp = "gave-up"

        /// In words (`backing off`).
        public var description: String { String(rawValue.map { $0 == "-" ? " " : $0 }) }
    }

    /// What the service knows now, read at once.
    public struct Snapshot: Sendable, Hashable {
        /// Where the service is.
        public var state: State
        /// How many connections opened so far.
        public var connections: Int
        /// How many times it reconnected after a failure or a restart.
        public var restarts: Int
        /// The last failure, in words; `nil` before the first.
        public var lastError: String?
        /// Whether it is paused.
        public var isPaused: Bool
        /// How long it has been connected in all, the current connection included.
        public var secondsConnected: Double
        /// How long the current connection has been open; `nil` while not connected.
        public var secondsInCurrentConnection: Double?
        /// How long until the next attempt, while backing off.
        public var secondsUntilReconnect: Double?
    }

    /// A control that ended (or is ending) the current connection.
    private enum Control {
        case drop, close, restart, pause
    }

    private struct Tracker {
        var state: State = .connecting
        var backoff: BackoffState
        var connections = 0
        var lastError: String?
        var connectedAt: Duration?
        var secondsConnected: Double = 0
        /// The open connection, for the controls.
        var transport: (any NeuroTransport)?
        var control: (kind: Control, reason: String)?
        var isPaused = false
        /// The words of the pause, for a connection that opens while paused.
        var pauseReason = "paused"
        /// Raised by a restart or a resume to end a backoff wait, or a pause.
        var wake = WakeSignal()
        var backoffUntil: Duration?
        /// Set at the graceful shutdown when it found a connection attempt under way: the
        /// attempt is cancelled, and a connection it still opens is closed at once.
        var isAbandoningConnect = false
        var restarts = 0
    }

    /// Where the service connects.
    public let url: String
    /// The reason of the 1001 close at the graceful shutdown.
    public let shutdownReason: String
    private let handler: any NeuroConnectionHandler
    private let connector: any NeuroConnector
    private let clock: ElapsedClock
    private let seed: UInt64
    private let logger: Logger
    private let tracker: Mutex<Tracker>

    /// Creates a service.
    /// - Parameters:
    ///   - handler: serves each connection (a ``NeuroComponent``, a game session).
    ///   - url: where Neuro is; by default `NEURO_SDK_WS_URL` or `ws://localhost:8000`.
    ///   - connector: opens the connections, e.g. `WebSocketConnector`.
    ///   - restartPolicy: how to back off between attempts and when to give up.
    ///   - clock: the clock of backoff waits and uptimes; tests pass a manual one.
    ///   - seed: the seed of the backoff jitter.
    ///   - shutdownReason: the reason of the 1001 close at the graceful shutdown.
    ///   - logger: where the service logs.
    public init(
        serving handler: some NeuroConnectionHandler,
        url: String = NeuroURL.resolve(),
        connector: any NeuroConnector,
        restartPolicy: RestartPolicy = RestartPolicy(),
        clock: some Clock<Duration> = ContinuousClock(),
        seed: UInt64 = .random(in: .min ... .max),
        shutdownReason: String = "the game is shutting down",
        logger: Logger
    ) {
        self.handler = handler
        self.url = url
        self.connector = connector
        self.clock = ElapsedClock(clock)
        self.seed = seed
        self.shutdownReason = shutdownReason
        self.logger = logger
        self.tracker = Mutex(Tracker(backoff: BackoffState(policy: restartPolicy)))
    }

    /// Where the service is now.
    public var state: State { tracker.withLock { $0.state } }

    /// What the service knows now.
    public var snapshot: Snapshot {
        let now = clock.now()
        return tracker.withLock { tracker in
            let current = tracker.connectedAt.map { now - $0 }?.inSeconds
            return Snapshot(
                state: tracker.state, connections: tracker.connections, restarts: tracker.restarts,
                lastError: tracker.lastError, isPaused: tracker.isPaused,
                secondsConnected: tracker.secondsConnected + (current ?? 0), secondsInCurrentConnection: current,
                secondsUntilReconnect: tracker.backoffUntil.map { max(0, ($0 - now).inSeconds) })
        }
    }

    /// Keeps the connection until the graceful shutdown of the process (or cancellation), or
    /// until the restart policy gives up.
    public func run() async {
        await withGoodbyeOnGracefulShutdown {
            await self.reconnect()
        } goodbye: {
            let abandonsConnect = self.abandonConnectAttempt()
            await self.handler.stop(code: .goingAway, reason: self.shutdownReason)
            // An abandoned connection attempt would otherwise wait for its connect to end.
            return abandonsConnect ? .cancelRun : .runEndsByItself
        }
    }

    private func reconnect() async {
        var random = SeededRandomNumberGenerator(seed: seed)
        attempts: while !Self.isStopping {
            guard await waitWhilePaused() else { break attempts }
            setState(.connecting)
            let kind: RestartPolicy.FailureKind
            let problem: String
            do {
                let end = try await connector.withConnection(to: url) { transport in
                    try await self.serve(transport)
                }
                switch end {
                case .stopped:
                    markDisconnected(state: .stopped, error: nil)
                    return
                case .closed(let code, let reason):
                    kind = .dropped
                    problem = "Neuro closed the connection (\(code?.description ?? "no code")\(reason.map { ": \($0)" } ?? ""))"
                case .dropped(let error):
                    kind = RestartPolicy.FailureKind(error: error)
                    problem = "\(error)"
                }
            } catch {
                kind = RestartPolicy.FailureKind(error: error)
                problem = "\(error)"
            }
            let control = tracker.withLock { tracker in
                defer { tracker.control = nil }
                return tracker.control
            }
            let uptime = markDisconnected(
                state: .backingOff, error: control.map { "\($0.reason) (\(problem))" } ?? problem)
            if Self.isStopping { break attempts }
            switch control?.kind {
            case .restart?:
                // A restart control: at once, with the failure count reset.
                tracker.withLock { tracker in
                    tracker.backoff.recordHealthy()
                    tracker.restarts += 1
                }
                continue
            case .pause?:
                continue
            case .drop?, .close?, nil:
                break
            }
            let decision = tracker.withLock { $0.backoff.recordFailure(kind, after: uptime, using: &random) }
            switch decision {
            case .giveUp:
                setState(.gaveUp)
                logger.critical("gave up after too many restarts", metadata: ["error": "\(problem)"])
                return
            case .restart(let wait):
                tracker.withLock { $0.restarts += 1 }
                logger.warning(
                    "the connection ended; reconnecting after a wait",
                    metadata: ["error": "\(problem)", "neuro.backoff.seconds": "\(wait.inSeconds)"]
                )
                guard await sleepUnlessStopped(for: wait) else { break attempts }
            }
        }
        setState(.stopped)
    }

    /// Serves one open connection, unless paused or abandoned meanwhile.
    private func serve(_ transport: any NeuroTransport) async throws -> NeuroDisconnectReason {
        switch markConnected(transport) {
        case .connected:
            return try await handler.serve(transport)
        case .paused(let reason):
            // Paused while connecting: close at once; the loop waits for the resume.
            await transport.close(code: .normalClosure, reason: reason)
            return .closed(code: .normalClosure, reason: reason)
        case .abandoned:
            await transport.close(code: .goingAway, reason: shutdownReason)
            return .stopped(code: .goingAway, reason: shutdownReason)
        }
    }

    /// Whether the process is shutting down gracefully, or this task is cancelled.
    private static var isStopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }

    /// Sleeps on the injected clock; returns `false` when stopped or cancelled first. A
    /// restart or a resume ends the wait early.
    private func sleepUnlessStopped(for duration: Duration) async -> Bool {
        let deadline = clock.now() + duration
        tracker.withLock { tracker in
            tracker.backoffUntil = deadline
            tracker.wake.lower()
        }
        defer { tracker.withLock { $0.backoffUntil = nil } }
        _ = await cancelWhenGracefulShutdown { [clock] in
            await WakeSignal.sleep(until: deadline, on: clock) { await self.tracker.waitUntilRaised(\.wake) }
        }
        return !Self.isStopping
    }

    /// Waits until the pause is lifted; returns `false` when stopped first, at once `true`
    /// when not paused.
    private func waitWhilePaused() async -> Bool {
        guard tracker.withLock({ $0.isPaused }) else { return true }
        setState(.paused)
        while tracker.withLock({ $0.isPaused }) {
            let raised = await cancelWhenGracefulShutdown { await self.tracker.waitUntilRaised(\.wake) }
            guard raised, !Self.isStopping else { return false }
        }
        return !Self.isStopping
    }

    // MARK: Controls

    /// Drops the connection abruptly, without a close frame, as a cut cable would; the
    /// service reconnects after its backoff.
    /// - Throws: ``ConnectionControlError`` when not connected.
    public func dropConnection(reason: String = "connection dropped") async throws(ConnectionControlError) {
        let transport = try take(.drop, reason: reason)
        if let transport = transport as? WebSocketTransport {
            transport.abort()
        } else {
            await transport.close(code: .goingAway, reason: reason)
        }
    }

    /// Closes the connection cleanly (1000); the service reconnects after its backoff.
    /// - Throws: ``ConnectionControlError`` when not connected.
    public func closeConnection(reason: String = "connection closed") async throws(ConnectionControlError) {
        let transport = try take(.close, reason: reason)
        await transport.close(code: .normalClosure, reason: reason)
    }

    /// Restarts: closes the connection (1012) and connects again at once, with the failure
    /// count reset; during a backoff wait, ends the wait.
    /// - Throws: ``ConnectionControlError`` when stopped or given up.
    public func restart(reason: String = "restarted") async throws(ConnectionControlError) {
        let action = try tracker.withLock { tracker throws(ConnectionControlError) -> Wake in
            try Self.requireRunning(tracker, to: "restart")
            tracker.isPaused = false
            if let transport = tracker.transport, tracker.control == nil {
                tracker.control = (.restart, reason)
                return .close(transport)
            }
            return .wake(tracker.wake.raise())
        }
        switch action {
        case .close(let transport): await transport.close(code: WebSocketCloseCode(rawValue: 1012), reason: reason)
        case .wake(let waiter): waiter?.resume(returning: true)
        }
    }

    /// Pauses: closes the connection (1000) and does not reconnect until ``resume()``.
    /// - Throws: ``ConnectionControlError`` when already paused, stopped or given up.
    public func pause(reason: String = "paused") async throws(ConnectionControlError) {
        let action = try tracker.withLock { tracker throws(ConnectionControlError) -> Wake in
            if tracker.isPaused { throw ConnectionControlError(code: .paused, message: "already paused") }
            try Self.requireRunning(tracker, to: "pause")
            tracker.isPaused = true
            tracker.pauseReason = reason
            guard let transport = tracker.transport, tracker.control == nil else {
                // Backing off: end the wait, so the service shows as paused at once.
                return .wake(tracker.wake.raise())
            }
            tracker.control = (.pause, reason)
            return .close(transport)
        }
        switch action {
        case .close(let transport): await transport.close(code: .normalClosure, reason: reason)
        case .wake(let waiter): waiter?.resume(returning: true)
        }
    }

    /// Resumes a paused service: it connects again at once.
    /// - Throws: ``ConnectionControlError`` when not paused.
    public func resume() throws(ConnectionControlError) {
        let waiter = try tracker.withLock { tracker throws(ConnectionControlError) in
            guard tracker.isPaused else { throw ConnectionControlError(code: .notPaused, message: "not paused") }
            tracker.isPaused = false
            return tracker.wake.raise()
        }
        waiter?.resume(returning: true)
    }

    /// What a control does after the lock: close the open connection, or wake the loop.
    private enum Wake {
        case close(any NeuroTransport)
        case wake(Waiters<Int, Bool>.Waiter?)
    }

    private static func requireRunning(_ tracker: Tracker, to control: String) throws(ConnectionControlError) {
        switch tracker.state {
        case .stopped, .gaveUp:
            throw ConnectionControlError(code: .notRunning, message: "\(tracker.state); it cannot \(control)")
        case .connecting, .connected, .backingOff, .paused:
            break
        }
    }

    /// Marks the open connection as ended by `control`, and returns it.
    private func take(_ control: Control, reason: String) throws(ConnectionControlError) -> any NeuroTransport {
        try tracker.withLock { tracker throws(ConnectionControlError) in
            guard let transport = tracker.transport, tracker.state == .connected else {
                throw ConnectionControlError(code: .notConnected, message: "not connected (\(tracker.state))")
            }
            guard tracker.control == nil else {
                throw ConnectionControlError(code: .busy, message: "already closing its connection")
            }
            tracker.control = (control, reason)
            return transport
        }
    }

    private func setState(_ state: State) {
        tracker.withLock { $0.state = state }
    }

    /// What a connection that just opened is for.
    private enum NewConnection {
        case connected
        /// Paused meanwhile: the connection is closed at once.
        case paused(reason: String)
        /// The graceful shutdown began meanwhile: the connection is closed at once.
        case abandoned
    }

    /// Records the open connection, unless paused or the attempt abandoned meanwhile.
    private func markConnected(_ transport: any NeuroTransport) -> NewConnection {
        let now = clock.now()
        let outcome = tracker.withLock { tracker -> NewConnection in
            if tracker.isAbandoningConnect { return .abandoned }
            if tracker.isPaused {
                tracker.control = (.pause, tracker.pauseReason)
                return .paused(reason: tracker.pauseReason)
            }
            tracker.transport = transport
            tracker.state = .connected
            tracker.connectedAt = now
            tracker.connections += 1
            return .connected
        }
        if case .connected = outcome { logger.info("connected", metadata: ["neuro.url": "\(url)"]) }
        return outcome
    }

    /// At the graceful shutdown: whether a connection attempt is under way (nothing connected,
    /// not waiting); if so, marks it abandoned.
    private func abandonConnectAttempt() -> Bool {
        tracker.withLock { tracker in
            guard tracker.state == .connecting, tracker.transport == nil else { return false }
            tracker.isAbandoningConnect = true
            return true
        }
    }

    /// Records the end of a connection attempt; returns how long it was connected.
    @discardableResult
    private func markDisconnected(state: State, error: String?) -> Duration {
        let now = clock.now()
        return tracker.withLock { tracker in
            tracker.state = state
            tracker.transport = nil
            if let error { tracker.lastError = error }
            guard let connectedAt = tracker.connectedAt else { return .zero }
            tracker.connectedAt = nil
            let uptime = now - connectedAt
            tracker.secondsConnected += uptime.inSeconds
            return uptime
        }
    }
}
