import NeuroProtocol

// The conformance checker: every message from the game, decoded and checked against the rules
// of the configured spec, and the registrations, forces and results it changes.
extension SimulatedConnection {
    mutating func handle(_ text: String, at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
        let value: JSONValue
        do {
            value = try parser.parse(text)
        } catch {
            statistics.messagesByCommand["<invalid>", default: 0] += 1
            diagnose(.invalidJSON, command: nil, "the frame is not valid JSON: \(error)", into: &effects)
            return
        }
        guard case .object = value else {
            statistics.messagesByCommand["<invalid>", default: 0] += 1
            diagnose(.notAnObject, command: nil, "the frame must be a JSON object, not \(value.typeName)", into: &effects)
            return
        }
        let envelope: WireEnvelope
        do {
            envelope = try WireEnvelope.decode(value, rejectingUnknownKeys: true)
        } catch {
            statistics.messagesByCommand["<invalid>", default: 0] += 1
            diagnose(.invalidFields, command: nil, error.message, into: &effects)
            return
        }
        countMessage(envelope.command)
        if let title = envelope.game {
            if let game, game != title {
                diagnose(
                    .gameChanged, command: envelope.command,
                    "the connection started as game \"\(game)\" and now says \"\(title)\"", into: &effects)
                if isFinished { return }
            } else if game == nil {
                identify(as: title, command: envelope.command, into: &effects)
                if isFinished { return }
            }
        }
        if !hasStartedUp, envelope.command != "startup" {
            diagnose(
                .messageBeforeStartup, command: envelope.command,
                "\"\(envelope.command)\" arrived before the game sent \"startup\"", into: &effects)
            if isFinished { return }
        }
        let command: GameCommand
        do {
            command = try GameCommand.decode(envelope).command
        } catch {
            diagnose(.invalidFields, command: envelope.command, error.message, into: &effects)
            return
        }
        switch command {
        case .startup:
            receiveStartup(at: now, into: &effects)
        case .context(let message, let isSilent):
            llm?.noteContext(message, isSilent: isSilent)
            if !isResyncing(at: now) {
                // Checked when Neuro would act on it (the next force, or NeuroSim's next action):
                // rules sent at startup name the actions the game registers right after.
                let missing = ActionMentions.names(in: message).filter { actions[$0] == nil }
                for name in missing where !contextMentions.contains(name) { contextMentions.append(name) }
            }
        case .shutdownReady:
            shutdown = .ready
        case .registerActions(let list):
            register(list, raw: envelope.data?["actions"]?.arrayValue ?? [], at: now, into: &effects)
        case .unregisterActions(let names):
            receiveUnregister(names, at: now, into: &effects)
        case .forceActions(let force):
            diagnoseContextMentions(into: &effects)
            receiveForce(force, at: now, into: &effects)
        case .actionResult(let result):
            receiveResult(result, at: now, into: &effects)
        case .unknown(let name, _):
            diagnose(.unknownCommand, command: name, "\"\(name)\" is not a command of the Neuro game API", into: &effects)
        }
    }

    mutating func identify(as title: String, command: String, into effects: inout [SimulatedConnectionEffect]) {
        game = title
        effects.append(.identified(game: title))
        if let other = registry?.identify(game: title, connection: connectionID).first {
            diagnose(
                .duplicateGameClient, command: command,
                "connection \(other) is already connected as game \"\(title)\"; Neuro takes one client per game",
                into: &effects)
        }
    }

    /// Counts a message by command; a game inventing commands gets at most
    /// ``maximumCountedCommands`` keys, then `<other>`.
    mutating func countMessage(_ command: String) {
        if statistics.messagesByCommand[command] == nil,
            statistics.messagesByCommand.count >= Self.maximumCountedCommands
        {
            statistics.messagesByCommand["<other>", default: 0] += 1
        } else {
            statistics.messagesByCommand[command, default: 0] += 1
        }
    }

    static let maximumCountedCommands = 32

    mutating func receiveStartup(at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
        if hasStartedUp {
            diagnose(
                .multipleStartups, command: "startup",
                "a second \"startup\" on this connection; it makes Neuro forget every action of the game", into: &effects)
        } else if now - openedAt > configuration.lateThreshold {
            diagnose(
                .lateStartup, command: "startup",
                "\"startup\" came \(Self.text(now - openedAt)) after the connection opened (more than "
                    + "\(Self.text(configuration.lateThreshold)))", into: &effects)
        }
        if isFinished { return }
        hasStartedUp = true
        forgetActionsAndForces()
        shutdown = .none
        if let character = configuration.character, configuration.spec.acknowledgesStartup {
            let session = NeuroSessionInfo(
                sessionID: "sim-session-\(connectionID)", characterID: character.id, displayName: character.displayName)
            effects.append(.send(.startupAcknowledgement(session)))
        }
    }

