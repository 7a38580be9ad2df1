import NeuroAPI

/// The pure core of a game session: what a plugin adds to the connection's protocol rules.
///
/// The connection's ``NeuroAPI/NeuroConnectionCore`` answers every action exactly once, keeps
/// what is registered and the pending force, and sends `startup` and the registered actions
/// on every connect. This value owns the rest, and every function takes that core as an
/// argument, so that both change under one lock and every rule is tested without sockets:
/// - on every connection: the introduction (first connection only), the actions the game
///   offers now, and its force;
/// - an accepted action: actions the move made unavailable are unregistered *before* the
///   successful result (``perform(_:data:core:at:)``); after the result come the game's
///   context messages, new actions, and the next force (``actionCompleted(core:handler:)``);
/// - a force is never sent before its actions are registered, never names an unregistered
///   action, and never while Neuro still has one from this game;
/// - when the session is *arbitrated* (several games share one Neuro, hence one force slot),
///   a wanted force is not sent inline: the core emits ``SessionEffect/requestForceSlot(_:ticket:)``,
///   sends the force from ``forceSlotGranted(ticket:core:)`` if it is still wanted then, and
///   emits ``SessionEffect/releaseForceSlot`` once the force is answered or withdrawn, after
///   the result (the hand-off: ``ForceSlot``).
public struct GameSessionState<Plugin: GamePlugin>: Sendable {
    /// The game.
    public private(set) var plugin: Plugin
    /// How action names map to the wire.
    public let names: ActionNameMapping
    /// Whether an accepted action is followed by a ``SessionEffect/save``.
    public let savesAfterEveryAction: Bool
    /// The game's counters across connections (those of actions answered without the game
    /// are the connection core's ``NeuroAPI/NeuroConnectionCore/counters``).
    public private(set) var statistics = GameStatistics()
    /// Whether forces wait for a grant of the shared force slot.
    public let isForceArbitrated: Bool
    /// Whether this game holds the force slot (always, when not arbitrated).
    public private(set) var holdsForceSlot: Bool
    /// The ticket of the outstanding slot request, if one is outstanding.
    public private(set) var forceSlotRequest: Int?
    /// The last time registering the game's actions failed (a plugin with an invalid action).
    public private(set) var registrationError: NeuroError?
    private var nextForceSlotTicket = 0
    private var hasIntroduced = false
    /// Between an accepted action and its result: what to tell Neuro after the result.
    private var followUp: [GameContext]?
    /// An action is between ``perform(_:data:core:at:)`` and ``actionCompleted(core:handler:)``.
    private var isPerforming = false
    /// A slot grant that came while an action was being performed; used after its result.
    private var deferredGrant: Int?

    /// Creates the core for a game.
    public init(
        plugin: Plugin,
        names: ActionNameMapping = .identity,
        savesAfterEveryAction: Bool = false,
        isForceArbitrated: Bool = false
    ) {
        self.isForceArbitrated = isForceArbitrated
        self.holdsForceSlot = !isForceArbitrated
        self.plugin = plugin
        self.names = names
        self.savesAfterEveryAction = savesAfterEveryAction
    }

    /// The actions that should be registered now, in wire names.
    public var wantedActions: [Action] { plugin.actions.map(names.wireAction) }

    /// The force the game would send now, in wire names: none is pending, the game wants one,
    /// and every action it names is registered.
    public func wantedForce(core: NeuroConnectionCore) -> ActionForce? {
        guard core.pendingForce == nil, let force = plugin.force.map(names.wireForce), !force.actionNames.isEmpty,
            force.actionNames.allSatisfy(core.isRegistered)
        else { return nil }
        return force
    }

