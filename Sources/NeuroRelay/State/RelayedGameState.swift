import NeuroAPI
import NeuroSim

/// The pure core of one relayed game: what the host does between a game written with any SDK
/// and Neuro, with no I/O and the time passed in.
///
/// It changes together with the upstream connection's `NeuroConnectionCore` (the actions
/// registered at Neuro under their wire names, the force sent), under the same lock, and
/// returns the ``RelayEffect``s to carry out in order. The rules, each with its tests:
/// - **Names**: every name the game sends is prefixed (``RelayNames``); Neuro's actions are
///   handed to the game under its own names.
/// - **One force per Neuro**: the game's force waits for the shared force slot (the game is
///   not told); it is withdrawn when the game unregisters one of its actions, and the slot is
///   given back once the force is answered, withdrawn, or the game or Neuro leaves. A grant
///   that comes while an action awaits the game's result waits for that result.
/// - **Neuro drops or restarts**: ``upstreamConnected(core:)`` sends `startup`, the actions and
///   (through the slot) the force again; actions in flight then are answered to nobody, and
///   the game's late result for one is dropped and counted (``lateResults``). Contexts are
///   repeated to a new Neuro session, not to the same one (``startupAcknowledged(_:core:)``).
/// - **The game drops**: ``gameDisconnected(core:at:)`` answers its actions in flight with a
///   failure, unregisters its actions and gives the slot back.
/// - **Checks**: what NeuroSim would flag is counted by rule (``diagnosticCounts``) and what
///   would break Neuro is not sent.
public struct RelayedGameState: Sendable {
    /// Where the game's force is with the shared slot.
    public enum ForceSlotState: Sendable, Hashable {
        /// Not asked for.
        case idle
        /// Asked for with this ticket.
        case requested(ticket: Int)
        /// Held: the force was sent.
        case holding
    }

    /// An action of Neuro handed to the game and not answered yet.
    struct Forwarded: Sendable {
        var action: NeuroAction
        var registration: NeuroConnectionCore.Registration
    }

    /// The most contexts kept to repeat to a new Neuro session.
    public static let contextLimit = 64
    /// The most ids of actions answered to nobody that are remembered, to drop their late results.
    public static let orphanLimit = 1024

    /// The game's title.
    public let title: String
    /// The game's names on the wire.
    public let names: RelayNames
    /// The game's force (wire names) until it is answered or withdrawn, sent or waiting.
    public private(set) var wantedForce: ActionForce?
    /// Where the force is with the slot.
    public private(set) var forceSlot = ForceSlotState.idle
    /// Whether the game has sent its `startup`.
    public private(set) var hasStarted = false
    /// Whether the upstream connection is open.
    public private(set) var isUpstreamConnected = false
    /// Diagnostics counted, by rule.
    public private(set) var diagnosticCounts: [ConformanceRule: Int] = [:]
    /// Results of the game for actions answered to nobody (Neuro dropped meanwhile), dropped.
    public private(set) var lateResults = 0
    /// Actions of Neuro handed to the game.
    public private(set) var actionsForwarded = 0
    /// Results of the game sent to Neuro.
    public private(set) var resultsForwarded = 0
    /// Of those, failures.
    public private(set) var failuresForwarded = 0
    /// Forces sent to Neuro.
    public private(set) var forcesSent = 0

    /// Whether the game said `shutdown/ready` (its later forces are not sent).
    var isShutdownReady = false
    /// The upstream connection's number: the ids of Neuro's actions are unique on one
    /// connection only, so from the second on the game sees `id@n`.
    private(set) var epoch = 0
    /// Neuro's actions handed to the game, by the id the game sees.
    var forwarded: [String: Forwarded] = [:]
    private var orphaned: [String] = []
    private var nextTicket = 0
    private var deferredGrant: Int?
    /// The game's contexts, for a new Neuro session; `deliveredContexts` of them reached
    /// `contextSession`.
    private var contexts: [(message: String, isSilent: Bool)] = []
    private var deliveredContexts = 0
    private var contextSession: String?
    /// Whether contexts wait for the acknowledgement of the upstream `startup`.
    private var isAwaitingAcknowledgement = false
    /// Acknowledgements of `startup` owed to the game (one per `startup` it sent).
    private var acknowledgementsOwed = 0

