import Logging
import NIOPosix
import NeuroAPI
import Synchronization

/// Plays one game against Neuro, across as many connections as it takes: the async shell
/// around ``GameSessionState``.
///
/// The host hands it one connection at a time with ``play(on:)``; the game's value persists
/// between connections, so after a drop the next connection resumes where the game was.
///
/// With a ``ForceArbiter`` (several games on one Neuro), each force waits for the shared slot:
/// a child task of ``play(on:)`` waits for grants and sends the force if the core still wants
/// it; the slot is given back when the force is answered or withdrawn, and when the
/// connection ends. Every batch of effects is carried out in the order the core produced it,
/// whichever task produced it (the reader, the grant waiter, or ``stop(code:reason:)``), so a
/// force never overtakes the registration of its actions nor follows their unregistration.
/// The result that precedes giving the slot back is sent waiting until it is written, so the
/// next game's force cannot reach Neuro first.
///
/// The session runs on its transport's ``NeuroTransport/preferredTaskExecutor`` (a websocket's
/// event loop), next to the socket; saves run on NIO's thread pool for blocking work.
///
/// ```swift
/// let session = GameSession(title: "Tic Tac Toe", plugin: try TicTacToe(settings: .init(), seed: 1))
/// let end = try await connector.withConnection(to: url) { try await session.play(on: $0) }
/// ```
public final class GameSession<Plugin: GamePlugin>: NeuroCommandHandler {
    private struct Live {
        var core: GameSessionState<Plugin>
        var client: NeuroClient?
        /// Where the connection's messages are handled (its event loop, for a websocket).
        var executor: (any TaskExecutor)?
        var isStopping = false
        var pluginError: (any Error)?
        /// The number of the next batch of effects.
        var nextBatch = 0
        /// The batch whose effects may be carried out now.
        var currentBatch = 0
        /// Batches waiting for their turn.
        var batchWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    /// Effects in the order the core produced them.
    private struct Batch {
        var number: Int
        var effects: [SessionEffect]
    }

    /// The `game` title sent to Neuro.
    public let title: String
    /// Where the game is saved, if anywhere.
    public let saveStore: GameSaveStore?
    /// Whether the game is saved after every accepted action (besides on stop and on Neuro's
    /// shutdown requests).
    public let savesAfterEveryAction: Bool
    /// Who grants the shared force slot; `nil` sends every force as soon as it is wanted.
    public let forceArbiter: (any ForceArbiter)?
    private let logger: Logger
    private let live: Mutex<Live>

    /// Creates a session.
    /// - Parameters:
    ///   - title: the `game` field of every command.
    ///   - plugin: the game, new or restored.
    ///   - names: how action names map to the wire.
    ///   - saveStore: where to save, or `nil` not to.
    ///   - savesAfterEveryAction: save after each accepted action too.
    ///   - forceArbiter: the force slot shared with the other games on the same Neuro; `nil`
    ///     when the game is alone there.
    ///   - logger: where the session logs.
    public init(
        title: String,
        plugin: Plugin,
        names: ActionNameMapping = .identity,
        saveStore: GameSaveStore? = nil,
        savesAfterEveryAction: Bool = true,
        forceArbiter: (any ForceArbiter)? = nil,
        logger: Logger = Logger(label: "neuro.game")
    ) {
        self.title = title
        self.forceArbiter = forceArbiter
        self.saveStore = saveStore
        self.savesAfterEveryAction = savesAfterEveryAction
        var logger = logger
        logger[metadataKey: "neuro.game"] = "\(title)"
        self.logger = logger
        self.live = Mutex(
            Live(
                core: GameSessionState(
                    plugin: plugin, names: names, savesAfterEveryAction: savesAfterEveryAction && saveStore != nil,
                    isForceArbitrated: forceArbiter != nil))
        )
    }

    /// The game as it is now.
    public var plugin: Plugin { live.withLock { $0.core.plugin } }
    /// Counters across connections.
    public var statistics: GameStatistics { live.withLock { $0.core.statistics } }
    /// The core's view of what Neuro knows (registered actions, pending force).
    public var state: GameSessionState<Plugin> { live.withLock { $0.core } }
    /// Whether the game is waiting for the shared force slot.
    public var isWaitingForForceSlot: Bool { forceArbiter?.isWaitingForForceSlot(title) ?? false }

