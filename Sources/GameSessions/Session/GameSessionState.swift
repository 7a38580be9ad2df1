import GamePlugins
import NeuroAPI

/// The pure core of a game session: what a plugin adds to the connection's protocol rules.
///
/// The connection's `NeuroConnectionCore` answers every action exactly once, keeps
/// what is registered and the pending force, and sends `startup` and the registered actions
/// on every connect. This value owns the rest, and every function takes that core as an
/// argument, so that both change under one lock and every rule is tested without sockets:
/// - on every connection: the actions the game offers now, and its force; the introduction on
///   the first connection, and again when Neuro's startup acknowledgement names a session
///   other than the one that was introduced (she restarted and forgot it; context survives a
///   mere reconnect);
/// - every text Neuro reads names actions by their names on the wire
///   (``ActionNameMapping/render(_:actionNames:)``);
/// - an accepted action: actions the move made unavailable are unregistered *before* the
///   successful result (``perform(_:data:core:at:)``); after the result come the game's
///   context messages, new actions, and the next force (``actionAnswered(_:result:core:handler:at:)``);
/// - a force is never sent before its actions are registered, never names an unregistered
///   action, and never while Neuro still has one from this game;
/// - a force Neuro gave up on: the real Neuro retries a failed forced action a few times and
///   then abandons the force *silently*. When no action comes for ``abandonedForceTimeout``
///   after a failed forced action, the game withdraws the force (unregisters its actions, so
///   it is over at Neuro for certain), registers them again and forces anew when its turn
///   comes (``checkForAbandonedForce(core:handler:at:)``);
/// - when the session is *arbitrated* (several games share one Neuro, hence one force slot),
///   a wanted force is not sent inline: the core emits ``SessionEffect/requestForceSlot(_:ticket:)``,
///   sends the force from ``forceSlotGranted(ticket:core:)`` if it is still wanted then, and
///   emits ``SessionEffect/releaseForceSlot`` once the force is answered or withdrawn, after
///   the result (the hand-off: ``ForceSlot``). When the slot times out, the game withdraws its
///   force first (``forceSlotRevoked(core:handler:at:)``), so two forces are never outstanding;
/// - Neuro's `shutdown/graceful` with `wants_shutdown: true` quits to the menu: save,
///   unregister every action, stop forcing, then `shutdown/ready`; `false` brings the game back.
public struct GameSessionState<Plugin: GamePlugin>: Sendable {
    /// The game.
    public private(set) var plugin: Plugin
    /// How action names map to the wire.
    public let names: ActionNameMapping
    /// Whether an accepted action is followed by a ``SessionEffect/save``.
    public let savesAfterEveryAction: Bool
    /// How long after a failed forced action without any action from Neuro the force counts
    /// as abandoned.
    public let abandonedForceTimeout: Duration
    /// The game's counters across connections (those of actions answered without the game
    /// are the connection core's `NeuroConnectionCore/counters`).
    public private(set) var statistics = GameStatistics()
    /// Whether forces wait for a grant of the shared force slot.
    public let isForceArbitrated: Bool
    /// Whether this game holds the force slot (always, when not arbitrated).
    public private(set) var holdsForceSlot: Bool
    /// The ticket of the outstanding slot request, if one is outstanding.
    public private(set) var forceSlotRequest: Int?
    /// The last time registering the game's actions failed (a plugin with an invalid action).
    public private(set) var registrationError: NeuroError?
    /// When a forced action last failed while its force was still pending, with no action
    /// from Neuro since.
    public private(set) var forceFailedAt: ContinuousClock.Instant?
    /// Neuro asked the game to quit to the menu: nothing is registered or forced until she
    /// cancels, or a new connection starts the game again.
    public private(set) var isAtMenu = false
    /// The game answered `shutdown/immediate` with `shutdown/ready`: Neuro ends it next, so it
    /// forces nothing more on this connection (a new connection starts it again).
    public private(set) var hasAnsweredImmediateShutdown = false
    /// The game is closing its connection for good (``stopping(core:at:)``): nothing is
    /// registered or forced any more, also by an action whose answer was already under way.
    public private(set) var isStopping = false
    /// ``GamePlugin/actionNames``: a handful, shared with the plugin type (no copy per game).
    private let actionNames: [String]
    private var nextForceSlotTicket = 0
    private var hasIntroduced = false
    /// The first connection introduced the game before its acknowledgement came.
    private var awaitsFirstAcknowledgement = false
    /// The Neuro session the introduction was last given to (`nil`: unknown).
    private var introducedSession: String?
    /// Between an accepted action and its result: what to tell Neuro after the result, and
    /// the actions the game offers after the move (the plugin is asked once per action).
    private var followUp: (context: [GameContext], wanted: [Action])?
    /// An action is between ``perform(_:data:core:at:)`` and its answer.
    private var isPerforming = false
    /// A slot grant that came while an action was being performed; used after its result.
    private var deferredGrant: Int?

