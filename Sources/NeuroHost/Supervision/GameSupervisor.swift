import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import ServiceLifecycle
import Synchronization

/// Keeps one game's `NeuroComponent` playing: connect, play, back off, connect
/// again — until it is stopped or its restart policy gives up.
///
/// The supervisor opens each connection itself (so it can tell a refused connect from a
/// dropped session and back off accordingly) and hands it to the game, whose component
/// serves it (`GamePlugins/HostedGame/play(on:)`).
///
/// Each game has its own supervisor, run as one child of ``GameHost``'s task group (or as a
/// `Service` of its own). ``run()`` never throws: one game's failure never affects another.
/// The process's graceful shutdown stops it: the game saves, unregisters its actions and
/// closes with 1001, and a wait between attempts ends at once. The clock is injected so tests
/// check every backoff wait without sleeping.
package final class GameSupervisor<C: Clock>: Service, Sendable where C.Duration == Duration {
    private struct Tracker {
        var state: GameState = .connecting
        var backoff: BackoffState
        var sessions = 0
        var lastError: String?
        var connectedAt: C.Instant?
        var secondsConnected: Double = 0
        /// The open connection, for the controls.
        var transport: (any NeuroTransport)?
        /// A control that ended (or is ending) the current connection.
        var control: GameControl?
        var isPaused = false
        /// Set by ``GameSupervisor/restart()`` and ``GameSupervisor/resume()`` to cut a
        /// backoff wait short.
        var isWakeRequested = false
        var backoffUntil: C.Instant?
        /// Set at the graceful shutdown when it found a connection attempt under way: the
        /// attempt is cancelled, and a connection it still opens is closed at once.
        var isAbandoningConnect = false
        var restarts = 0
        var wakeWaiters = Waiters<Int, Bool>()
    }

    /// The game.
    package let game: any HostedGame
    /// Where the game connects.
    package let url: String
    /// The prefix of the game's action names on the wire.
    package let actionNamePrefix: String
    private let connector: any NeuroConnector
    private let clock: C
    private let logger: Logger
    private let seed: UInt64
    private let tracker: Mutex<Tracker>

    /// Creates a supervisor.
    /// - Parameters:
    ///   - game: the game to keep playing.
    ///   - url: where Neuro is.
    ///   - restartPolicy: how to back off between attempts and when to give up.
    ///   - connector: opens connections.
    ///   - clock: the clock of backoff waits and uptimes.
    ///   - seed: the seed of the backoff jitter.
    ///   - actionNamePrefix: shown in the status view.
    ///   - logger: where the supervisor logs.
    package init(
        game: any HostedGame,
        url: String,
        restartPolicy: RestartPolicy,
        connector: any NeuroConnector,
        clock: C,
        seed: UInt64,
        actionNamePrefix: String = "",
        logger: Logger
    ) {
        self.game = game
        self.url = url
        self.connector = connector
        self.clock = clock
        self.seed = seed
        self.actionNamePrefix = actionNamePrefix
        var logger = logger
        logger[metadataKey: "neuro.game"] = "\(game.title)"
        self.logger = logger
        self.tracker = Mutex(Tracker(backoff: BackoffState(policy: restartPolicy)))
    }

    /// Where the game is now.
    package var state: GameState { tracker.withLock { $0.state } }

    /// A snapshot for a dashboard: the status and what only the supervisor knows (the backoff
    /// countdown, restarts, whether paused).
    package var snapshot: GameSnapshot {
        let status = self.status
        let now = clock.now
        return tracker.withLock { tracker in
            GameSnapshot(
                status: status, url: url, restarts: tracker.restarts, isPaused: tracker.isPaused,
                secondsUntilReconnect: tracker.backoffUntil.map { max(0, now.duration(to: $0).inSeconds) })
        }
    }

    /// A snapshot for the status view and the summary.
    package var status: GameStatus {
        let now = clock.now
        let statistics = game.statistics
        let isWaiting = game.isWaitingForForceSlot
        let isPresent = game.isPresent
        let checks = game.diagnosticCounts
        let board = game.renderedBoard
        return tracker.withLock { tracker in
            let current = tracker.connectedAt.map { $0.duration(to: now).inSeconds }
            var status = GameStatus(
                title: game.title,
                plugin: game.pluginID,
                state: !isPresent
                    ? .disconnected : tracker.state == .connected && isWaiting ? .waitingForForceSlot : tracker.state,
                sessions: statistics.sessions,
                reconnects: max(0, statistics.sessions - 1),
                actionsHandled: statistics.actionsAccepted,
                failures: statistics.failures,
                secondsConnected: tracker.secondsConnected + (current ?? 0),
                secondsInCurrentSession: current,
                lastError: tracker.lastError,
                gameStatus: game.gameStatus,
                actionNamePrefix: actionNamePrefix
            )
            status.relayChecks = checks.isEmpty ? nil : checks
            status.board = board
            return status
        }
    }

    /// Plays the game until the graceful shutdown of the process (or cancellation), or until
    /// its restart policy gives up.
    package func run() async {
        await withTaskGroup(of: SupervisorChild.self) { group in
            group.addTask {
                await self.supervise()
                return .supervision
            }
            group.addTask {
                // Only a graceful shutdown says goodbye; cancellation (the game gave up, or the
                // process is past its graceful shutdown) ends this child with nothing sent.
                // A game told to stop between two connections closes the next one at once.
                guard (try? await gracefulShutdown()) != nil, !Task.isCancelled else { return .stopSent }
                // A connection attempt under way has nobody to say goodbye to yet: it is
                // abandoned, or a handshake with a server that never answers would hold the
                // shutdown for its whole timeout.
                let abandonsConnect = self.abandonConnectAttempt()
                await self.game.stop(code: .goingAway, reason: "neuro-host is shutting down")
                return abandonsConnect ? .connectAbandoned : .stopSent
            }
            // Wait for the supervision loop itself; the stop watcher is cancelled if it is
            // still waiting (the game gave up), the supervision if its connection attempt was
            // abandoned.
            while let child = await group.next() {
                if child != .stopSent { group.cancelAll() }
            }
        }
    }

    private func supervise() async {
        var random = SeededRandomNumberGenerator(seed: seed)
        while !Self.isStopping {
            guard await waitWhilePaused() else {
                setState(.stopped)
                return
            }
            setState(.connecting)
            let kind: RestartPolicy.FailureKind
            let problem: String
            do {
                let end = try await connector.withConnection(to: url) { transport -> SessionEnd in
                    switch markConnected(transport) {
                    case .connected:
                        return try await game.play(on: transport)
                    case .paused:
                        // Paused while connecting: close at once; the loop waits for resume.
                        await transport.close(code: .normalClosure, reason: GameControl.pause.reason)
                        return .closedByNeuro(.normalClosure, reason: GameControl.pause.reason)
                    case .abandoned:
                        await transport.close(code: .goingAway, reason: "neuro-host is shutting down")
                        return .stopped
                    }
                }
                switch end {
                case .stopped:
                    markDisconnected(state: .stopped, error: nil)
                    return
                case .closedByNeuro(let code, let reason):
                    kind = .dropped
                    problem = "Neuro closed the connection (\(code?.description ?? "no code")\(reason.map { ": \($0)" } ?? ""))"
                }
            } catch {
                kind = Self.failureKind(of: error)
                problem = "\(error)"
            }
            let control = tracker.withLock { tracker in
                defer { tracker.control = nil }
                return tracker.control
            }
            let uptime = markDisconnected(state: .backingOff, error: control.map { "\($0.reason) (\(problem))" } ?? problem)
            if Self.isStopping {
                setState(.stopped)
                return
            }
            switch control {
            case .restart?:
                // A restart from the dashboard: at once, with the failure count reset.
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
                logger.critical("the game gave up after too many restarts", metadata: ["error": "\(problem)"])
                return
            case .restart(let wait):
                tracker.withLock { $0.restarts += 1 }
                logger.warning(
                    "the session ended; reconnecting after a wait",
                    metadata: ["error": "\(problem)", "neuro.backoff.seconds": "\(wait.inSeconds)"]
                )
                guard await sleepUnlessStopped(for: wait) else {
                    setState(.stopped)
                    return
                }
            }
        }
        setState(.stopped)
    }

    /// Whether the process is shutting down gracefully, or this task is cancelled.
    private static var isStopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }

    /// Sleeps on the injected clock; returns `false` when stopped or cancelled first. A
    /// restart or resume from the dashboard ends the wait early.
    private func sleepUnlessStopped(for duration: Duration) async -> Bool {
        let deadline = clock.now.advanced(by: duration)
        tracker.withLock { tracker in
            tracker.backoffUntil = deadline
            tracker.isWakeRequested = false
        }
        defer { tracker.withLock { $0.backoffUntil = nil } }
        // Two children: the wait and the wake-up; whichever ends first ends both.
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [clock] in
                try? await cancelWhenGracefulShutdown { try await clock.sleep(until: deadline, tolerance: nil) }
            }
            group.addTask { _ = await self.waitForWake() }
            await group.next()
            group.cancelAll()
        }
        return !Self.isStopping
    }

    /// Waits until paused is lifted; returns `false` when stopped first. Returns at once when
    /// not paused.
    private func waitWhilePaused() async -> Bool {
        guard tracker.withLock({ $0.isPaused }) else { return true }
        setState(.paused)
        _ = await cancelWhenGracefulShutdown {
            await self.tracker.wait(in: \.wakeWaiters, as: 1, ifCancelled: false) { $0.isPaused ? nil : true }
        }
        return !Self.isStopping
    }

    /// Returns once a wake-up was requested, or when cancelled (`false`).
    private func waitForWake() async -> Bool {
        await tracker.wait(in: \.wakeWaiters, as: 0, ifCancelled: false) { tracker in
            guard tracker.isWakeRequested else { return nil }
            tracker.isWakeRequested = false
            return true
        }
    }

    // MARK: Controls

    /// Drops the game's connection abruptly, without a close frame, as a cut cable would; the
    /// game reconnects after its backoff.
    /// - Throws: ``GameControlError`` when the game is not connected.
    package func dropConnection() async throws(GameControlError) {
        let transport = try take(.drop)
        if let transport = transport as? WebSocketTransport {
            transport.abort()
        } else {
            await transport.close(code: .goingAway, reason: GameControl.drop.reason)
        }
    }

    /// Closes the game's connection cleanly (1000); the game reconnects after its backoff.
    /// - Throws: ``GameControlError`` when the game is not connected.
    package func closeConnection() async throws(GameControlError) {
        let transport = try take(.close)
        await transport.close(code: .normalClosure, reason: GameControl.close.reason)
    }

    /// Restarts the game: closes its connection (1012) and connects again at once, with the
    /// failure count reset; during a backoff wait, ends the wait.
    /// - Throws: ``GameControlError`` when the game has stopped or given up.
    package func restart() async throws(GameControlError) {
        let action = try tracker.withLock { tracker throws(GameControlError) -> (any NeuroTransport)? in
            switch tracker.state {
            case .stopped, .gaveUp, .disabled, .disconnected:
                throw GameControlError(code: .notRunning, message: "\(game.title) is \(tracker.state); it cannot restart")
            default: break
            }
            tracker.isPaused = false
            if let transport = tracker.transport, tracker.control == nil {
                tracker.control = .restart
                return transport
            }
            tracker.isWakeRequested = true
            return nil
        }
        if let transport = action {
            await transport.close(code: WebSocketCloseCode(rawValue: 1012), reason: GameControl.restart.reason)
        } else {
            wake()
        }
    }

    /// Pauses the game: closes its connection (1000) and does not reconnect until ``resume()``.
    /// - Throws: ``GameControlError`` when already paused, stopped or given up.
    package func pause() async throws(GameControlError) {
        let transport = try tracker.withLock { tracker throws(GameControlError) -> (any NeuroTransport)? in
            if tracker.isPaused { throw GameControlError(code: .paused, message: "\(game.title) is already paused") }
            switch tracker.state {
            case .stopped, .gaveUp, .disabled, .disconnected:
                throw GameControlError(code: .notRunning, message: "\(game.title) is \(tracker.state); it cannot pause")
            default: break
            }
            tracker.isPaused = true
            guard let transport = tracker.transport, tracker.control == nil else {
                // Backing off: end the wait, so the game shows as paused at once.
                tracker.isWakeRequested = true
                return nil
            }
            tracker.control = .pause
            return transport
        }
        if let transport {
            await transport.close(code: .normalClosure, reason: GameControl.pause.reason)
        } else {
            wake()
        }
    }

    /// Resumes a paused game: it connects again at once.
    /// - Throws: ``GameControlError`` when the game is not paused.
    package func resume() throws(GameControlError) {
        try tracker.withLock { tracker throws(GameControlError) in
            guard tracker.isPaused else {
                throw GameControlError(code: .notPaused, message: "\(game.title) is not paused")
            }
            tracker.isPaused = false
            tracker.isWakeRequested = true
        }
        wake()
    }

    /// Whether the game is paused.
    package var isPaused: Bool { tracker.withLock { $0.isPaused } }

    private func wake() {
        let woken = tracker.withLock { $0.wakeWaiters.takeAll() }
        for waiter in woken { waiter.resume(returning: true) }
    }

    /// Marks the open connection as ended by `control`, and returns it.
    private func take(_ control: GameControl) throws(GameControlError) -> any NeuroTransport {
        try tracker.withLock { tracker throws(GameControlError) in
            guard let transport = tracker.transport, tracker.state == .connected else {
                throw GameControlError(code: .notConnected, message: "\(game.title) is not connected (\(tracker.state))")
            }
            guard tracker.control == nil else {
                throw GameControlError(code: .busy, message: "\(game.title) is already closing its connection")
            }
            tracker.control = control
            return transport
        }
    }

    private func setState(_ state: GameState) {
        tracker.withLock { $0.state = state }
    }

    /// What a connection that just opened is for.
    private enum NewConnection {
        case connected
        /// The game was paused meanwhile: the connection is closed at once.
        case paused
        /// The process began its graceful shutdown meanwhile: the connection is closed at once.
        case abandoned
    }

    /// Records the open connection, unless the game was paused or the attempt abandoned meanwhile.
    private func markConnected(_ transport: any NeuroTransport) -> NewConnection {
        let now = clock.now
        let outcome = tracker.withLock { tracker -> NewConnection in
            if tracker.isAbandoningConnect { return .abandoned }
            if tracker.isPaused {
                tracker.control = .pause
                return .paused
            }
            tracker.transport = transport
            tracker.state = .connected
            tracker.connectedAt = now
            tracker.sessions += 1
            return .connected
        }
        if outcome == .connected { logger.info("connected", metadata: ["neuro.url": "\(url)"]) }
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
    private func markDisconnected(state: GameState, error: String?) -> Duration {
        let now = clock.now
        return tracker.withLock { tracker in
            tracker.state = state
            tracker.transport = nil
            if let error { tracker.lastError = error }
            guard let connectedAt = tracker.connectedAt else { return .zero }
            tracker.connectedAt = nil
            let uptime = connectedAt.duration(to: now)
            tracker.secondsConnected += uptime.inSeconds
            return uptime
        }
    }

    /// How an error ended a session, for the backoff.
    static func failureKind(of error: any Error) -> RestartPolicy.FailureKind {
        guard let error = error as? NeuroError else { return .other }
        switch error.code {
        case .handshakeFailed:
            switch (error.cause as? HandshakeFailure)?.kind {
            case .httpStatus?: return .httpError
            case .connectionRefused?, .dnsFailure?: return .connectionRefused
            default: return .other
            }
        case .handshakeTimedOut: return .connectionRefused
        case .connectionClosed, .messageTooLarge: return .dropped
        case .pingTimedOut: return .pingTimeout
        case .handlerFailed: return .pluginError
        default: return .other
        }
    }
}

/// The children of ``GameSupervisor/run()``.
private enum SupervisorChild {
    case supervision
    case stopSent
    /// The graceful shutdown found a connection attempt under way and abandoned it.
    case connectAbandoned
}
