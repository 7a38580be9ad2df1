import GamePlugins
import Logging
import NIOPosix
import NeuroAPI
import Synchronization

/// Plays one game against Neuro, across as many connections as it takes: a `GamePlugin`
/// attached to a `NeuroComponent`.
///
/// The component is the game's connection: it sends `startup` and the registered actions on
/// every connect, answers every action exactly once (unknown and recently unregistered names,
/// bad data, duplicate ids) and runs the plugin's actions inline, on the connection's event
/// loop. This class adds the plugin: its actions become one handler, its introduction,
/// context and force are sent from the component's hooks, and its value persists between
/// connections, so after a drop the next connection resumes where the game was. Every
/// decision is ``GameSessionState``'s, made together with the component's
/// `NeuroConnectionCore` under one lock (`NeuroClient/update(_:)`),
/// and its frames go out in decision order.
///
/// With a ``ForceArbiter`` (several games on one Neuro), each force waits for the shared slot:
/// a child task of ``play(on:)`` waits for grants and sends the force if the game still wants
/// it. The slot is handed on as ``ForceSlot`` describes (the hand-off), and given back when
/// the connection ends.
///
/// ```swift
/// let session = GameSession(title: "Tic Tac Toe", plugin: try TicTacToe(settings: .init(), seed: 1))
/// let end = try await connector.withConnection(to: url) { try await session.play(on: $0) }
/// ```
public final class GameSession<Plugin: GamePlugin>: Sendable {
    private struct Live {
        var core: GameSessionState<Plugin>
        var isStopping = false
        var pluginError: (any Error)?
        /// The handler of every one of the game's actions, made once (``GameSession/installHooks()``)
        /// rather than for every action answered.
        var actionHandler: ActionHandler?
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
    /// The game's connection to Neuro. Package access: the session installs the component's
    /// hooks, and nothing outside may replace them; an observer reads ``view`` instead.
    package let component: NeuroComponent
    /// Whether ``play(on:)`` watches for abandoned forces itself.
    public let watchesForAbandonedForces: Bool
    /// Where the session records its context messages and actions for an observer; `nil`
    /// (the default) records nothing.
    public let activity: GameActivity?
    private let logger: Logger
    private let live: Mutex<Live>

    /// Creates a session.
    /// - Parameters:
    ///   - title: the `game` field of every command.
    ///   - plugin: the game, new or restored.
    ///   - options: names, saves, the shared force slot, activity and logger.
    public init(title: String, plugin: Plugin, options: GameSessionOptions = GameSessionOptions()) {
        self.title = title
        self.forceArbiter = options.forceArbiter
        self.saveStore = options.saveStore
        self.savesAfterEveryAction = options.savesAfterEveryAction
        self.watchesForAbandonedForces = options.watchesForAbandonedForces
        self.activity = options.activity
        var logger = options.logger
        logger[metadataKey: "neuro.game"] = "\(title)"
        self.logger = logger
        self.component = NeuroComponent(
            name: title,
            gameTitle: title,
            // No connector: the session plays only on the connections handed to `play(on:)`
            // (whoever serves it opens them).
            connector: nil,
            logger: logger,
            configuration: NeuroComponentConfiguration(handlesActionsInline: true)
        )
        self.live = Mutex(
            Live(
                core: GameSessionState(
                    plugin: plugin, names: options.names,
                    savesAfterEveryAction: options.savesAfterEveryAction && options.saveStore != nil,
                    isForceArbitrated: options.forceArbiter != nil, abandonedForceTimeout: options.abandonedForceTimeout))
        )
        installHooks()
    }

    /// The game as it is now.
    public var plugin: Plugin { live.withLock { $0.core.plugin } }
    /// Counters across connections, the component's answers without the game included.
    public var statistics: GameStatistics {
        let counters = component.client.core.counters
        var statistics = live.withLock { $0.core.statistics }
        statistics.invalidData = counters.invalidData
        statistics.unknownActions = counters.unknownActions + counters.duplicateIDs + counters.malformedActions
        statistics.lateActions = counters.lateActions
        return statistics
    }
    /// The session's own state (plugin, force slot); the connection's is
    /// `NeuroClient/core` of the session's component (seen from outside as ``view``).
    public var state: GameSessionState<Plugin> { live.withLock { $0.core } }
    /// Whether the game is waiting for the shared force slot.
    public var isWaitingForForceSlot: Bool { forceArbiter?.isWaitingForForceSlot(title) ?? false }