    /// Plays on one connection until it ends.
    /// - Returns: how it ended: closed by Neuro, or stopped.
    /// - Throws: the transport's error when the connection dropped or timed out; a
    ///   ``NeuroError`` with ``NeuroError/Code/handlerFailed`` when the game itself threw (its
    ///   value is the last good one; play again to restart it).
    public func play(on transport: any NeuroTransport) async throws -> SessionEnd {
        // Next to the socket (a websocket's event loop): no thread hop per message.
        try await withTaskExecutorPreference(transport.preferredTaskExecutor) {
            try await playOnPreferredExecutor(transport)
        }
    }

    private func playOnPreferredExecutor(_ transport: any NeuroTransport) async throws -> SessionEnd {
        let client = NeuroClient(gameTitle: title, transport: transport, logger: logger)
        // Checking for a stop and installing the client under one lock closes the race with
        // `stop()`: either stop sees this client, or this call sees the stop.
        let (isStopping, batch) = withCore { live -> (Bool, [SessionEffect]) in
            guard !live.isStopping else { return (true, []) }
            live.client = client
            live.executor = transport.preferredTaskExecutor
            live.pluginError = nil
            return (false, live.core.connected())
        }
        guard !isStopping else {
            await performOffline(batch)
            await transport.close(code: .goingAway, reason: "the game is stopping")
            return .stopped
        }
        defer {
            live.withLock {
                $0.client = nil
                $0.executor = nil
            }
            // A force whose game disconnected frees the slot; a waiting one is withdrawn.
            forceArbiter?.releaseForceSlot(for: title)
        }
        logger.info("connected; starting the game session")
        do {
            try await perform(batch, on: client)
            guard let forceArbiter else { return try await readUntilEnd(client) }
            return try await withThrowingTaskGroup(of: SessionEnd?.self) { group in
                group.addTask {
                    try await self.serveForceGrants(from: forceArbiter, on: client)
                    return nil
                }
                group.addTask { try await self.readUntilEnd(client) }
                while let end = try await group.next() {
                    if let end {
                        group.cancelAll()
                        return end
                    }
                }
                return .stopped
            }
        } catch {
            if live.withLock({ $0.isStopping }) { return .stopped }
            throw error
        }
    }

    /// Reads and handles Neuro's messages until the connection ends.
    private func readUntilEnd(_ client: NeuroClient) async throws -> SessionEnd {
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
    }

    /// Sends the game's force each time the arbiter grants the slot, until cancelled.
    private func serveForceGrants(from arbiter: any ForceArbiter, on client: NeuroClient) async throws {
        while true {
            let ticket = try await arbiter.waitForForceSlot(for: title)
            try await perform(withCore { $0.core.forceSlotGranted(ticket: ticket) }, on: client)
        }
    }

