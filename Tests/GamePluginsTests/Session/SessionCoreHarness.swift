import NeuroAPI

@testable import GamePlugins
@testable import GameSessions

/// A game session's two pure cores — the connection's ``NeuroConnectionCore`` and the game's
/// ``GameSessionState`` — driven in the order `NeuroComponent` and `GameSession` drive them,
/// without sockets or tasks: for tests of every ordering rule.
///
/// Each call returns the effects in the order they would go out: the connection core's
/// commands as `.send`, the session's effects as they are.
struct SessionCoreHarness<Plugin: GamePlugin> {
    var state: GameSessionState<Plugin>
    var core: NeuroConnectionCore
    /// Stands for the session's handler; the harness performs the game itself.
    let handler: ActionHandler = { _, _ in .failure("not called by the harness") }

    init(
        plugin: Plugin,
        names: ActionNameMapping = .identity,
        recentWindow: Duration = .seconds(10),
        savesAfterEveryAction: Bool = false,
        isForceArbitrated: Bool = false,
        abandonedForceTimeout: Duration = .seconds(5)
    ) {
        state = GameSessionState(
            plugin: plugin, names: names, savesAfterEveryAction: savesAfterEveryAction, isForceArbitrated: isForceArbitrated,
            abandonedForceTimeout: abandonedForceTimeout)
        core = NeuroConnectionCore(recentWindow: recentWindow)
    }

    var plugin: Plugin { state.plugin }
    var registered: [String: Action] {
        Dictionary(uniqueKeysWithValues: core.registrations.map { ($0.key, $0.value.action) })
    }
    var registeredNames: [String] { core.registeredNames }
    var pendingForce: ActionForce? { core.pendingForce }
    var holdsForceSlot: Bool { state.holdsForceSlot }
    var forceSlotRequest: Int? { state.forceSlotRequest }
    var recentlyUnregisteredCount: Int { core.recentlyUnregisteredCount }
    var wantedForce: ActionForce? { state.wantedForce(core: core) }
    /// The session's statistics with the connection core's answers merged, as `GameSession` reports them.
    var statistics: GameStatistics {
        var statistics = state.statistics
        statistics.invalidData = core.counters.invalidData
        statistics.unknownActions = core.counters.unknownActions + core.counters.duplicateIDs + core.counters.malformedActions
        statistics.lateActions = core.counters.lateActions
        return statistics
    }

    /// A new connection: the component's `startup` and re-registration, then the session's hook.
    mutating func connected() -> [SessionEffect] {
        core.connected().map(SessionEffect.send) + state.connected(core: &core, handler: handler)
    }

    /// One action, answered as the component answers it with the session's handler.
    mutating func handle(
        _ action: NeuroAction,
        at now: ContinuousClock.Instant
    ) -> (effects: [SessionEffect], pluginError: (any Error)?) {
        switch core.accept(action, at: now) {
        case .answer(let result, _):
            let after = state.actionAnswered(action, result: result, core: &core, handler: handler, at: now)
            return ([.send(.actionResult(result))] + after, nil)
        case .perform(let registration, let data):
            let (outcome, before, error) = state.perform(action, data: data, core: &core, at: now)
            let result = core.complete(action, registration: registration, outcome: outcome, at: now)
            let after = state.actionAnswered(
                action, result: outcome.actionResult(id: action.id), core: &core, handler: handler, at: now)
            return (before + result.map(SessionEffect.send) + after, error)
        }
    }

    /// Neuro's `actions/reregister_all`, as the component answers it.
    func reregisterAll() -> [SessionEffect] {
        core.reregisterAll().map(SessionEffect.send)
    }

    mutating func forceSlotGranted(ticket: Int) -> [SessionEffect] {
        state.forceSlotGranted(ticket: ticket, core: &core)
    }

    mutating func stopping(at now: ContinuousClock.Instant = .now) -> [SessionEffect] {
        state.stopping(core: &core, at: now)
    }

    mutating func gracefulShutdownRequested(wantsShutdown: Bool, at now: ContinuousClock.Instant = .now) -> [SessionEffect] {
        state.gracefulShutdownRequested(wantsShutdown: wantsShutdown, core: &core, handler: handler, at: now)
    }

    mutating func startupAcknowledged(_ session: NeuroSessionInfo?) -> [SessionEffect] {
        state.startupAcknowledged(session)
    }

    mutating func checkForAbandonedForce(at now: ContinuousClock.Instant) -> [SessionEffect] {
        state.checkForAbandonedForce(core: &core, handler: handler, at: now)
    }

    mutating func forceSlotRevoked(at now: ContinuousClock.Instant = .now) -> [SessionEffect] {
        state.forceSlotRevoked(core: &core, handler: handler, at: now)
    }

    mutating func immediateShutdownRequested() -> [SessionEffect] {
        state.immediateShutdownRequested()
    }
}