    /// A game that has not sent anything yet.
    public init(title: String, names: RelayNames) {
        self.title = title
        self.names = names
    }

    /// The ids of Neuro's actions the game has not answered.
    public var actionsInFlight: Set<String> { Set(forwarded.keys) }

    /// Counts a diagnostic and returns its effect.
    mutating func diagnose(_ rule: ConformanceRule, _ message: String) -> RelayEffect {
        diagnosticCounts[rule, default: 0] += 1
        return .diagnostic(rule, message)
    }

    // MARK: Upstream

    /// A new upstream connection is open: `startup` and every action again; the force asks
    /// for the slot again; actions in flight are answered to nobody.
    public mutating func upstreamConnected(core: inout NeuroConnectionCore) -> [RelayEffect] {
        isUpstreamConnected = true
        isAwaitingAcknowledgement = true
        isShutdownReady = false
        epoch += 1
        orphanInFlightActions(core: &core)
        var effects = core.connected().map(RelayEffect.upstream)
        forceSlot = .idle
        deferredGrant = nil
        if let force = wantedForce { effects += requestSlot(for: force) }
        return effects
    }

    /// The upstream connection ended: actions in flight are answered to nobody; the slot is
    /// given back (the shell does it as the connection ends).
    public mutating func upstreamDisconnected(core: inout NeuroConnectionCore) -> [RelayEffect] {
        isUpstreamConnected = false
        orphanInFlightActions(core: &core)
        let hadSlot = forceSlot != .idle
        forceSlot = .idle
        deferredGrant = nil
        return hadSlot ? [.releaseForceSlot] : []
    }

    /// Neuro acknowledged a `startup`: passed to the game when it sent one; contexts go to a
    /// Neuro session that has not heard them (all of them to a new session, the missing ones
    /// to the same session).
    public mutating func startupAcknowledged(_ session: NeuroSessionInfo?, core: inout NeuroConnectionCore) -> [RelayEffect] {
        var effects: [RelayEffect] = []
        if acknowledgementsOwed > 0 {
            acknowledgementsOwed -= 1
            effects.append(.downstream(.startupAcknowledgement(session)))
        }
        guard isAwaitingAcknowledgement else { return effects }
        isAwaitingAcknowledgement = false
        let id = session?.sessionID
        let start = id != nil && id == contextSession ? deliveredContexts : 0
        let actionNames = gameActionNames(core: core)
        for context in contexts[start...] {
            effects.append(
                .upstream(.context(message: names.wireText(context.message, actionNames: actionNames), isSilent: true)))
        }
        contextSession = id
        deliveredContexts = contexts.count
        return effects
    }

    /// Neuro sent a command on the upstream connection.
    public mutating func neuroSent(
        _ command: NeuroCommand, core: inout NeuroConnectionCore, at now: ContinuousClock.Instant
    ) -> [RelayEffect] {
        switch command {
        case .action(let action):
            switch core.accept(action, at: now) {
            case .answer(let result, _):
                return [.upstream(.actionResult(result))]
            case .perform(let registration, _):
                guard let name = names.gameName(ofWireName: action.name) else {
                    core.abandon(action)
                    return [.upstream(.actionResult(.failure(id: action.id, message: "Unknown action \"\(action.name)\".")))]
                }
                let id = epoch > 1 ? "\(action.id)@\(epoch)" : action.id
                forwarded[id] = Forwarded(action: action, registration: registration)
                actionsForwarded += 1
                return [.downstream(.action(NeuroAction(id: id, name: name, data: action.data)))]
            }
        case .startupAcknowledgement(let session):
            return startupAcknowledged(session, core: &core)
        case .reregisterAllActions:
            // Neuro forgot everything: the host registers the actions (and the force it holds
            // the slot for) itself; the game hears it too, and its identical registrations are
            // not sent twice.
            return core.reregisterAll().map(RelayEffect.upstream) + [.downstream(command)]
        case .gracefulShutdownRequest(false):
            isShutdownReady = false
            return [.downstream(command)]
        case .gracefulShutdownRequest, .immediateShutdownRequest, .speechFinished, .unknown:
            return [.downstream(command)]
        }
    }

    // MARK: Force slot