    /// Creates the core for a game.
    public init(
        plugin: Plugin,
        names: ActionNameMapping = .identity,
        savesAfterEveryAction: Bool = false,
        isForceArbitrated: Bool = false,
        abandonedForceTimeout: Duration = .seconds(5)
    ) {
        self.isForceArbitrated = isForceArbitrated
        self.holdsForceSlot = !isForceArbitrated
        self.plugin = plugin
        self.names = names
        self.savesAfterEveryAction = savesAfterEveryAction
        self.abandonedForceTimeout = abandonedForceTimeout
        self.actionNames = Plugin.actionNames
    }

    /// The actions that should be registered now, in wire names.
    public var wantedActions: [Action] {
        names.prefix.isEmpty ? plugin.actions : plugin.actions.map(names.wireAction)
    }

    /// A text as Neuro reads it: the game's backticked action names as wire names.
    public func render(_ text: String) -> String {
        names.render(text, actionNames: actionNames)
    }

    /// The force the game would send now, in wire names: none is pending, the game wants one,
    /// and every action it names is registered.
    public func wantedForce(core: NeuroConnectionCore) -> ActionForce? {
        guard !isAtMenu, !isStopping, !hasAnsweredImmediateShutdown, core.pendingForce == nil,
            let force = plugin.force.map({ names.wireForce($0, actionNames: actionNames) }),
            !force.actionNames.isEmpty, force.actionNames.allSatisfy(core.isRegistered)
        else { return nil }
        return force
    }

    /// When ``checkForAbandonedForce(core:handler:at:)`` next has something to check.
    public var abandonedForceDeadline: ContinuousClock.Instant? {
        forceFailedAt.map { $0 + abandonedForceTimeout }
    }

    /// A new connection, after the connection core sent `startup` and the registered actions.
    /// - Parameters:
    ///   - core: the connection's core, where the game's actions are registered.
    ///   - handler: answers each of the game's actions (the session's).
    public mutating func connected(core: inout NeuroConnectionCore, handler: @escaping ActionHandler) -> [SessionEffect] {
        if isForceArbitrated {
            // The shell gave the slot back when the previous connection ended.
            holdsForceSlot = false
            forceSlotRequest = nil
        }
        followUp = nil
        isPerforming = false
        deferredGrant = nil
        forceFailedAt = nil
        isAtMenu = false
        hasAnsweredImmediateShutdown = false
        statistics.sessions += 1
        var effects: [SessionEffect] = []
        if !hasIntroduced {
            hasIntroduced = true
            awaitsFirstAcknowledgement = true
            effects.append(.send(.context(message: render(plugin.introduction), isSilent: true)))
        } else {
            awaitsFirstAcknowledgement = false
        }
        effects += registerMissingAndForce(core: &core, handler: handler)
        return effects
    }