    mutating func register(
        _ list: [Action], raw: [JSONValue], at now: Duration, into effects: inout [SimulatedConnectionEffect]
    ) {
        let isResyncing = isResyncing(at: now)
        if isResyncing { resync?.hasRegistered = true }
        for (index, original) in list.enumerated() {
            guard !isFinished else { return }
            var action = original
            let named = "action \"\(action.name)\""
            if index < raw.count, raw[index]["schema"] == JSONValue.null {
                diagnose(
                    .nullSchema, command: "actions/register",
                    "\(named): \"schema\": null; leave the key out for an action without data", into: &effects)
            }
            if action.schema == .object([:]) {
                diagnose(
                    .emptySchema, command: "actions/register",
                    "\(named): \"schema\": {}; leave the key out for an action without data", into: &effects)
                action.schema = nil
            }
            if action.description.allSatisfy(\.isWhitespace) {
                diagnose(
                    .emptyDescription, command: "actions/register",
                    "\(named) has an empty description: Neuro sees only its name", into: &effects)
            }
            guard isSchemaUsable(action, named: named, into: &effects), !isFinished else { continue }
            if let existing = actions[action.name] {
                reregister(action, existing: existing, isResyncing: isResyncing, named: named, into: &effects)
                continue
            }
            actions[action.name] = action
            dataPools[action.name] = nil
            registeredNames.append(action.name)
            everRegistered.insert(action.name)
            if let registry, let game {
                for other in registry.register(action.name, game: game, connection: connectionID) {
                    diagnose(
                        .actionRegisteredByOtherGame, command: "actions/register",
                        "\(named) is also registered by game \"\(other)\"", into: &effects)
                }
            }
            diagnoseUnsatisfiableSchema(of: action, named: named, into: &effects)
        }
        if !registeredNames.isEmpty { llm?.noteRegistration(at: now) }
        if nextUnforcedAction == nil, !registeredNames.isEmpty {
            if configuration.isFlooding {
                nextUnforcedAction = now
            } else if configuration.unforcedActionRate > 0 {
                nextUnforcedAction = now + unforcedInterval
            }
        }
    }

    /// Checks an action's name and schema; returns whether the action can be registered.
    mutating func isSchemaUsable(
        _ action: Action, named: String, into effects: inout [SimulatedConnectionEffect]
    ) -> Bool {
        let warnings: [SchemaWarning]
        do {
            warnings = try action.validate()
        } catch {
            let rule: ConformanceRule = error.code == .invalidActionName ? .invalidActionName : .invalidSchema
            diagnose(rule, command: "actions/register", error.message, into: &effects)
            return false
        }
        guard let schema = action.schema else { return true }
        let lint = SchemaLint(schema)
        if !lint.malformations.isEmpty {
            let shown = lint.malformations.prefix(3).joined(separator: "; ")
            let more = lint.malformations.count > 3 ? " (and \(lint.malformations.count - 3) more)" : ""
            diagnose(
                .invalidSchema, command: "actions/register",
                "\(named): the schema is not a valid JSON schema: \(shown)\(more); the action is not registered",
                into: &effects)
            return false
        }
        for warning in warnings {
            diagnose(.discouragedSchemaKeyword, command: "actions/register", "\(named): \(warning)", into: &effects)
        }
        for finding in lint.unsupportedKeywords {
            diagnose(
                .unsupportedSchemaKeyword, command: "actions/register",
                "\(named): schema keyword \"\(finding.keyword)\" at \(finding.path) is outside what Neuro handles",
                into: &effects)
        }
        return true
    }

    /// A registration of a registered name: legal while re-synchronising, a replacement since
    /// 2026-08-20 (a useless one when unchanged), an error before.
    mutating func reregister(
        _ action: Action, existing: Action, isResyncing: Bool, named: String,
        into effects: inout [SimulatedConnectionEffect]
    ) {
        guard isResyncing || configuration.spec.replacesRegistrations else {
            diagnose(
                .duplicateRegistration, command: "actions/register",
                "\(named) is already registered; Neuro ignores the second registration", into: &effects)
            return
        }
        guard action != existing else {
            if !isResyncing {
                diagnose(
                    .identicalReregistration, command: "actions/register",
                    "\(named) is already registered exactly so; registering it again changes nothing", into: &effects)
            }
            return
        }
        actions[action.name] = action
        dataPools[action.name] = nil
        diagnoseUnsatisfiableSchema(of: action, named: named, into: &effects)
    }