    /// Plays on one connection until it ends.
    /// - Returns: how it ended: closed by Neuro, or stopped.
    /// - Throws: the transport's error when the connection dropped or timed out; a
    ///   `NeuroError` with `NeuroError/Code/handlerFailed` when the game
    ///   itself threw (its value is the last good one; play again to restart it).
    public func play(on transport: any NeuroTransport) async throws -> SessionEnd {
        let isStopping = live.withLock { live in
            live.pluginError = nil
            return live.isStopping
        }
        guard !isStopping else {
            await transport.close(code: .goingAway, reason: "the game is stopping")
            return .stopped
        }
        // A force whose game disconnected frees the slot; a waiting one is withdrawn.
        defer { forceArbiter?.releaseForceSlot(for: title) }
        logger.info("connected; starting the game session")
        // The component serves the connection next to its socket (a websocket's event loop).
        // With nothing to run beside it, directly: no task group, no extra frame, per connection.
        let outcome =
            forceArbiter == nil && !watchesForAbandonedForces
            ? try await component.run(on: transport) : try await serve(transport)
        let (isStopped, pluginError) = live.withLock { ($0.isStopping, $0.pluginError) }
        if let pluginError {
            throw NeuroError(code: .handlerFailed, message: "\"\(title)\" failed: \(pluginError)", cause: pluginError)
        }
        switch outcome {
        case .closed(let code, let reason):
            return isStopped ? .stopped : .closedByNeuro(code, reason: reason)
        case .stopped:
            return .stopped
        case .dropped(let error):
            if isStopped { return .stopped }
            throw error
        }
    }

    /// Runs the component on the connection, beside the watch for abandoned forces and (with
    /// an arbiter) the force slot's signals; all end with the connection.
    private func serve(_ transport: any NeuroTransport) async throws -> NeuroDisconnectReason {
        // The slot's signals and the watch run next to the socket too: no thread hop per grant.
        return try await withTaskExecutorPreference(transport.preferredTaskExecutor) {
            try await serveWithTasksBeside(transport)
        }
    }

    private func serveWithTasksBeside(_ transport: any NeuroTransport) async throws -> NeuroDisconnectReason {
        try await withThrowingTaskGroup(of: NeuroDisconnectReason?.self) { group in
            if let forceArbiter {
                group.addTask {
                    try await self.serveForceSlot(from: forceArbiter)
                    return nil
                }
            }
            if watchesForAbandonedForces {
                group.addTask {
                    try await self.watchForAbandonedForces()
                    return nil
                }
            }
            group.addTask { try await self.component.run(on: transport) }
            while let outcome = try await group.next() {
                if let outcome {
                    group.cancelAll()
                    return outcome
                }
            }
            return .stopped(code: .goingAway, reason: nil)
        }
    }

    /// Acts on the slot's signals until cancelled: sends the force when granted, withdraws it
    /// when asked to.
    private func serveForceSlot(from arbiter: any ForceArbiter) async throws {
        let handler = actionHandler
        while true {
            let signal = try await arbiter.waitForForceSlot(for: title)
            do {
                switch signal {
                case .granted(let ticket):
                    try await change { live, core in live.core.forceSlotGranted(ticket: ticket, core: &core) }
                case .withdrawForce:
                    logger.warning("withdrawing a force Neuro did not answer in time")
                    try await change { live, core in live.core.forceSlotRevoked(core: &core, handler: handler, at: .now) }
                }
            } catch let error as NeuroError where error.code == .notConnected {
                // Signalled as the connection ended: the slot is given back when `play` returns.
            }
        }
    }

    /// Withdraws a force Neuro gave up on, if the wait for an action after a failed forced
    /// action is over (``GameSessionState/checkForAbandonedForce(core:handler:at:)``). Cheap
    /// when nothing is pending; does nothing while disconnected.
    public func checkForAbandonedForce() async {
        guard live.withLock({ $0.core.abandonedForceDeadline.map { $0 <= .now } ?? false }) else { return }
        let handler = actionHandler
        do {
            let withdrawn = try await change { live, core in
                let before = live.core.statistics.forcesAbandoned
                let effects = live.core.checkForAbandonedForce(core: &core, handler: handler, at: .now)
                return (live.core.statistics.forcesAbandoned > before, effects)
            }
            if withdrawn { logger.info("Neuro gave up on the force; withdrew it to force again") }
        } catch {
            logger.debug("could not withdraw an abandoned force", metadata: ["error": "\(error)"])
        }
    }

    /// Withdraws a force Neuro gave up on, until cancelled: sleeps until the deadline the
    /// state names, or a quarter of the timeout when it names none.
    private func watchForAbandonedForces() async throws {
        let (timeout, clock) = (live.withLock { $0.core.abandonedForceTimeout }, ContinuousClock())
        while true {
            let deadline = live.withLock { $0.core.abandonedForceDeadline } ?? clock.now + timeout / 4
            try await clock.sleep(until: max(deadline, clock.now + .milliseconds(10)))
            await checkForAbandonedForce()
        }
    }

    /// Stops cleanly: saves, unregisters every action (Neuro keeps them across a disconnect
    /// otherwise), and closes the connection with `code`. Final: a stopped session does not
    /// play again (``play(on:)`` closes the connection it is given and returns ``SessionEnd/stopped``).
    public func stop(code: WebSocketCloseCode = .goingAway, reason: String? = nil) async {
        live.withLock { $0.isStopping = true }
        do {
            try await change { live, core in live.core.stopping(core: &core, at: .now) }
        } catch let error as NeuroError where error.code == .notConnected {
            logger.debug("stopped while disconnected; saved without unregistering")
        } catch {
            logger.warning("could not unregister the actions before closing", metadata: ["error": "\(error)"])
        }
        await component.stop(code: code, reason: reason)
    }

