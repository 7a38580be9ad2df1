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
public final class GameSupervisor<C: Clock>: Service, Sendable where C.Duration == Duration {
    private struct Tracker {
        var state: GameState = .connecting
        var backoff: BackoffState
        var sessions = 0
        var lastError: String?
        var connectedAt: C.Instant?
        var secondsConnected: Double = 0
    }

    /// The game.
    public let game: any HostedGame
    /// Where the game connects.
    public let url: String
    /// The prefix of the game's action names on the wire.
    public let actionNamePrefix: String
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
    public init(
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
    public var state: GameState { tracker.withLock { $0.state } }

    /// A snapshot for the status view and the summary.
    public var status: GameStatus {
        let now = clock.now
        let statistics = game.statistics
        let isWaiting = game.isWaitingForForceSlot
        return tracker.withLock { tracker in
            let current = tracker.connectedAt.map { Self.seconds($0.duration(to: now)) }
            return GameStatus(
                title: game.title,
                plugin: game.pluginID,
                state: tracker.state == .connected && isWaiting ? .waitingForForceSlot : tracker.state,
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
        }
    }

    /// Plays the game until the graceful shutdown of the process (or cancellation), or until
    /// its restart policy gives up.
    public func run() async {
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
                await self.game.stop(code: .goingAway, reason: "neuro-host is shutting down")
                return .stopSent
            }
            // Wait for the supervision loop itself; the stop watcher is cancelled if it is
            // still waiting (the game gave up).
            while let child = await group.next() {
                if child == .supervision { group.cancelAll() }
            }
        }
    }

    private func supervise() async {
        var random = SeededRandomNumberGenerator(seed: seed)
        while !Self.isStopping {
            setState(.connecting)
            let kind: RestartPolicy.FailureKind
            let problem: String
            do {
                let end = try await connector.withConnection(to: url) { transport in
                    markConnected()
                    return try await game.play(on: transport)
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
            let uptime = markDisconnected(state: .backingOff, error: problem)
            if Self.isStopping {
                setState(.stopped)
                return
            }
            let decision = tracker.withLock { $0.backoff.recordFailure(kind, after: uptime, using: &random) }
            switch decision {
            case .giveUp:
                setState(.gaveUp)
                logger.critical("the game gave up after too many restarts", metadata: ["error": "\(problem)"])
                return
            case .restart(let wait):
                logger.warning(
                    "the session ended; reconnecting after a wait",
                    metadata: ["error": "\(problem)", "neuro.backoff.seconds": "\(Self.seconds(wait))"]
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

    /// Sleeps on the injected clock; returns `false` when stopped or cancelled first.
    private func sleepUnlessStopped(for duration: Duration) async -> Bool {
        do {
            try await cancelWhenGracefulShutdown { [clock] in try await clock.sleep(for: duration) }
        } catch {
            return false
        }
        return !Self.isStopping
    }

    private func setState(_ state: GameState) {
        tracker.withLock { $0.state = state }
    }

    private func markConnected() {
        let now = clock.now
        tracker.withLock { tracker in
            tracker.state = .connected
            tracker.connectedAt = now
            tracker.sessions += 1
        }
        logger.info("connected", metadata: ["neuro.url": "\(url)"])
    }

    /// Records the end of a connection attempt; returns how long it was connected.
    @discardableResult
    private func markDisconnected(state: GameState, error: String?) -> Duration {
        let now = clock.now
        return tracker.withLock { tracker in
            tracker.state = state
            if let error { tracker.lastError = error }
            guard let connectedAt = tracker.connectedAt else { return .zero }
            tracker.connectedAt = nil
            let uptime = connectedAt.duration(to: now)
            tracker.secondsConnected += Self.seconds(uptime)
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

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The children of ``GameSupervisor/run()``.
private enum SupervisorChild {
    case supervision
    case stopSent
}