    /// Neuro acknowledged `startup`: a session other than the introduced one (or none named)
    /// has not heard the introduction.
    public mutating func startupAcknowledged(_ session: NeuroSessionInfo?) -> [SessionEffect] {
        let id = session?.sessionID
        if awaitsFirstAcknowledgement {
            // The first connection introduced the game to this session already.
            awaitsFirstAcknowledgement = false
            introducedSession = id
            return []
        }
        if let id, id == introducedSession { return [] }
        introducedSession = id
        return [.send(.context(message: render(plugin.introduction), isSilent: true))]
    }

    /// Applies an action whose data the connection core already checked against its schema.
    /// - Returns: the outcome to answer with, what must be sent *before* that result (the
    ///   unregistration of actions the move made unavailable), and the error when the game
    ///   itself failed (its value stays the last good one; the session should end).
    public mutating func perform(
        _ action: NeuroAction,
        data: JSONValue?,
        core: inout NeuroConnectionCore,
        at now: ContinuousClock.Instant
    ) -> (outcome: ActionHandlerResult, effects: [SessionEffect], pluginError: (any Error)?) {
        isPerforming = true
        forceFailedAt = nil  // Neuro acted: she has not given up
        guard let pluginName = names.pluginName(action.name) else {
            return (.failure("\"\(action.name)\" is not an action of this game."), [], nil)
        }
        var next = plugin
        let outcome: GameOutcome
        do {
            // The connection core checked the data against the schema, unless it was told not to.
            outcome =
                core.validatesActionData
                ? try next.perform(pluginName, validatedData: data) : try next.perform(pluginName, data: data)
        } catch {
            statistics.pluginErrors += 1
            return (.failure("The game hit an internal error and is restarting; try again in a moment."), [], error)
        }
        guard outcome.isAccepted else {
            statistics.actionsRejected += 1
            return (.failure(render(outcome.message)), [], nil)
        }
        statistics.actionsAccepted += 1
        plugin = next
        let wanted = wantedActions
        followUp = (outcome.context, wanted)
        let message = outcome.message.isEmpty ? nil : render(outcome.message)
        return (.success(message), unregisterStale(core: &core, wanted: wanted, at: now), nil)
    }

    /// An action was answered with `result` (by the game, or by the connection core without
    /// it), and the result goes out just before these effects: the game's context messages,
    /// the force slot handed on when the force was answered, new actions, the next force, and
    /// the save. A failed forced action starts the wait for an abandoned force.
    public mutating func actionAnswered(
        _ action: NeuroAction,
        result: ActionResult,
        core: inout NeuroConnectionCore,
        handler: @escaping ActionHandler,
        at now: ContinuousClock.Instant
    ) -> [SessionEffect] {
        isPerforming = false
        if result.isSuccess {
            forceFailedAt = nil
        } else if core.pendingForce?.actionNames.contains(action.name) == true {
            forceFailedAt = now
        }
        var effects: [SessionEffect] = []
        if let (context, wanted) = followUp {
            followUp = nil
            effects += context.map { .send(.context(message: render($0.message), isSilent: $0.isSilent)) }
            effects += releaseIdleForceSlot(core: core)
            effects += registerMissingAndForce(core: &core, handler: handler, wanted: wanted)
            if savesAfterEveryAction { effects.append(.save) }
        }
        if let ticket = deferredGrant {
            deferredGrant = nil
            effects += forceSlotGranted(ticket: ticket, core: &core)
        }
        return effects
    }

    /// Withdraws a force Neuro gave up on: no action came for ``abandonedForceTimeout`` after
    /// one of its actions failed. Its actions are unregistered (which ends a force at Neuro
    /// for certain), the slot is handed on, and they are registered and forced again when the
    /// game's turn comes.
    public mutating func checkForAbandonedForce(
        core: inout NeuroConnectionCore,
        handler: @escaping ActionHandler,
        at now: ContinuousClock.Instant
    ) -> [SessionEffect] {
        guard let deadline = abandonedForceDeadline, deadline <= now else { return [] }
        forceFailedAt = nil
        guard !isPerforming, let force = core.pendingForce else { return [] }
        statistics.forcesAbandoned += 1
        return withdraw(force, core: &core, handler: handler, at: now)
    }