    /// Waits for Neuro's next final `speech_finished` on the game's connection
    /// (`NeuroComponent/waitForSpeechToFinish()`), e.g. to show a result once she has
    /// finished talking about it.
    /// - Returns: the final message, or `nil` when the connection ended first.
    public func waitForSpeechToFinish() async -> SpeechFinished? {
        await component.waitForSpeechToFinish()
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

    // MARK: Internals

    /// Changes the session's and the connection's state together (under the client's lock,
    /// then the session's) and carries out the effects in decision order.
    private func change(_ body: (inout Live, inout NeuroConnectionCore) -> [SessionEffect]) async throws {
        try await change { live, core -> (Void, [SessionEffect]) in ((), body(&live, &core)) }
    }

    /// ``change(_:)`` returning a value.
    private func change<Value>(_ body: (inout Live, inout NeuroConnectionCore) -> (Value, [SessionEffect])) async throws -> Value
    {
        try await component.client.update { core -> (Value, [OutgoingStep]) in
            let (value, effects) = live.withLock { body(&$0, &core) }
            return (value, steps(for: effects))
        }
    }

    /// The steps that carry out effects. Handing the force slot on waits for the frame before
    /// it to be written: see the type's documentation.
    private func steps(for effects: [SessionEffect]) -> [OutgoingStep] {
        effects.compactMap { effect -> OutgoingStep? in
            switch effect {
            case .send(let command):
                activity?.sent(command)
                return .send(command)
            case .save:
                guard saveStore != nil else { return nil }
                return .then { await self.saveOffTheEventLoop() }
            case .requestForceSlot(let priority, let ticket):
                guard let forceArbiter else { return nil }
                return .then { [title] in forceArbiter.requestForceSlot(for: title, priority: priority, ticket: ticket) }
            case .releaseForceSlot:
                guard let forceArbiter else { return nil }
                return .afterWritten { [title] in forceArbiter.releaseForceSlot(for: title) }
            }
        }
    }

    /// Blocking file I/O: on NIO's pool for blocking work, never on the connection's event
    /// loop (which serves other games too) or Swift's cooperative pool.
    private func saveOffTheEventLoop() async {
        do {
            try await NIOThreadPool.singleton.runIfActive { self.saveNow() }
        } catch {
            saveNow()  // the singleton pool never shuts down; kept for completeness
        }
    }

    /// The handler of every one of the game's actions.
    private func perform(_ action: NeuroAction, data: JSONValue?) async throws -> ActionHandlerResult {
        activity?.actionArrived(action)
        let result = try await component.client.update { core -> ((ActionHandlerResult, (any Error)?), [OutgoingStep]) in
            let (outcome, effects, pluginError) = live.withLock { live in
                let performed = live.core.perform(action, data: data, core: &core, at: .now)
                if let error = performed.pluginError { live.pluginError = error }
                return performed
            }
            return ((outcome, pluginError), self.steps(for: effects))
        }
        if let pluginError = result.1 { logPluginError(pluginError, action: action) }
        return result.0
    }

    private func logPluginError(_ error: any Error, action: NeuroAction) {
        logger.error(
            "the game failed while performing an action", metadata: ["neuro.action": "\(action.name)", "error": "\(error)"])
    }

    /// What follows an action's result, in the same change as the result.
    private func actionAnswered(_ action: NeuroAction, result: ActionResult, core: inout NeuroConnectionCore) -> [OutgoingStep] {
        activity?.actionAnswered(action, result: result)
        let (effects, failed) = live.withLock { live in
            let handler = live.actionHandler ?? actionHandler
            return (
                live.core.actionAnswered(action, result: result, core: &core, handler: handler, at: .now),
                live.pluginError != nil
            )
        }
        var steps = steps(for: effects)
        if failed {
            // The game broke: end this connection; `play` throws and the host restarts it.
            steps.append(.then { await self.component.stop(code: .internalError, reason: "the game failed; restarting") })
        }
        return steps
    }

    private var actionHandler: ActionHandler {
        { [weak self] action, data in
            guard let self else { return .failure("The game has ended.") }
            return try await self.perform(action, data: data)
        }
    }

    private func installHooks() {
        live.withLock { [actionHandler] in $0.actionHandler = actionHandler }
        component.onConnected { [weak self] _ in
            guard let self else { return }
            let handler = actionHandler
            try await change { live, core in live.core.connected(core: &core, handler: handler) }
        }
        component.onStartupAcknowledged { [weak self] _, session in
            try await self?.change { live, _ in live.core.startupAcknowledged(session) }
        }
        component.onActionCompleted { [weak self] core, action, result in
            self?.actionAnswered(action, result: result, core: &core) ?? []
        }
        component.onGracefulShutdownRequest { [weak self] _, wantsShutdown in
            guard let self else { return }
            let handler = actionHandler
            try await change { live, core in
                live.core.gracefulShutdownRequested(wantsShutdown: wantsShutdown, core: &core, handler: handler, at: .now)
            }
        }
        component.onImmediateShutdownRequest { [weak self] _ in
            try await self?.change { live, _ in live.core.immediateShutdownRequested() }
        }
    }
}