    /// A new connection, after the connection core sent `startup` and the registered actions.
    /// - Parameter handler: answers each of the game's actions (the session's).
    public mutating func connected(core: inout NeuroConnectionCore, handler: @escaping ActionHandler) -> [SessionEffect] {
        if isForceArbitrated {
            // The shell gave the slot back when the previous connection ended.
            holdsForceSlot = false
            forceSlotRequest = nil
        }
        followUp = nil
        isPerforming = false
        deferredGrant = nil
        statistics.sessions += 1
        var effects: [SessionEffect] = []
        if !hasIntroduced {
            hasIntroduced = true
            effects.append(.send(.context(message: names.wireText(plugin.introduction), isSilent: true)))
        }
        effects += registerMissingAndForce(core: &core, handler: handler)
        return effects
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
        guard let pluginName = names.pluginName(action.name) else {
            return (.failure("\"\(action.name)\" is not an action of this game."), [], nil)
        }
        var next = plugin
        let outcome: GameOutcome
        do {
            outcome = try next.perform(pluginName, data: data)
        } catch {
            statistics.pluginErrors += 1
            return (.failure("The game hit an internal error and is restarting; try again in a moment."), [], error)
        }
        guard outcome.isAccepted else {
            statistics.actionsRejected += 1
            return (.failure(names.wireText(outcome.message)), [], nil)
        }
        statistics.actionsAccepted += 1
        plugin = next
        followUp = outcome.context
        return (.success(names.wireText(outcome.message)), unregisterStale(core: &core, at: now), nil)
    }

    /// The result of the action last performed is decided (and goes out just before these
    /// effects): the game's context messages, the force slot handed on when the force was
    /// answered, new actions, the next force, and the save.
    public mutating func actionCompleted(core: inout NeuroConnectionCore, handler: @escaping ActionHandler) -> [SessionEffect] {
        isPerforming = false
        var effects: [SessionEffect] = []
        if let context = followUp {
            followUp = nil
            effects += context.map { .send(.context(message: names.wireText($0.message), isSilent: $0.isSilent)) }
            effects += releaseIdleForceSlot(core: core)
            effects += registerMissingAndForce(core: &core, handler: handler)
            if savesAfterEveryAction { effects.append(.save) }
        }
        if let ticket = deferredGrant {
            deferredGrant = nil
            effects += forceSlotGranted(ticket: ticket, core: &core)
        }
        return effects
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

    /// Neuro asked the game to save and quit at its next safe point, or cancelled that.
    /// Every moment between two actions is a safe point, so the game saves at once.
    public func gracefulShutdownRequested(wantsShutdown: Bool) -> [SessionEffect] {
        wantsShutdown ? [.save, .send(.shutdownReady)] : []
    }

    /// Neuro asked the game to save what it can within seconds.
    public func immediateShutdownRequested() -> [SessionEffect] {
        [.save, .send(.shutdownReady)]
    }

    /// The game is closing its connection cleanly: unregister everything first, because
    /// Neuro keeps registered actions across a disconnect.
    public mutating func stopping(core: inout NeuroConnectionCore, at now: ContinuousClock.Instant) -> [SessionEffect] {
        var effects: [SessionEffect] = [.save]
        if let command = try? core.unregister(core.registeredNames, at: now) {
            effects.append(.send(command))
        }
        if isForceArbitrated && (holdsForceSlot || forceSlotRequest != nil) {
            holdsForceSlot = false
            forceSlotRequest = nil
            effects.append(.releaseForceSlot)
        }
        return effects
    }

    // MARK: Internals

    private mutating func send(_ force: ActionForce, core: inout NeuroConnectionCore) -> [SessionEffect] {
        guard let command = try? core.force(force) else { return [] }
        statistics.forcesSent += 1
        return [.send(command)]
    }

    /// Unregisters registered actions that the game no longer offers (or offers changed).
    private func unregisterStale(core: inout NeuroConnectionCore, at now: ContinuousClock.Instant) -> [SessionEffect] {
        let wanted = wantedActions
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
    private mutating func registerMissingAndForce(
        core: inout NeuroConnectionCore,
        handler: @escaping ActionHandler
    ) -> [SessionEffect] {
        var effects: [SessionEffect] = []
        let missing = wantedActions.filter { !core.isRegistered($0.name) }
        if !missing.isEmpty {
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
