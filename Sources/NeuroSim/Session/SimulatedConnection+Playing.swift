import NeuroProtocol

// The player: results and re-registrations that fall due, the random player and the
// language-model player's turns, the actions they send, and the force queue.
extension SimulatedConnection {
    mutating func advance(to now: Duration, into effects: inout [SimulatedConnectionEffect]) {
        guard !isFinished else { return }
        for id in pending.keys.sorted(by: Self.actionOrder) {
            guard let action = pending[id], let deadline = action.deadline, deadline <= now else { continue }
            pending[id] = nil
            timedOutIDs.insert(id)
            diagnose(
                .resultTimeout, command: "action/result",
                "no result for action \"\(action.name)\" (id \"\(id)\") within "
                    + "\(Self.text(configuration.resultTimeout ?? .zero)); Neuro takes it as failed", into: &effects)
            if isFinished { return }
            llm?.noteResult(id: id, content: "failure: the game did not answer in time", isForced: action.isForced)
            if action.isForced {
                diagnoseForcesDuringFailedAction(into: &effects)
                retryOrAbandonForce(at: now, afterTimeout: true)
            }
        }
        if let deadline = resync?.registrationDeadline, deadline <= now {
            resync?.isRegistrationExpected = false
            diagnose(
                .missingReregistration, command: "actions/reregister_all",
                "no \"actions/register\" within \(Self.text(configuration.reregisterTimeout)) of "
                    + "\"actions/reregister_all\": Neuro no longer knows any action of the game", into: &effects)
            if isFinished { return }
        }
        if case .requested(let deadline) = shutdown, deadline <= now {
            shutdown = .none
            diagnose(
                .missingShutdownReady, command: "shutdown/ready",
                "no \"shutdown/ready\" within \(Self.text(configuration.shutdownReadyTimeout)) of the shutdown request",
                into: &effects)
            if isFinished { return }
        }
        play(at: now, into: &effects)
        for message in speech.due(at: now) {
            statistics.speechMessagesSent += 1
            effects.append(.send(.speechFinished(message)))
        }
    }

    /// Answers the active force when it is due, or sends an unforced action.
    mutating func play(at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
        guard pending.isEmpty else { return }
        if llm != nil {
            playWithModel(at: now, into: &effects)
            return
        }
        while let force = activeForce {
            guard let due = activeForceDue, due <= now else { return }
            let candidates = force.actionNames.filter { actions[$0] != nil }
            guard let name = candidates.randomElement(using: &random) else {
                finishForce(at: now)  // its actions were unregistered meanwhile: nothing to answer
                continue
            }
            sendAction(named: name, isForced: true, at: now, into: &effects)
            return
        }
        if queuedForces.isEmpty, let due = nextUnforcedAction, due <= now,
            let name = registeredNames.randomElement(using: &random)
        {
            nextUnforcedAction = configuration.isFlooding ? nil : now + unforcedInterval
            sendAction(named: name, isForced: false, at: now, into: &effects)
        }
    }

    /// The language-model player's turn: asks the model (``SimulatedConnectionEffect/decide(_:)``)
    /// for the due force, or offers it the chance to act when idle; one turn at a time.
    mutating func playWithModel(at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
        guard llm?.turnInFlight == nil else { return }
        while let force = activeForce {
            guard let due = activeForceDue, due <= now else { return }
            let tools = force.actionNames.compactMap { actions[$0] }
            guard !tools.isEmpty else {
                finishForce(at: now)  // its actions were unregistered meanwhile: nothing to answer
                continue
            }
            if let turn = llm?.forceTurn(for: force, tools: tools) { effects.append(.decide(turn)) }
            return
        }
        if queuedForces.isEmpty, let due = llm?.nextIdleTurn, due <= now, !registeredNames.isEmpty,
            let turn = llm?.idleTurn(tools: registeredNames.compactMap { actions[$0] })
        {
            effects.append(.decide(turn))
        }
    }

    /// Takes the model's decision for the turn it was asked: sends its action with exactly its
    /// data, nothing for a pass, or the random player's action for a fallback; then whatever
    /// has fallen due. A decision for a turn that no longer stands (the force was forgotten,
    /// the connection ended) only adds its figures.
    mutating func decided(_ decision: LLMDecision, at now: Duration) -> [SimulatedConnectionEffect] {
        var effects: [SimulatedConnectionEffect] = []
        statistics.model.merge(decision.statistics)
        guard !isFinished, var llm else { return effects }
        let (isCurrent, isForced) = llm.finishTurn(decision.turnID, at: now)
        self.llm = llm
        guard isCurrent, pending.isEmpty, !isForced || activeForce != nil else {
            advance(to: now, into: &effects)
            return effects
        }
        switch decision.choice {
        case .act(let name, let data):
            sendAction(named: name, isForced: isForced, chosenData: .some(data), at: now, into: &effects)
        case .pass:
            break
        case .fallBack:
            let candidates = isForced ? (activeForce?.actionNames ?? []).filter { actions[$0] != nil } : registeredNames
            if let name = candidates.randomElement(using: &random) {
                sendAction(named: name, isForced: isForced, at: now, into: &effects)
            }
        }
        advance(to: now, into: &effects)
        return effects
    }

