import NeuroAPI
import NeuroSim
import Synchronization

/// What the check knows of NeuroSim's side while it runs — which stage each connection belongs
/// to, which are open, how many actions and results each stage saw, when anything last
/// happened — fed by the simulator's events, and the waits on it.
///
/// A wait parks under the lock with its condition (`Waiters`), and each event wakes exactly
/// the waits whose condition it made true: no polling.
final class CheckMonitor: Sendable {
    /// Why the check has NeuroSim drop a connection.
    enum DropPurpose: Sendable, Hashable {
        /// Mid-game: the game must resume on a new connection.
        case reconnect
        /// The stage has had its results: it ends here, at an exact count, so that the same
        /// seed plays the same check again.
        case endOfStage
    }

    /// A drop the check plans: after the stage's `afterResults`-th result.
    struct PlannedDrop: Sendable, Hashable {
        var afterResults: Int
        var purpose: DropPurpose
    }

    /// An action NeuroSim sent with bad data on purpose that the game answered with success.
    struct AcceptedBadAction: Sendable, Hashable {
        var stage: PluginCheckStage
        var connectionID: Int
        var action: NeuroAction
    }

    /// The monitor's state, as conditions read it.
    struct State: Sendable {
        /// The stage new connections belong to.
        var stage = PluginCheckStage.play
        /// Every connection's stage, by NeuroSim's connection number.
        var stageByConnection: [Int: PluginCheckStage] = [:]
        /// The connections NeuroSim is serving now.
        var liveConnections: Set<Int> = []
        /// Results NeuroSim got in time, by the stage of their connection.
        var results: [PluginCheckStage: Int] = [:]
        /// Actions NeuroSim sent, by the stage of their connection.
        var actionsSent: [PluginCheckStage: Int] = [:]
        /// When NeuroSim last sent an action or got a result (or the stage began).
        var lastProgress = ContinuousClock.now
        /// Whether the player of the current stage has stopped connecting.
        var isPlayerDone = false
        /// Results of the stage's session, over its connections.
        var sessionResults = 0
        /// The drops still to come in this stage, in order.
        var plannedDrops: [PlannedDrop] = []
        /// The drop made on the current connection, until the player takes it.
        var madeDrop: DropPurpose?
        /// The actions NeuroSim sent with bad data on purpose and that await their result, by
        /// connection and id.
        var pendingBadActions: [Int: [String: NeuroAction]] = [:]
        /// Bad actions the game answered with success although it should have failed them.
        var acceptedBadActions: [AcceptedBadAction] = []

        fileprivate var waiters = Waiters<Int, Bool>()
        fileprivate var conditions: [Int: @Sendable (State) -> Bool] = [:]
        fileprivate var nextWaiterID = 0

        /// Results of the given stages together.
        func results(in stages: Set<PluginCheckStage>) -> Int {
            stages.reduce(0) { $0 + (results[$1] ?? 0) }
        }
    }

    private let state = Mutex(State())
    /// Drops a connection in NeuroSim; set once the simulator exists (it takes the monitor's
    /// ``record(_:)`` as its event handler, so it cannot be given at creation).
    private let dropper = Mutex<(@Sendable (Int) -> Void)?>(nil)

    /// Sets how the monitor has NeuroSim drop a connection.
    func setDropper(_ drop: @escaping @Sendable (Int) -> Void) {
        dropper.withLock { $0 = drop }
    }

    /// The state now.
    var snapshot: State { state.withLock { $0 } }

    /// Records one of the simulator's events and wakes the waits it satisfies.
    ///
    /// Called on the connection's task as NeuroSim handles the message, before it handles the
    /// next one: a planned drop made here lands right after the stage's exact result, before
    /// NeuroSim sends another action on the connection.
    func record(_ event: NeuroSimEvent) {
        var drop: Int?
        update { state in
            switch event {
            case .connected(let id, _):
                state.stageByConnection[id] = state.stage
                state.liveConnections.insert(id)
            case .disconnected(let id, _):
                state.liveConnections.remove(id)
            case .actionSent(let id, let action, _, let isBad):
                state.actionsSent[state.stageByConnection[id] ?? state.stage, default: 0] += 1
                if isBad { state.pendingBadActions[id, default: [:]][action.id] = action }
                state.lastProgress = .now
            case .resultReceived(let id, let result, _):
                let stage = state.stageByConnection[id] ?? state.stage
                state.results[stage, default: 0] += 1
                if let action = state.pendingBadActions[id]?.removeValue(forKey: result.id), result.isSuccess,
                    Self.mustFail(action)
                {
                    state.acceptedBadActions.append(AcceptedBadAction(stage: stage, connectionID: id, action: action))
                }
                state.lastProgress = .now
                state.sessionResults += 1
                if let next = state.plannedDrops.first, state.sessionResults >= next.afterResults, state.madeDrop == nil {
                    state.plannedDrops.removeFirst()
                    state.madeDrop = next.purpose
                    drop = id
                }
            case .identified, .diagnostic, .closedByGame:
                break
            }
        }
        if let drop, let dropper = dropper.withLock({ $0 }) { dropper(drop) }
    }

    /// Whether an action sent with bad data on purpose must be answered with a failure: always,
    /// but for data that is not JSON sent to an action without a schema, which a game ignores
    /// by design (the connection hands the action no data). That one can succeed only when the
    /// action has no schema, since the connection fails it for an action that has one.
    static func mustFail(_ action: NeuroAction) -> Bool {
        guard let data = action.data else { return true }
        return (try? JSONParser().parse(data)) != nil
    }

    /// Starts a stage: its connections are counted under `stage`, and NeuroSim drops them as
    /// `drops` plans.
    func begin(_ stage: PluginCheckStage, drops: [PlannedDrop]) {
        update { state in
            state.stage = stage
            state.isPlayerDone = false
            state.sessionResults = 0
            state.plannedDrops = drops.sorted { $0.afterResults < $1.afterResults }
            state.madeDrop = nil
            state.lastProgress = .now
        }
    }

    /// Changes the state and wakes the waits whose conditions now hold.
    func update(_ change: (inout State) -> Void) {
        let woken = state.withLock { state -> [Waiters<Int, Bool>.Waiter] in
            change(&state)
            let met = state.conditions.filter { $0.value(state) }.map(\.key)
            return met.compactMap { id in
                state.conditions[id] = nil
                return state.waiters.take(id)
            }
        }
        for waiter in woken { waiter.resume(returning: true) }
    }

    /// When NeuroSim last sent an action or got a result.
    var lastProgress: ContinuousClock.Instant { state.withLock { $0.lastProgress } }

    /// Takes the drop NeuroSim made on the connection that just ended, if it made one: why the
    /// connection ended, when the check ended it.
    func takeDrop() -> DropPurpose? {
        state.withLock { state in
            defer { state.madeDrop = nil }
            return state.madeDrop
        }
    }

    /// Waits until `condition` holds.
    /// - Returns: `true` when it holds, `false` when the task was cancelled first.
    func wait(until condition: @escaping @Sendable (State) -> Bool) async -> Bool {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        let isMet = await state.wait(in: \.waiters, as: id, ifCancelled: false) { state in
            if condition(state) { return true }
            state.conditions[id] = condition
            return nil
        }
        state.withLock { _ = $0.conditions.removeValue(forKey: id) }
        return isMet
    }
}