    /// Makes data for the action's schema once, as Tony's faker does, and checks it.
    mutating func diagnoseUnsatisfiableSchema(
        of action: Action, named: String, into effects: inout [SimulatedConnectionEffect]
    ) {
        guard let schema = action.schema else { return }
        // Its own generator: the check must not change what the seeded player sends.
        var generator = SeededRandomNumberGenerator(seed: configuration.seed &+ UInt64(connectionID))
        guard let text = dataSource.validData(action, &generator), let data = try? parser.parse(text),
            !Self.validator.isValid(data, against: schema)
        else { return }
        diagnose(
            .unsatisfiableSchema, command: "actions/register",
            "\(named): NeuroSim could make no data that fits the schema (it made \(Self.shortened(text))); "
                + "check for contradictory bounds or patterns", into: &effects)
    }

    static let validator = JSONSchemaValidator(maximumViolations: 1)

    mutating func receiveUnregister(
        _ names: [String], at now: Duration, into effects: inout [SimulatedConnectionEffect]
    ) {
        if names.isEmpty {
            diagnose(.emptyUnregister, command: "actions/unregister", "\"actions/unregister\" names no actions", into: &effects)
        }
        if !isResyncing(at: now) {
            var unknown: [String] = []
            var inactive: [String] = []
            for name in names where actions[name] == nil {
                if everRegistered.contains(name) {
                    if !inactive.contains(name) { inactive.append(name) }
                } else if !unknown.contains(name) {
                    unknown.append(name)
                }
            }
            if !unknown.isEmpty {
                diagnose(
                    .unregisterUnknown, command: "actions/unregister",
                    "never registered on this connection: \(Self.list(unknown))", into: &effects)
            }
            if !inactive.isEmpty {
                diagnose(
                    .unregisterInactive, command: "actions/unregister", "no longer registered: \(Self.list(inactive))",
                    into: &effects)
            }
        }
        unregister(names)
        // A force whose every action is gone is over (Tony stops its retry too): it ends now,
        // not when it would have fallen due, so the character's one force slot is free the
        // moment the game withdrew it, and the next game's force is not taken for a second one.
        if let force = activeForce, !force.actionNames.contains(where: { actions[$0] != nil }),
            !pending.values.contains(where: \.isForced)
        {
            finishForce(at: now)
        }
    }

    mutating func unregister(_ names: [String]) {
        for name in names where actions.removeValue(forKey: name) != nil {
            dataPools[name] = nil
            registeredNames.removeAll { $0 == name }
            if let registry, let game { registry.unregister(name, game: game, connection: connectionID) }
        }
    }

    mutating func receiveForce(_ force: ActionForce, at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
        let isResyncing = isResyncing(at: now)
        if case .ready = shutdown {
            diagnose(
                .forceAfterShutdownReady, command: "actions/force",
                "a force after the game said \"shutdown/ready\"", into: &effects)
            if isFinished { return }
        }
        guard !force.actionNames.isEmpty else {
            diagnose(.emptyForce, command: "actions/force", "the force names no actions", into: &effects)
            return
        }
        let unregistered = force.actionNames.filter { actions[$0] == nil }
        if !isResyncing {
            if let pendingForce = activeForce ?? queuedForces.first {
                diagnose(
                    .forceWhilePending, command: "actions/force",
                    "a force arrived while the force \"\(pendingForce.query)\" is still pending", into: &effects)
            } else if let id = pendingActionIDs.first {
                diagnose(
                    .forceWhileResultPending, command: "actions/force",
                    "a force arrived while action \"\(id)\" awaits its result; send the result first", into: &effects)
            }
            if !unregistered.isEmpty {
                diagnose(
                    .forceUnregisteredAction, command: "actions/force",
                    "the force names actions that are not registered: \(unregistered.joined(separator: ", "))",
                    into: &effects)
            }
            diagnoseMentions(
                in: force.query, rule: .mentionsUnregisteredAction, what: "the force's query", command: "actions/force",
                into: &effects)
            diagnoseMentions(
                in: force.state, rule: .mentionsUnregisteredAction, what: "the force's state", command: "actions/force",
                into: &effects)
            if isFinished { return }
            guard unregistered.count < force.actionNames.count else { return }
        }
        if let registry, let game {
            for other in registry.beginForce(game: game, connection: connectionID) {
                diagnose(
                    .forceWhileOtherGamePending, command: "actions/force",
                    "game \"\(other)\" has a force pending; Neuro has one force slot per character", into: &effects)
            }
            if isFinished { return }
            // A forced action sent before `actions/reregister_all` is still out: its result
            // answers this re-sent force too (a success ends it), so the force is being
            // answered already, and another game's force read before that result is judged by
            // it, as after any hand-off.
            if pending.values.contains(where: \.isForced) { registry.forcedActionSent(connection: connectionID) }
        }
        if isResyncing, activeForce != nil {
            // The game re-sends its pending force after re-registering (or sent a force before
            // it read the request): it replaces the one recorded since the request.
            activeForce = force
            activeForceRetries = 0
            queuedForces.removeAll()
        } else {
            queuedForces.append(force)
            activateNextForce(at: now)
        }
    }