    /// The force arbiter granted the slot for the request with `ticket`: send the wanted force
    /// now, or give the slot back when none is wanted any more. A grant of an older request
    /// (withdrawn since) is ignored; one that comes while an action is being performed is
    /// used once its result is out, so a force never goes out before that result.
    public mutating func forceSlotGranted(ticket: Int, core: inout NeuroConnectionCore) -> [SessionEffect] {
        guard isForceArbitrated, forceSlotRequest == ticket else { return [] }
        if isPerforming {
            deferredGrant = ticket
            return []
        }
        forceSlotRequest = nil
        guard let force = wantedForce(core: core) else { return [.releaseForceSlot] }
        holdsForceSlot = true
        return send(force, core: &core)
    }

    /// The shared force slot timed out while this game held it: withdraw the force at Neuro
    /// (unregister its actions), then hand the slot on; the game asks for it again.
    public mutating func forceSlotRevoked(
        core: inout NeuroConnectionCore,
        handler: @escaping ActionHandler,
        at now: ContinuousClock.Instant
    ) -> [SessionEffect] {
        guard isForceArbitrated, holdsForceSlot else { return [] }
        guard let force = core.pendingForce else {
            holdsForceSlot = false
            return [.releaseForceSlot] + registerMissingAndForce(core: &core, handler: handler)
        }
        statistics.forcesWithdrawn += 1
        forceFailedAt = nil
        return withdraw(force, core: &core, handler: handler, at: now)
    }

    /// Neuro asked the game to save and quit to the menu (`wantsShutdown`), or cancelled that.
    ///
    /// Quitting: save, unregister every action (which also ends a pending force), stop
    /// forcing and hand the slot on, then `shutdown/ready`. Cancelling: the game comes back,
    /// with its actions and its force.
    public mutating func gracefulShutdownRequested(
        wantsShutdown: Bool,
        core: inout NeuroConnectionCore,
        handler: @escaping ActionHandler,
        at now: ContinuousClock.Instant
    ) -> [SessionEffect] {
        guard wantsShutdown else {
            guard isAtMenu else { return [] }
            isAtMenu = false
            return registerMissingAndForce(core: &core, handler: handler)
        }
        isAtMenu = true
        forceFailedAt = nil
        var effects: [SessionEffect] = [.save]
        if let command = try? core.unregister(core.registeredNames, at: now) {
            effects.append(.send(command))
        }
        effects += giveUpForceSlot()
        effects.append(.send(.shutdownReady))
        return effects
    }

    /// Neuro asked the game to save what it can within seconds: save, then `shutdown/ready`.
    ///
    /// After that the game forces nothing more on this connection (Neuro takes a force after
    /// `shutdown/ready` as a protocol error): a slot request not yet granted is withdrawn, and
    /// a force already pending is answered as usual but not followed by another. Its actions
    /// stay registered, and any action Neuro still sends is answered.
    public mutating func immediateShutdownRequested() -> [SessionEffect] {
        hasAnsweredImmediateShutdown = true
        var effects: [SessionEffect] = [.save, .send(.shutdownReady)]
        if isForceArbitrated, !holdsForceSlot, forceSlotRequest != nil {
            forceSlotRequest = nil
            effects.append(.releaseForceSlot)
        }
        return effects
    }

    /// The game is closing its connection cleanly: unregister everything first, because
    /// Neuro keeps registered actions across a disconnect.
    public mutating func stopping(core: inout NeuroConnectionCore, at now: ContinuousClock.Instant) -> [SessionEffect] {
        isStopping = true
        var effects: [SessionEffect] = [.save]
        if let command = try? core.unregister(core.registeredNames, at: now) {
            effects.append(.send(command))
        }
        return effects + giveUpForceSlot()
    }

    // MARK: Internals

