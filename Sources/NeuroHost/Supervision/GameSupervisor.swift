import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import ServiceLifecycle

/// Keeps one game playing: a `ReconnectingNeuroService` serving the game, seen as a row of the
/// host (its status, its controls).
///
/// The service owns the game's connections — it connects, backs off by the game's
/// `RestartPolicy`, reconnects, and at the graceful shutdown has the game save, unregister its
/// actions and close with 1001 — and hands each open connection to the game
/// (`GameSessions/HostedGame/play(on:)`). This type adds what a host shows and controls: the
/// game's status, its snapshot for a dashboard, and the controls under the game's title.
///
/// Each game has its own supervisor, run as one service of ``GameHost``'s group of games (or
/// as a `Service` of its own). ``run()`` never throws: one game's failure never affects
/// another. The clock is injected so tests check every backoff wait without sleeping.
package final class GameSupervisor<C: Clock>: Service, Sendable where C.Duration == Duration {
    /// The game.
    package let game: any HostedGame
    /// Where the game connects.
    package let url: String
    /// The prefix of the game's action names on the wire.
    package let actionNamePrefix: String
    /// The game's connection lifetime.
    package let connection: ReconnectingNeuroService

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
        self.actionNamePrefix = actionNamePrefix
        var logger = logger
        logger[metadataKey: "neuro.game"] = "\(game.title)"
        self.connection = ReconnectingNeuroService(
            serving: game, url: url, connector: connector, restartPolicy: restartPolicy, clock: clock, seed: seed,
            shutdownReason: "neuro-host is shutting down", logger: logger)
    }

    /// Where the game is now.
    package var state: GameState { GameState(connection.state) }

    /// A snapshot for a dashboard: the status and what only the connection knows (the backoff
    /// countdown, restarts, whether paused).
    package var snapshot: GameSnapshot {
        let connection = connection.snapshot
        return GameSnapshot(
            status: status(of: connection), url: url, restarts: connection.restarts, isPaused: connection.isPaused,
            secondsUntilReconnect: connection.secondsUntilReconnect)
    }

    /// A snapshot for the status view and the summary.
    package var status: GameStatus { status(of: connection.snapshot) }

    private func status(of connection: ReconnectingNeuroService.Snapshot) -> GameStatus {
        let statistics = game.statistics
        let state = GameState(connection.state)
        let checks = game.diagnosticCounts
        var status = GameStatus(
            title: game.title,
            plugin: game.pluginID,
            state: !game.isPresent
                ? .disconnected : state == .connected && game.isWaitingForForceSlot ? .waitingForForceSlot : state,
            sessions: statistics.sessions,
            reconnects: max(0, statistics.sessions - 1),
            actionsHandled: statistics.actionsAccepted,
            failures: statistics.failures,
            secondsConnected: connection.secondsConnected,
            secondsInCurrentSession: connection.secondsInCurrentConnection,
            lastError: connection.lastError,
            gameStatus: game.gameStatus,
            actionNamePrefix: actionNamePrefix
        )
        status.relayChecks = checks.isEmpty ? nil : checks
        status.board = game.renderedBoard
        return status
    }

    /// Plays the game until the graceful shutdown of the process (or cancellation), or until
    /// its restart policy gives up.
    package func run() async {
        await connection.run()
    }

    // MARK: Controls

    /// Applies a control to the game's connection (see ``GameControl`` for what each does).
    /// - Throws: ``GameControlError`` when the control does not apply now: not connected for
    ///   a drop or a close, stopped or given up for a restart, already paused, not paused.
    package func apply(_ control: GameControl) async throws(GameControlError) {
        do {
            switch control {
            case .drop: try await connection.dropConnection(reason: control.reason)
            case .close: try await connection.closeConnection(reason: control.reason)
            case .restart: try await connection.restart(reason: control.reason)
            case .pause: try await connection.pause(reason: control.reason)
            case .resume: try connection.resume()
            }
        } catch {
            // The connection's refusal under the game's title (`Hangman is already paused`).
            throw GameControlError(code: error.code, message: "\(game.title) is \(error.message)")
        }
    }

    /// Whether the game is paused.
    package var isPaused: Bool { connection.snapshot.isPaused }
}

extension GameState {
    /// A connection's state as a game's.
    init(_ state: ReconnectingNeuroService.State) {
        switch state {
        case .connecting: self = .connecting
        case .connected: self = .connected
        case .backingOff: self = .backingOff
        case .paused: self = .paused
        case .stopped: self = .stopped
        case .gaveUp: self = .gaveUp
        }
    }
}
