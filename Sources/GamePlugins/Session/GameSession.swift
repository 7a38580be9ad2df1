import Logging
import NeuroAPI
import Synchronization

/// Plays one game against Neuro, across as many connections as it takes: the async shell
/// around ``GameSessionState``.
///
/// The host hands it one connection at a time with ``play(on:)``; the game's value persists
/// between connections, so after a drop the next connection resumes where the game was.
///
/// ```swift
/// let session = GameSession(title: "Tic Tac Toe", plugin: try TicTacToe(settings: .init(), seed: 1))
/// let end = try await connector.withConnection(to: url) { try await session.play(on: $0) }
/// ```
public final class GameSession<Plugin: GamePlugin>: NeuroCommandHandler {
    private struct Live {
        var core: GameSessionState<Plugin>
        var client: NeuroClient?
        var isStopping = false
        var pluginError: (any Error)?
    }

    /// The `game` title sent to Neuro.
    public let title: String
    /// Where the game is saved, if anywhere.
    public let saveStore: GameSaveStore?
    /// Whether the game is saved after every accepted action (besides on stop and on Neuro's
    /// shutdown requests).
    public let savesAfterEveryAction: Bool
    private let logger: Logger
    private let live: Mutex<Live>

    /// Creates a session.
    /// - Parameters:
    ///   - title: the `game` field of every command.
    ///   - plugin: the game, new or restored.
    ///   - names: how action names map to the wire.
    ///   - saveStore: where to save, or `nil` not to.
    ///   - savesAfterEveryAction: save after each accepted action too.
    ///   - logger: where the session logs.
    public init(
        title: String,
        plugin: Plugin,
        names: ActionNameMapping = .identity,
        saveStore: GameSaveStore? = nil,
        savesAfterEveryAction: Bool = true,
        logger: Logger = Logger(label: "neuro.game")
    ) {
        self.title = title
        self.saveStore = saveStore
        self.savesAfterEveryAction = savesAfterEveryAction
        var logger = logger
        logger[metadataKey: "neuro.game"] = "\(title)"
        self.logger = logger
        self.live = Mutex(
            Live(
                core: GameSessionState(
                    plugin: plugin, names: names, savesAfterEveryAction: savesAfterEveryAction && saveStore != nil))
        )
    }

    /// The game as it is now.
    public var plugin: Plugin { live.withLock { $0.core.plugin } }
    /// Counters across connections.
    public var statistics: GameStatistics { live.withLock { $0.core.statistics } }
    /// The core's view of what Neuro knows (registered actions, pending force).
    public var state: GameSessionState<Plugin> { live.withLock { $0.core } }

    /// Plays on one connection until it ends.
    /// - Returns: how it ended: closed by Neuro, or stopped.
    /// - Throws: the transport's error when the connection dropped or timed out; a
    ///   ``NeuroError`` with ``NeuroError/Code/handlerFailed`` when the game itself threw (its
    ///   value is the last good one; play again to restart it).
    public func play(on transport: any NeuroTransport) async throws -> SessionEnd {
        let client = NeuroClient(gameTitle: title, transport: transport, logger: logger)
        // Checking for a stop and installing the client under one lock closes the race with
        // `stop()`: either stop sees this client, or this call sees the stop.
        let effects = live.withLock { live -> [SessionEffect]? in
            guard !live.isStopping else { return nil }
            live.client = client
            live.pluginError = nil
            return live.core.connected()
        }
        guard let effects else {
            await transport.close(code: .goingAway, reason: "the game is stopping")
            return .stopped
        }
        defer { live.withLock { $0.client = nil } }
        logger.info("connected; starting the game session")
        do {
            try await perform(effects, on: client)
            while true {
                guard try await client.readMessage(handler: self) != nil else {
                    if live.withLock({ $0.isStopping }) { return .stopped }
                    // After a close, the transport reports the same close frame again.
                    if case .closed(let code, let reason) = try await client.read() {
                        return .closedByNeuro(code, reason: reason)
                    }
                    return .closedByNeuro(nil, reason: nil)
                }
                if let error = live.withLock({ $0.pluginError }) {
                    throw NeuroError(code: .handlerFailed, message: "\"\(title)\" failed: \(error)", cause: error)
                }
            }
        } catch {
            if live.withLock({ $0.isStopping }) { return .stopped }
            throw error
        }
    }

    /// Stops cleanly: saves, unregisters every action (Neuro keeps them across a disconnect
    /// otherwise), and closes the connection with `code`. Final: a stopped session does not
    /// play again (``play(on:)`` closes the connection it is given and returns ``SessionEnd/stopped``).
    public func stop(code: WebSocketCloseCode = .goingAway, reason: String? = nil) async {
        let (client, effects) = live.withLock { live in
            live.isStopping = true
            return (live.client, live.core.stopping())
        }
        guard let client else {
            saveNow()
            return
        }
        do {
            try await perform(effects, on: client)
        } catch {
            logger.warning("could not unregister the actions before closing", metadata: ["error": "\(error)"])
        }
        if let transport = try? client.connection() {
            await transport.close(code: code, reason: reason)
        }
    }

    /// Saves the game now, if it has a save store; failures are logged.
    public func saveNow() {
        guard let saveStore else { return }
        do {
            try saveStore.save(plugin, title: title)
        } catch {
            logger.error("could not save the game", metadata: ["error": "\(error)"])
        }
    }

    private func perform(_ effects: [SessionEffect], on client: NeuroClient) async throws {
        for effect in effects {
            switch effect {
            case .send(let command): try await client.send(command)
            case .save: saveNow()
            }
        }
    }

    // MARK: NeuroCommandHandler

    public func handleAction(_ action: NeuroAction, client: NeuroClient) async throws {
        let (effects, error) = live.withLock { live in
            let result = live.core.handle(action, at: .now)
            if let error = result.pluginError { live.pluginError = error }
            return result
        }
        if let error {
            logger.error(
                "the game failed while performing an action", metadata: ["neuro.action": "\(action.name)", "error": "\(error)"])
        }
        try await perform(effects, on: client)
    }

    public func handleReregisterAllActions(client: NeuroClient) async throws {
        try await perform(live.withLock { $0.core.reregisterAll() }, on: client)
    }

    public func handleGracefulShutdownRequest(wantsShutdown: Bool, client: NeuroClient) async throws {
        try await perform(live.withLock { $0.core.gracefulShutdownRequested(wantsShutdown: wantsShutdown) }, on: client)
    }

    public func handleImmediateShutdownRequest(client: NeuroClient) async throws {
        try await perform(live.withLock { $0.core.immediateShutdownRequested() }, on: client)
    }
}