    /// The slot granted request `ticket`: the force is sent if it is still wanted (after the
    /// result of an action in flight, when there is one).
    public mutating func forceSlotGranted(ticket: Int, core: inout NeuroConnectionCore) -> [RelayEffect] {
        guard forceSlot == .requested(ticket: ticket) else { return [] }
        guard forwarded.isEmpty else {
            deferredGrant = ticket
            return []
        }
        deferredGrant = nil
        guard let force = wantedForce, isUpstreamConnected, !isShutdownReady else {
            forceSlot = .idle
            return [.releaseForceSlot]
        }
        do {
            let command = try core.force(force)
            forceSlot = .holding
            forcesSent += 1
            return [.upstream(command)]
        } catch {
            wantedForce = nil
            forceSlot = .idle
            return [.releaseForceSlot]
        }
    }

    /// The slot timed out: the force is withdrawn at Neuro (its actions unregistered and
    /// registered again), the slot handed on, and asked for again.
    public mutating func forceSlotRevoked(core: inout NeuroConnectionCore, at now: ContinuousClock.Instant) -> [RelayEffect] {
        guard forceSlot == .holding, let force = core.pendingForce else { return [] }
        let actions = force.actionNames.compactMap { name in core.registrations[name]?.action }
        var effects: [RelayEffect] = []
        if let command = try? core.unregister(force.actionNames, at: now) { effects.append(.upstream(command)) }
        if !actions.isEmpty, let registered = try? core.register(actions.map { ($0, nil) }, as: .permanent) {
            effects.append(.upstream(registered.command))
        }
        forceSlot = .idle
        effects.append(.releaseForceSlot)
        if let wanted = wantedForce { effects += requestSlot(for: wanted) }
        return effects
    }

    mutating func requestSlot(for force: ActionForce) -> [RelayEffect] {
        guard forceSlot == .idle, isUpstreamConnected else { return [] }
        let ticket = nextTicket
        nextTicket += 1
        forceSlot = .requested(ticket: ticket)
        return [.requestForceSlot(force.priority, ticket: ticket)]
    }

    /// The force is over (answered or withdrawn): the slot goes back once the frame before is
    /// written.
    mutating func endForce() -> [RelayEffect] {
        wantedForce = nil
        deferredGrant = nil
        guard forceSlot != .idle else { return [] }
        forceSlot = .idle
        return [.releaseForceSlot]
    }

    mutating func setWantedForce(_ force: ActionForce?) { wantedForce = force }

    /// A grant deferred for an action's result, now that the result is out.
    mutating func takeDeferredGrant(core: inout NeuroConnectionCore) -> [RelayEffect] {
        guard let ticket = deferredGrant, forwarded.isEmpty else { return [] }
        return forceSlotGranted(ticket: ticket, core: &core)
    }

    // MARK: Bookkeeping

    mutating func markStarted() {
        hasStarted = true
        acknowledgementsOwed += 1
    }

    /// Records a context; returns whether it goes to Neuro now (else at the next acknowledgement).
    mutating func record(context message: String, isSilent: Bool) -> Bool {
        contexts.append((message, isSilent))
        if contexts.count > Self.contextLimit {
            contexts.removeFirst(contexts.count - Self.contextLimit)
            deliveredContexts = max(0, deliveredContexts - 1)
        }
        guard isUpstreamConnected, !isAwaitingAcknowledgement else { return false }
        deliveredContexts = contexts.count
        return true
    }

    mutating func forgetContexts() {
        contexts = []
        deliveredContexts = 0
    }

    /// Whether `id` was answered to nobody; forgets it.
    mutating func takeOrphan(_ id: String) -> Bool {
        guard let index = orphaned.firstIndex(of: id) else { return false }
        orphaned.remove(at: index)
        lateResults += 1
        return true
    }

    mutating func countResult(isSuccess: Bool) {
        resultsForwarded += 1
        if !isSuccess { failuresForwarded += 1 }
    }

    private mutating func orphanInFlightActions(core: inout NeuroConnectionCore) {
        for (id, entry) in forwarded {
            core.abandon(entry.action)
            orphaned.append(id)
        }
        forwarded = [:]
        if orphaned.count > Self.orphanLimit { orphaned.removeFirst(orphaned.count - Self.orphanLimit) }
    }

    /// The game's own names of its registered actions.
    func gameActionNames(core: NeuroConnectionCore) -> Set<String> {
        Set(core.registeredNames.compactMap(names.gameName(ofWireName:)))
    }
}