    /// Stops cleanly: saves, unregisters every action (Neuro keeps them across a disconnect
    /// otherwise), and closes the connection with `code`. Final: a stopped session does not
    /// play again (``play(on:)`` closes the connection it is given and returns ``SessionEnd/stopped``).
    public func stop(code: WebSocketCloseCode = .goingAway, reason: String? = nil) async {
        let ((client, executor), batch) = withCore { live -> ((NeuroClient?, (any TaskExecutor)?), [SessionEffect]) in
            live.isStopping = true
            return ((live.client, live.executor), live.core.stopping())
        }
        guard let client else {
            await performOffline(batch)
            return
        }
        // On the connection's own executor, like every other batch: a write made there goes out
        // at once, so a write queued from elsewhere could be overtaken by a later batch.
        await withTaskExecutorPreference(executor) {
            do {
                try await perform(batch, on: client)
            } catch {
                logger.warning("could not unregister the actions before closing", metadata: ["error": "\(error)"])
            }
            if let transport = try? client.connection() {
                await transport.close(code: code, reason: reason)
            }
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

    /// Changes the live state and numbers the effects it produced, under one lock, so that
    /// batches are carried out in the order they were produced. Every batch must then be
    /// performed, or later ones wait forever.
    private func withCore<Value>(_ body: (inout Live) -> (Value, [SessionEffect])) -> (Value, Batch) {
        live.withLock { live in
            let (value, effects) = body(&live)
            defer { live.nextBatch += 1 }
            return (value, Batch(number: live.nextBatch, effects: effects))
        }
    }

    private func withCore(_ body: (inout Live) -> [SessionEffect]) -> Batch {
        withCore { live -> (Void, [SessionEffect]) in ((), body(&live)) }.1
    }

    /// Carries out a batch once every earlier batch is done; without a connection, only saves
    /// and slot releases happen.
    private func perform(_ batch: Batch, on client: NeuroClient?) async throws {
        await waitForTurn(of: batch.number)
        defer { finishTurn(of: batch.number) }
        // The last send before the force slot goes to another game waits until it is written:
        // that game's force then cannot reach Neuro before this game's result.
        let lastSendBeforeRelease = batch.effects.lastIndex { if case .releaseForceSlot = $0 { true } else { false } }
            .flatMap { release in batch.effects[..<release].lastIndex { if case .send = $0 { true } else { false } } }
        for (index, effect) in batch.effects.enumerated() {
            switch effect {
            case .send(let command):
                guard let client else { break }
                if index == lastSendBeforeRelease {
                    try await client.sendWaitingUntilWritten(command)
                } else {
                    try await client.send(command)
                }
            case .save:
                guard saveStore != nil else { break }
                // Blocking file I/O: on NIO's pool for blocking work, never on the connection's
                // event loop (which serves other games too) or Swift's cooperative pool.
                do {
                    try await NIOThreadPool.singleton.runIfActive { self.saveNow() }
                } catch {
                    saveNow()  // the singleton pool never shuts down; kept for completeness
                }
            case .requestForceSlot(let priority, let ticket):
                forceArbiter?.requestForceSlot(for: title, priority: priority, ticket: ticket)
            case .releaseForceSlot:
                forceArbiter?.releaseForceSlot(for: title)
            }
        }
    }

    /// Carries out a batch's saves and slot releases when there is no connection to send on.
    private func performOffline(_ batch: Batch) async {
        do { try await perform(batch, on: nil) } catch {
            logger.debug("could not carry out the effects without a connection", metadata: ["error": "\(error)"])
        }
    }

    private func waitForTurn(of number: Int) async {
        // The usual case, no earlier batch still running: no continuation to make.
        guard live.withLock({ $0.currentBatch != number }) else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isTurn = live.withLock { live in
                guard live.currentBatch != number else { return true }
                live.batchWaiters[number] = continuation
                return false
            }
            if isTurn { continuation.resume() }
        }
    }

    private func finishTurn(of number: Int) {
        let next = live.withLock { live -> CheckedContinuation<Void, Never>? in
            live.currentBatch = number + 1
            return live.batchWaiters.removeValue(forKey: number + 1)
        }
        next?.resume()
    }

    // MARK: NeuroCommandHandler

    public func handleAction(_ action: NeuroAction, client: NeuroClient) async throws {
        let (error, batch) = withCore { live -> ((any Error)?, [SessionEffect]) in
            let result = live.core.handle(action, at: .now)
            if let error = result.pluginError { live.pluginError = error }
            return (result.pluginError, result.effects)
        }
        if let error {
            logger.error(
                "the game failed while performing an action", metadata: ["neuro.action": "\(action.name)", "error": "\(error)"])
        }
        try await perform(batch, on: client)
    }

    public func handleReregisterAllActions(client: NeuroClient) async throws {
        try await perform(withCore { $0.core.reregisterAll() }, on: client)
    }

    public func handleGracefulShutdownRequest(wantsShutdown: Bool, client: NeuroClient) async throws {
        try await perform(withCore { $0.core.gracefulShutdownRequested(wantsShutdown: wantsShutdown) }, on: client)
    }

    public func handleImmediateShutdownRequest(client: NeuroClient) async throws {
        try await perform(withCore { $0.core.immediateShutdownRequested() }, on: client)
    }
}
