import NeuroAPI
import OrderedCollections

/// The pure core of a game session: given what Neuro does, what the game sends back.
///
/// It owns the plugin's value and what Neuro currently knows of the game (the actions
/// registered on her side, the force she has not answered yet), and turns each event into an
/// ordered list of ``SessionEffect``s. It never touches the network, so every ordering rule is
/// tested without concurrency:
/// - on every connection: `startup`, the introduction (first connection only), the actions
///   that should be registered now, and the pending force again;
/// - an accepted action: actions no longer available are unregistered *before* the successful
///   result, then the result, the game's context messages, new actions, and the next force;
/// - a force is never sent before its actions are registered, never names an unregistered
///   action, and never while Neuro still has one from this game;
/// - when the session is *arbitrated* (several games share one Neuro, hence one force slot),
///   a wanted force is not sent inline: the core emits ``SessionEffect/requestForceSlot(_:ticket:)``,
///   sends the force from ``forceSlotGranted(ticket:)`` if it is still wanted then, and emits
///   ``SessionEffect/releaseForceSlot`` once the force is answered or withdrawn (after the
///   successful result, so Neuro hears it before the next game's force);
/// - an action for a name unregistered within ``recentWindow`` gets a failure saying so; an
///   action never registered gets a failure naming the available ones.
public struct GameSessionState<Plugin: GamePlugin>: Sendable {
    /// The game.
    public private(set) var plugin: Plugin
    /// How action names map to the wire.
    public let names: ActionNameMapping
    /// How long an unregistered name is remembered to explain a late action.
    public let recentWindow: Duration
    /// Whether an accepted action is followed by a ``SessionEffect/save``.
    public let savesAfterEveryAction: Bool
    /// The actions registered on Neuro's side now, by wire name.
    public private(set) var registered: OrderedDictionary<String, Action> = [:]
    /// The force Neuro has not answered yet, in wire names.
    public private(set) var pendingForce: ActionForce?
    /// Counters across connections.
    public private(set) var statistics = GameStatistics()
    /// Whether forces wait for a grant of the shared force slot.
    public let isForceArbitrated: Bool
    /// Whether this game holds the force slot (always, when not arbitrated).
    public private(set) var holdsForceSlot: Bool
    /// The ticket of the outstanding slot request, if one is outstanding.
    public private(set) var forceSlotRequest: Int?
    private var nextForceSlotTicket = 0
    private var hasIntroduced = false
    private var recentlyUnregistered: [String: ContinuousClock.Instant] = [:]

    /// Creates the core for a game.
    public init(
        plugin: Plugin,
        names: ActionNameMapping = .identity,
        recentWindow: Duration = .seconds(10),
        savesAfterEveryAction: Bool = false,
        isForceArbitrated: Bool = false
    ) {
        self.isForceArbitrated = isForceArbitrated
        self.holdsForceSlot = !isForceArbitrated
        self.plugin = plugin
        self.names = names
        self.recentWindow = recentWindow
        self.savesAfterEveryAction = savesAfterEveryAction
    }

    /// How many unregistered names are remembered to explain late actions: at most the names
    /// unregistered within ``recentWindow``, never one per action received.
    public var recentlyUnregisteredCount: Int { recentlyUnregistered.count }

    /// The actions that should be registered now, in wire names.
    public var wantedActions: [Action] { plugin.actions.map(names.wireAction) }

    /// The force the game would send now, in wire names: none is pending, the game wants one,
    /// and every action it names is registered.
    public var wantedForce: ActionForce? {
        guard pendingForce == nil, let force = plugin.force.map(names.wireForce), !force.actionNames.isEmpty,
            force.actionNames.allSatisfy({ registered[$0] != nil })
        else { return nil }
        return force
    }

    /// A new connection: Neuro forgot the game's actions and force on `startup`.
    public mutating func connected() -> [SessionEffect] {
        registered = [:]
        pendingForce = nil
        if isForceArbitrated {
            // The shell gave the slot back when the previous connection ended.
            holdsForceSlot = false
            forceSlotRequest = nil
        }
        statistics.sessions += 1
        var effects: [SessionEffect] = [.send(.startup)]
        if !hasIntroduced {
            hasIntroduced = true
            effects.append(.send(.context(message: plugin.introduction, isSilent: true)))
        }
        effects += registerMissingAndForce()
        return effects
    }

