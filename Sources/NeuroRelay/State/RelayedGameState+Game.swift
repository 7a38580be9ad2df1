import NeuroAPI
import NeuroSim

extension RelayedGameState {
    /// The game sent a command (read by ``RelayFrameReading``): checked as NeuroSim checks it,
    /// rewritten with the game's names, and sent on to Neuro as far as it is sound.
    public mutating func gameSent(
        _ command: GameCommand, core: inout NeuroConnectionCore, at now: ContinuousClock.Instant
    ) -> [RelayEffect] {
        if !hasStarted, command != .startup {
            // Lenient: the game's title is known (the relay opened it); go on.
            let effect = diagnose(.messageBeforeStartup, "\"\(command.name)\" before the game's startup")
            markStarted()
            return [effect] + gameSent(command, core: &core, at: now)
        }
        switch command {
        case .startup:
            return gameStarted(core: &core, at: now)
        case .context(let message, let isSilent):
            guard record(context: message, isSilent: isSilent) else { return [] }
            return [.upstream(names.wire(command, actionNames: gameActionNames(core: core)))]
        case .registerActions(let actions):
            return gameRegistered(actions, core: &core)
        case .unregisterActions(let gameNames):
            return gameUnregistered(gameNames, core: &core, at: now)
        case .forceActions(let force):
            return gameForced(force, core: &core)
        case .actionResult(let result):
            return gameAnswered(result, core: &core, at: now)
        case .shutdownReady:
            isShutdownReady = true
            // A force still waiting for the slot would reach Neuro after the game's
            // shutdown/ready: it is withdrawn (one already sent stays, it came before).
            let withdrawn: [RelayEffect] = forceSlot == .holding ? [] : endForce()
            return [.upstream(.shutdownReady)] + withdrawn
        case .unknown(let name, _):
            return [diagnose(.unknownCommand, "\"\(name)\" is not a command of the game API; not forwarded")]
        }
    }

    /// The game's `startup` (its first, or a restart of its own: Neuro forgets its actions).
    private mutating func gameStarted(core: inout NeuroConnectionCore, at now: ContinuousClock.Instant) -> [RelayEffect] {
        guard hasStarted else {
            // The first: the upstream connection sends `startup` as it opens.
            markStarted()
            return []
        }
        var effects = [diagnose(.multipleStartups, "a second startup; Neuro forgets the game's actions")]
        markStarted()
        isShutdownReady = false
        effects += answerInFlight(core: &core, message: "The game restarted; this action was dropped.", at: now)
        if !core.registeredNames.isEmpty { _ = try? core.unregister(core.registeredNames, at: now) }
        effects += endForce()
        forgetContexts()
        if isUpstreamConnected { effects.append(.upstream(.startup)) }
        return effects
    }

    private mutating func gameRegistered(_ actions: [Action], core: inout NeuroConnectionCore) -> [RelayEffect] {
        var effects: [RelayEffect] = []
        var accepted: [Action] = []
        var seen: Set<String> = []
        for action in actions {
            let wire = names.mapping.wireAction(action)
            do {
                for warning in try action.validate() {
                    effects.append(diagnose(.discouragedSchemaKeyword, "\"\(action.name)\": \(warning)"))
                }
                try Action.validateName(wire.name)
            } catch {
                let rule: ConformanceRule = error.code == .invalidSchema ? .invalidSchema : .invalidActionName
                effects.append(diagnose(rule, "\"\(action.name)\" was not registered: \(error.message)"))
                continue
            }
            guard seen.insert(wire.name).inserted else {
                effects.append(diagnose(.invalidFields, "\"\(action.name)\" appears twice in one register"))
                continue
            }
            // The same action registered again unchanged (the game answering
            // `actions/reregister_all`, which the host answered already): nothing to send.
            if core.registrations[wire.name]?.action == wire { continue }
            accepted.append(wire)
        }
        guard !accepted.isEmpty else {
            if actions.isEmpty { effects.append(diagnose(.invalidFields, "actions/register with no actions")) }
            return effects
        }
        do {
            let (command, _) = try core.register(accepted.map { ($0, nil) }, as: .permanent)
            effects.append(.upstream(command))
        } catch {
            effects.append(diagnose(.invalidFields, "the registration was refused: \(error.message)"))
        }
        return effects
    }