    private mutating func send(_ force: ActionForce, core: inout NeuroConnectionCore) -> [SessionEffect] {
        guard let command = try? core.force(force) else { return [] }
        statistics.forcesSent += 1
        return [.send(command)]
    }

    /// Ends `force` at Neuro for certain, hands the slot on, and offers the actions again.
    private mutating func withdraw(
        _ force: ActionForce,
        core: inout NeuroConnectionCore,
        handler: @escaping ActionHandler,
        at now: ContinuousClock.Instant
    ) -> [SessionEffect] {
        var effects: [SessionEffect] = []
        if let command = try? core.unregister(force.actionNames, at: now) {
            effects.append(.send(command))
        }
        if isForceArbitrated && holdsForceSlot {
            holdsForceSlot = false
            effects.append(.releaseForceSlot)
        }
        return effects + registerMissingAndForce(core: &core, handler: handler)
    }

    /// Gives the slot back, or withdraws the request for it.
    private mutating func giveUpForceSlot() -> [SessionEffect] {
        guard isForceArbitrated && (holdsForceSlot || forceSlotRequest != nil) else { return [] }
        holdsForceSlot = false
        forceSlotRequest = nil
        return [.releaseForceSlot]
    }

    /// Unregisters registered actions that the game no longer offers (or offers changed).
    private func unregisterStale(
        core: inout NeuroConnectionCore,
        wanted: [Action],
        at now: ContinuousClock.Instant
    ) -> [SessionEffect] {
        // The usual case after an action: the game offers exactly what is registered, in the
        // same order. Checked without building anything.
        if core.registrations.count == wanted.count,
            zip(core.registrations.values, wanted).allSatisfy({ $0.action == $1 })
        {
            return []
        }
        // Games usually offer a handful of actions: then a linear search beats building a
        // dictionary for every action.
        let byName: [String: Action]? =
            wanted.count > 16 ? Dictionary(wanted.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }) : nil
        let stale = core.registrations.compactMap { name, registration in
            let current = byName.map { $0[name] } ?? wanted.first(where: { $0.name == name })
            return current == registration.action ? nil : name
        }
        guard !stale.isEmpty, let command = try? core.unregister(stale, at: now) else { return [] }
        return [.send(command)]
    }

    /// Gives the force slot back once this game's force was answered or withdrawn.
    private mutating func releaseIdleForceSlot(core: NeuroConnectionCore) -> [SessionEffect] {
        guard isForceArbitrated, holdsForceSlot, core.pendingForce == nil else { return [] }
        holdsForceSlot = false
        return [.releaseForceSlot]
    }

    /// Registers what is missing, then sends the game's force (or asks for the slot to send
    /// it) when none is pending; withdraws a slot request whose force is no longer wanted.
    /// Nothing while the game is at the menu.
    private mutating func registerMissingAndForce(
        core: inout NeuroConnectionCore,
        handler: @escaping ActionHandler,
        wanted: [Action]? = nil
    ) -> [SessionEffect] {
        guard !isAtMenu, !isStopping else { return [] }
        var effects: [SessionEffect] = []
        let wanted = wanted ?? wantedActions
        if wanted.contains(where: { !core.isRegistered($0.name) }) {
            let missing = wanted.filter { !core.isRegistered($0.name) }
            do {
                effects.append(.send(try core.register(missing.map { ($0, handler) }, as: .permanent).command))
            } catch {
                registrationError = error
            }
        }
        guard let force = wantedForce(core: core) else {
            if forceSlotRequest != nil {
                forceSlotRequest = nil
                effects.append(.releaseForceSlot)
            }
            return effects
        }
        if holdsForceSlot {
            effects += send(force, core: &core)
        } else if forceSlotRequest == nil {
            forceSlotRequest = nextForceSlotTicket
            effects.append(.requestForceSlot(force.priority, ticket: nextForceSlotTicket))
            nextForceSlotTicket += 1
        }
        return effects
    }
}