    /// Neuro asked for every action again (`actions/reregister_all`).
    public func reregisterAll() -> [SessionEffect] {
        registered.isEmpty ? [] : [.send(.registerActions(Array(registered.values)))]
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
    public mutating func stopping() -> [SessionEffect] {
        var effects: [SessionEffect] = [.save]
        if !registered.isEmpty {
            effects.append(.send(.unregisterActions(Array(registered.keys))))
        }
        registered = [:]
        pendingForce = nil
        if isForceArbitrated && (holdsForceSlot || forceSlotRequest != nil) {
            holdsForceSlot = false
            forceSlotRequest = nil
            effects.append(.releaseForceSlot)
        }
        return effects
    }

    /// The force arbiter granted the slot for the request with `ticket`: send the wanted force
    /// now, or give the slot back when none is wanted any more. A grant of an older request
    /// (withdrawn since) is ignored.
    public mutating func forceSlotGranted(ticket: Int) -> [SessionEffect] {
        guard isForceArbitrated, forceSlotRequest == ticket else { return [] }
        forceSlotRequest = nil
        guard let force = wantedForce else { return [.releaseForceSlot] }
        holdsForceSlot = true
        pendingForce = force
        statistics.forcesSent += 1
        return [.send(.forceActions(force))]
    }

    /// The answer to one action, and what follows it.
    /// - Returns: the effects, and the error when the game itself failed (the action was
    ///   answered; the session should end and restart from the unchanged value).
    public mutating func handle(
        _ action: NeuroAction,
        at now: ContinuousClock.Instant
    ) -> (effects: [SessionEffect], pluginError: (any Error)?) {
        forgetOldNames(now: now)
        guard let wireAction = registered[action.name], let pluginName = names.pluginName(action.name) else {
            return (failure(action, message: unknownActionMessage(action.name, now: now)), nil)
        }
        let data: JSONValue?
        do {
            data = try action.validatedData(against: wireAction.schema)
        } catch {
            statistics.invalidData += 1
            return (
                failure(action, message: "Invalid data for \"\(action.name)\": \(error.message). Try again with valid data."),
                nil
            )
        }
        var next = plugin
        let outcome: GameOutcome
        do {
            outcome = try next.perform(pluginName, data: data)
        } catch {
            statistics.pluginErrors += 1
            return (
                failure(action, message: "The game hit an internal error and is restarting; try again in a moment."),
                error
            )
        }
        guard outcome.isAccepted else {
            statistics.actionsRejected += 1
            return ([.send(.actionResult(.failure(id: action.id, message: outcome.message)))], nil)
        }
        statistics.actionsAccepted += 1
        plugin = next
        let resolvesForce = pendingForce?.actionNames.contains(action.name) ?? false
        if resolvesForce { pendingForce = nil }
        // Unregister what the move made unavailable before the successful result. The plugin
        // is asked for its actions once per action.
        let wanted = wantedActions
        var effects = unregisterStale(now: now, wanted: wanted)
        effects.append(.send(.actionResult(.success(id: action.id, message: outcome.message))))
        for context in outcome.context {
            effects.append(.send(.context(message: context.message, isSilent: context.isSilent)))
        }
        // Only after the result: the next game's force must not overtake it.
        effects += releaseIdleForceSlot()
        effects += registerMissingAndForce(wanted: wanted)
        if savesAfterEveryAction { effects.append(.save) }
        return (effects, nil)
    }

    // MARK: Internals

    private func failure(_ action: NeuroAction, message: String) -> [SessionEffect] {
        [.send(.actionResult(.failure(id: action.id, message: message)))]
    }

    private mutating func unknownActionMessage(_ name: String, now: ContinuousClock.Instant) -> String {
        let available = registered.keys.map { "\"\($0)\"" }.joined(separator: ", ")
        let availableText = available.isEmpty ? "No actions are available right now." : "Available now: \(available)."
        if let when = recentlyUnregistered[name] {
            statistics.lateActions += 1
            let seconds = (now - when).components.seconds
            return "\"\(name)\" is no longer available (it was unregistered \(seconds) s ago). \(availableText)"
        }
        statistics.unknownActions += 1
        return "Unknown action \"\(name)\". \(availableText)"
    }

    private mutating func forgetOldNames(now: ContinuousClock.Instant) {
        guard !recentlyUnregistered.isEmpty else { return }  // the usual case: nothing to copy
        recentlyUnregistered = recentlyUnregistered.filter { now - $0.value <= recentWindow }
    }

    /// Unregisters registered actions that the game no longer offers (or offers changed).
    private mutating func unregisterStale(now: ContinuousClock.Instant, wanted: [Action]) -> [SessionEffect] {
        // Games usually offer a handful of actions: then a linear search beats building a
        // dictionary for every action.
        let byName: [String: Action]? =
            wanted.count > 16 ? Dictionary(wanted.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }) : nil
        let stale = registered.compactMap { name, action in
            let current = byName.map { $0[name] } ?? wanted.first(where: { $0.name == name })
            return current == action ? nil : name
        }
        guard !stale.isEmpty else { return [] }
        for name in stale {
            registered.removeValue(forKey: name)
            recentlyUnregistered[name] = now
        }
        if let force = pendingForce, force.actionNames.contains(where: { registered[$0] == nil }) {
            pendingForce = nil  // withdrawn: Neuro cannot pick an unregistered action
        }
        return [.send(.unregisterActions(stale))]
    }

    /// Gives the force slot back once this game's force was answered or withdrawn.
    private mutating func releaseIdleForceSlot() -> [SessionEffect] {
        guard isForceArbitrated, holdsForceSlot, pendingForce == nil else { return [] }
        holdsForceSlot = false
        return [.releaseForceSlot]
    }

    /// Registers what is missing, then sends the game's force (or asks for the slot to send
    /// it) when none is pending; withdraws a slot request whose force is no longer wanted.
    private mutating func registerMissingAndForce(wanted: [Action]? = nil) -> [SessionEffect] {
        var effects: [SessionEffect] = []
        let missing = (wanted ?? wantedActions).filter { registered[$0.name] == nil }
        if !missing.isEmpty {
            for action in missing { registered[action.name] = action }
            effects.append(.send(.registerActions(missing)))
        }
        guard let force = wantedForce else {
            if forceSlotRequest != nil {
                forceSlotRequest = nil
                effects.append(.releaseForceSlot)
            }
            return effects
        }
        if holdsForceSlot {
            pendingForce = force
            statistics.forcesSent += 1
            effects.append(.send(.forceActions(force)))
        } else if forceSlotRequest == nil {
            forceSlotRequest = nextForceSlotTicket
            effects.append(.requestForceSlot(force.priority, ticket: nextForceSlotTicket))
            nextForceSlotTicket += 1
        }
        return effects
    }
}
