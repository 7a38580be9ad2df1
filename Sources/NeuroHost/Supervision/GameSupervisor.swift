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

    /// Drops the game's connection abruptly, without a close frame, as a cut cable would; the
    /// game reconnects after its backoff.
    /// - Throws: ``GameControlError`` when the game is not connected.
    package func dropConnection() async throws(GameControlError) {
        try await control { () async throws(ConnectionControlError) in
            try await connection.dropConnection(reason: GameControl.drop.reason)
        }
    }

    /// Closes the game's connection cleanly (1000); the game reconnects after its backoff.
    /// - Throws: ``GameControlError`` when the game is not connected.
    package func closeConnection() async throws(GameControlError) {
        try await control { () async throws(ConnectionControlError) in
            try await connection.closeConnection(reason: GameControl.close.reason)
        }
    }

    /// Restarts the game: closes its connection (1012) and connects again at once, with the
    /// failure count reset; during a backoff wait, ends the wait.
    /// - Throws: ``GameControlError`` when the game has stopped or given up.
    package func restart() async throws(GameControlError) {
        try await control { () async throws(ConnectionControlError) in
            try await connection.restart(reason: GameControl.restart.reason)
        }
    }

    /// Pauses the game: closes its connection (1000) and does not reconnect until ``resume()``.
    /// - Throws: ``GameControlError`` when already paused, stopped or given up.
    package func pause() async throws(GameControlError) {
        try await control { () async throws(ConnectionControlError) in
            try await connection.pause(reason: GameControl.pause.reason)
        }
    }

    /// Resumes a paused game: it connects again at once.
    /// - Throws: ``GameControlError`` when the game is not paused.
    package func resume() throws(GameControlError) {
        do {
            try connection.resume()
        } catch {
            throw gameError(error)
        }
    }

    /// Whether the game is paused.
    package var isPaused: Bool { connection.snapshot.isPaused }

    private func control(_ body: () async throws(ConnectionControlError) -> Void) async throws(GameControlError) {
        do {
            try await body()
        } catch {
            throw gameError(error)
        }
    }

    /// The connection's refusal under the game's title (`Hangman is already paused`).
    private func gameError(_ error: ConnectionControlError) -> GameControlError {
        GameControlError(code: error.code, message: "\(game.title) is \(error.message)")
    }
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