    private mutating func gameUnregistered(
        _ gameNames: [String], core: inout NeuroConnectionCore, at now: ContinuousClock.Instant
    ) -> [RelayEffect] {
        guard !gameNames.isEmpty else { return [diagnose(.emptyUnregister, "actions/unregister with no names")] }
        var effects: [RelayEffect] = []
        var known: [String] = []
        for name in gameNames {
            let wire = names.wireName(name)
            if core.isRegistered(wire) {
                known.append(wire)
            } else {
                effects.append(diagnose(.unregisterUnknown, "\"\(name)\" is not registered; not sent"))
            }
        }
        guard !known.isEmpty, let command = try? core.unregister(known, at: now) else { return effects }
        effects.append(.upstream(command))
        // A force naming one of them is withdrawn (Neuro drops a sent one with its actions).
        if let force = wantedForce, force.actionNames.contains(where: known.contains) {
            effects += endForce()
        }
        return effects
    }

    private mutating func gameForced(_ force: ActionForce, core: inout NeuroConnectionCore) -> [RelayEffect] {
        guard !force.actionNames.isEmpty else { return [diagnose(.emptyForce, "a force with no action names; not sent")] }
        let gameNames = gameActionNames(core: core)
        let missing = force.actionNames.filter { !gameNames.contains($0) }
        guard missing.isEmpty else {
            return [diagnose(.forceUnregisteredAction, "a force naming unregistered actions \(missing); not sent")]
        }
        var effects: [RelayEffect] = []
        if isShutdownReady {
            return [diagnose(.forceAfterShutdownReady, "a force after shutdown/ready; not sent")]
        }
        if forceSlot == .holding {
            return [diagnose(.forceWhilePending, "a force while the game's force is pending; not sent")]
        }
        if !forwarded.isEmpty {
            // Fixed on the way: the force waits for the result.
            effects.append(diagnose(.forceWhileResultPending, "a force while an action awaits the game's result; sent after it"))
        }
        let wire = names.mapping.wireForce(force, actionNames: gameNames)
        setWantedForce(wire)
        return effects + requestSlot(for: wire)
    }

    private mutating func gameAnswered(
        _ result: ActionResult, core: inout NeuroConnectionCore, at now: ContinuousClock.Instant
    ) -> [RelayEffect] {
        guard let entry = forwarded.removeValue(forKey: result.id) else {
            if takeOrphan(result.id) { return [] }
            return [diagnose(.unknownResultID, "a result for \"\(result.id)\", an id Neuro did not send to this game")]
        }
        var effects: [RelayEffect] = []
        var message = result.message
        if !result.isSuccess, message?.isEmpty ?? true {
            effects.append(diagnose(.failureWithoutMessage, "a failed result without a message; the host gave it one"))
            message = "The action failed."
        }
        let gameNames = gameActionNames(core: core)
        let outcome: ActionHandlerResult =
            result.isSuccess
            ? .success(message.map { names.wireText($0, actionNames: gameNames) })
            : .failure(names.wireText(message ?? "", actionNames: gameNames))
        countResult(isSuccess: result.isSuccess)
        effects += core.complete(entry.action, registration: entry.registration, outcome: outcome, at: now).map(
            RelayEffect.upstream)
        if forceSlot == .holding, core.pendingForce == nil { effects += endForce() }
        effects += takeDeferredGrant(core: &core)
        return effects
    }

    /// The game left: its actions in flight fail, its actions are unregistered at Neuro, the
    /// slot is given back.
    public mutating func gameDisconnected(core: inout NeuroConnectionCore, at now: ContinuousClock.Instant) -> [RelayEffect] {
        var effects = answerInFlight(core: &core, message: "The game disconnected; try again when it is back.", at: now)
        if !core.registeredNames.isEmpty, let command = try? core.unregister(core.registeredNames, at: now) {
            effects.append(.upstream(command))
        }
        effects += endForce()
        return effects
    }

    private mutating func answerInFlight(
        core: inout NeuroConnectionCore, message: String, at now: ContinuousClock.Instant
    ) -> [RelayEffect] {
        var effects: [RelayEffect] = []
        for (_, entry) in forwarded.sorted(by: { $0.key < $1.key }) {
            countResult(isSuccess: false)
            effects += core.complete(entry.action, registration: entry.registration, outcome: .failure(message), at: now)
                .map(RelayEffect.upstream)
        }
        forwarded = [:]
        return effects
    }
}