    /// Sends an action: with `chosenData` (the model's) when given, else with data the random
    /// player makes (bad on purpose for ``NeuroSimConfiguration/badDataShare``).
    mutating func sendAction(
        named name: String, isForced: Bool, chosenData: String?? = nil, at now: Duration,
        into effects: inout [SimulatedConnectionEffect]
    ) {
        diagnoseContextMentions(into: &effects)
        let id = Self.actionIDPrefix + String(nextActionNumber)
        nextActionNumber += 1
        var wireName = name
        var data: String?
        var isBad = false
        let schema = actions[name]?.schema
        if let chosenData {
            data = chosenData
        } else if configuration.badDataShare > 0, Double.random(in: 0..<1, using: &random) < configuration.badDataShare {
            isBad = true
            let invalid = schema.flatMap { dataSource.invalidData($0, &random) }
            let kinds = BadData.allCases.filter { $0 != .offSchema || invalid != nil }
            switch kinds.randomElement(using: &random) ?? .invalidJSON {
            case .invalidJSON:
                data = #"{"oops": "#
            case .offSchema:
                data = invalid.map(JSONWriter.string(from:))
            case .unknownName:
                wireName = "sim_unknown_action"
                while actions[wireName] != nil { wireName += "_x" }
                data = actions[name].flatMap { validData(for: $0) }
            }
        } else if let action = actions[name] {
            data = validData(for: action)
        }
        pending[id] = PendingAction(
            name: wireName, sentAt: now, deadline: configuration.resultTimeout.map { now + $0 }, isForced: isForced,
            isBad: isBad)
        statistics.actionsSent += 1
        if isForced {
            statistics.forcedActionsSent += 1
            registry?.forcedActionSent(connection: connectionID)
        }
        if isBad { statistics.badActionsSent += 1 }
        if configuration.sendsSpeechFinished, configuration.spec.hasSpeechFinished {
            let cut = speech.speak(
                at: now, interval: configuration.speechInterval, cancellationShare: configuration.speechCancellationShare,
                using: &random)
            for message in cut {
                statistics.speechMessagesSent += 1
                effects.append(.send(.speechFinished(message)))
            }
        }
        let action = NeuroAction(id: id, name: wireName, data: data)
        llm?.noteActionSent(id: id, name: wireName, data: data, isForced: isForced)
        effects.append(.actionSent(action, isForced: isForced, isBad: isBad))
        effects.append(.send(.action(action)))
    }

    /// Valid data for `action`: made now, or drawn from its pool once the pool is full.
    mutating func validData(for action: Action) -> String? {
        let size = configuration.dataPoolSize
        guard size > 0 else { return dataSource.validData(action, &random) }
        let made = dataPools[action.name]?.count ?? 0
        guard made >= size else {
            let data = dataSource.validData(action, &random)
            dataPools[action.name, default: []].append(data)
            return data
        }
        return dataPools[action.name]?[Int.random(in: 0..<made, using: &random)] ?? nil
    }

    mutating func activateNextForce(at now: Duration) {
        guard activeForce == nil, !queuedForces.isEmpty else { return }
        activeForce = queuedForces.removeFirst()
        activeForceDue = now + forceDelay
        activeForceRetries = 0
    }

    /// The active force's action failed (a failed result or a timeout): answer it again after
    /// the delay, or give it up silently after ``NeuroSimConfiguration/forceRetries`` retries (at
    /// once after a timeout when ``NeuroSimConfiguration/isForceRetriedAfterTimeout`` is off).
    mutating func retryOrAbandonForce(at now: Duration, afterTimeout: Bool = false) {
        guard activeForce != nil else { return }
        let isRetried = !afterTimeout || configuration.isForceRetriedAfterTimeout
        if isRetried, activeForceRetries < configuration.forceRetries {
            activeForceRetries += 1
            statistics.forceRetries += 1
            activeForceDue = now + forceDelay
        } else {
            statistics.abandonedForces += 1
            finishForce(at: now)
        }
    }

    /// The active force's action failed, so the force was pending while it was out: a force
    /// another game sent meanwhile broke the one slot (``CrossGameRegistry/beginForce(game:connection:)``).
    mutating func diagnoseForcesDuringFailedAction(into effects: inout [SimulatedConnectionEffect]) {
        guard let registry else { return }
        for other in registry.forcedActionSettled(connection: connectionID, failed: true) {
            diagnose(
                .forceWhileOtherGamePending, command: "actions/force",
                "game \"\(other)\" forced while this game's forced action was out and then failed; "
                    + "Neuro has one force slot per character", into: &effects)
        }
    }

    mutating func finishForce(at now: Duration) {
        _ = registry?.forcedActionSettled(connection: connectionID, failed: false)
        llm?.endForce()
        activeForce = nil
        activeForceDue = nil
        activeForceRetries = 0
        if queuedForces.isEmpty {
            registry?.endForce(connection: connectionID)
        } else {
            activateNextForce(at: now)
        }
    }
}