    mutating func receiveResult(_ result: ActionResult, at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
        guard let action = pending.removeValue(forKey: result.id) else {
            if timedOutIDs.remove(result.id) != nil {
                statistics.lateResults += 1
                diagnose(
                    .resultAfterTimeout, command: "action/result",
                    "the result of action \"\(result.id)\" came after its timeout; Neuro discards it", into: &effects)
            } else if Self.actionNumber(result.id).map({ $0 < nextActionNumber }) == true {
                diagnose(
                    .duplicateResult, command: "action/result", "action \"\(result.id)\" was already answered",
                    into: &effects)
            } else {
                diagnose(
                    .unknownResultID, command: "action/result",
                    "no action with id \"\(result.id)\" was sent on this connection", into: &effects)
            }
            return
        }
        let latency = now - action.sentAt
        statistics.results += 1
        statistics.latency.record(latency)
        if !result.isSuccess { statistics.failedResults += 1 }
        if action.isBad, result.isSuccess { statistics.badActionsAccepted += 1 }
        if latency > configuration.lateThreshold {
            diagnose(
                .lateResult, command: "action/result",
                "the result of action \"\(action.name)\" (id \"\(result.id)\") came after \(Self.text(latency)); "
                    + "Neuro waits until it comes", into: &effects)
        }
        if !result.isSuccess, (result.message ?? "").allSatisfy(\.isWhitespace) {
            diagnose(
                .failureWithoutMessage, command: "action/result",
                "action \"\(action.name)\" (id \"\(result.id)\") failed without a message: Neuro cannot tell what to do "
                    + "instead", into: &effects)
        }
        if result.isSuccess, (result.message ?? "").allSatisfy(\.isWhitespace) {
            diagnose(
                .successWithoutMessage, command: "action/result",
                "action \"\(action.name)\" (id \"\(result.id)\") succeeded without a message: since 2026-08-21 a "
                    + "successful result should say what changed", into: &effects)
        }
        if !isResyncing(at: now) {
            diagnoseMentions(
                in: result.message, rule: .mentionsUnregisteredAction, what: "the result message", command: "action/result",
                into: &effects)
        }
        if isFinished { return }
        llm?.noteResult(
            id: result.id,
            content: (result.isSuccess ? "success" : "failure") + (result.message.map { ": \($0)" } ?? ""),
            isForced: action.isForced)
        effects.append(.resultReceived(result, latency: latency))
        if action.isForced {
            if result.isSuccess {
                finishForce(at: now)
            } else {
                diagnoseForcesDuringFailedAction(into: &effects)
                retryOrAbandonForce(at: now)
            }
        }
        if configuration.isFlooding { nextUnforcedAction = now }
    }

    /// Diagnoses the names context messages mentioned that are still not registered now that
    /// Neuro would act on what she was told (a force arrives, or she sends an action).
    mutating func diagnoseContextMentions(into effects: inout [SimulatedConnectionEffect]) {
        guard !contextMentions.isEmpty else { return }
        let missing = contextMentions.filter { actions[$0] == nil }
        contextMentions.removeAll()
        guard !missing.isEmpty else { return }
        let names = missing.map { "`\($0)`" }.joined(separator: ", ")
        diagnose(
            .contextMentionsUnregisteredAction, command: "context",
            "a context message named \(names), still not registered when Neuro acts: she may try to call "
                + (missing.count == 1 ? "it" : "them"), into: &effects)
    }

    /// Diagnoses the action names a text mentions in backticks that are not registered.
    mutating func diagnoseMentions(
        in text: String?, rule: ConformanceRule, what: String, command: String,
        into effects: inout [SimulatedConnectionEffect]
    ) {
        guard let text else { return }
        let missing = ActionMentions.names(in: text).filter { actions[$0] == nil }
        guard !missing.isEmpty else { return }
        let names = missing.map { "`\($0)`" }.joined(separator: ", ")
        diagnose(
            rule, command: command,
            "\(what) names \(names), not registered now: Neuro may try to call \(missing.count == 1 ? "it" : "them")",
            into: &effects)
    }
}
