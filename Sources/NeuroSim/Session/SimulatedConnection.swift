import NeuroAPI

/// Everything NeuroSim knows about one game connection, and every decision it takes about it:
/// the diagnostics, the Randy-like player and the configured faults.
///
/// A pure value type driven by explicit times (a `Duration` on the simulator's clock):
/// ``start(at:)`` when the connection opens, ``receive(_:at:)`` for each message from the
/// game, ``noteSent(_:at:)`` for each command sent from outside (a fault), and
/// ``advance(to:)`` when ``nextDeadline`` is reached. It returns ``SimulatedConnectionEffect``s
/// for the connection around it to carry out, so every rule is tested without sockets or
/// sleeps.
struct SimulatedConnection {
    /// An action sent and not yet answered.
    private struct PendingAction {
        var name: String
        var sentAt: Duration
        var deadline: Duration?
        var isForced: Bool
        var isBad: Bool
    }

    /// The deliberate mistakes of ``NeuroSimConfiguration/badDataShare``.
    private enum BadData: CaseIterable {
        case invalidJSON
        case offSchema
        case unknownName
    }

    /// The time after NeuroSim sent `actions/reregister_all`. The game cannot tell which of its
    /// frames NeuroSim read before the request, so while the window is open what it sends is
    /// taken as re-synchronising: a registration of a registered name, a force while one is
    /// pending (it replaces it), names NeuroSim forgot (in a force, an unregistration or a
    /// text) are not diagnosed.
    private struct ResyncWindow {
        var closesAt: Duration
        /// Actions were registered when the request went out, so some must come again.
        var isRegistrationExpected: Bool
        var hasRegistered = false

        func isOpen(at now: Duration) -> Bool { now < closesAt }

        /// When a missing re-registration is diagnosed; `nil` when none is awaited.
        var registrationDeadline: Duration? { isRegistrationExpected && !hasRegistered ? closesAt : nil }
    }

    /// Where the game stands with a shutdown request.
    private enum ShutdownState {
        case none
        case requested(deadline: Duration)
        case ready
    }

    private static let actionIDPrefix = "sim-"

    /// At most this many diagnostics of one rule are emitted (logged, listed, delivered as
    /// events) per connection; every one is counted in the statistics.
    static let maximumEmittedPerRule = 100

    let connectionID: Int
    let configuration: NeuroSimConfiguration
    private let dataSource: ActionDataSource
    private let registry: CrossGameRegistry?
    private let parser = JSONParser()

    /// The game's title, once the connection has sent one.
    private(set) var game: String?
    /// Whether the game has sent `startup`.
    private(set) var hasStartedUp = false
    /// Whether the connection is over (closed, dropped, or closing after a strict violation):
    /// nothing more is processed.
    private(set) var isFinished = false
    /// The connection's counters.
    private(set) var statistics = NeuroSimStatistics()
    /// The registered action names, in registration order.
    private(set) var registeredNames: [String] = []

    private var actions: [String: Action] = [:]
    /// Every name registered on the connection (to tell an unknown name from an inactive one).
    private var everRegistered: Set<String> = []
    /// Data made for each action, by name, when ``NeuroSimConfiguration/dataPoolSize`` is set.
    private var dataPools: [String: [String?]] = [:]
    private var random: SeededRandomNumberGenerator
    private var activeForce: ActionForce?
    private var activeForceDue: Duration?
    /// How often the active force was answered again after a failure.
    private var activeForceRetries = 0
    private var queuedForces: [ActionForce] = []
    private var pending: [String: PendingAction] = [:]
    private var timedOutIDs: Set<String> = []
    private var nextActionNumber = 1
    private var nextUnforcedAction: Duration?
    private var messagesReceived = 0
    private var openedAt: Duration = .zero
    private var resync: ResyncWindow?
    private var shutdown = ShutdownState.none
    private var speech = SpeechSchedule()
    private var emittedByRule: [ConformanceRule: Int] = [:]
    /// The language-model player's state; `nil` with the random player.
    private var llm: LLMPlayerState?

    init(
        connectionID: Int,
        configuration: NeuroSimConfiguration,
        dataSource: ActionDataSource = .standard,
        registry: CrossGameRegistry? = nil
    ) {
        self.connectionID = connectionID
        self.configuration = configuration
        self.dataSource = dataSource
        self.registry = configuration.isCheckingAcrossGames ? registry : nil
        random = SeededRandomNumberGenerator(seed: configuration.seed &+ UInt64(connectionID) &* 0x9E37_79B9_7F4A_7C15)
        if case .languageModel(let player) = configuration.player { llm = LLMPlayerState(configuration: player) }
    }

    /// Whether a force is pending: being answered, or queued.
    var hasPendingForce: Bool { activeForce != nil || !queuedForces.isEmpty }

    /// How many actions await their result.
    var pendingActionCount: Int { pending.count }

    /// The ids of the actions awaiting their result, in the order they were sent.
    var pendingActionIDs: [String] { pending.keys.sorted(by: Self.actionOrder) }

    /// The next time ``advance(to:)`` has something to do; `nil` when only a message can
    /// change anything.
    var nextDeadline: Duration? {
        guard !isFinished else { return nil }
        var deadline = pending.values.compactMap(\.deadline).min()
        deadline = Self.earlier(deadline, resync?.registrationDeadline)
        if case .requested(let due) = shutdown { deadline = Self.earlier(deadline, due) }
        deadline = Self.earlier(deadline, speech.nextDue)
        if let llm {
            // The model decides at its own pace: nothing to play until its decision arrives.
            if pending.isEmpty, llm.turnInFlight == nil {
                if activeForce != nil {
                    deadline = Self.earlier(deadline, activeForceDue)
                } else if queuedForces.isEmpty, !registeredNames.isEmpty {
                    deadline = Self.earlier(deadline, llm.nextIdleTurn)
                }
            }
        } else if pending.isEmpty {
            if activeForce != nil {
                deadline = Self.earlier(deadline, activeForceDue)
            } else if queuedForces.isEmpty, !registeredNames.isEmpty {
                deadline = Self.earlier(deadline, nextUnforcedAction)
            }
        }
        return deadline
    }

    /// The connection opened at `now`; returns the effects that open it (Randy's
    /// `actions/reregister_all`, when configured).
    mutating func start(at now: Duration) -> [SimulatedConnectionEffect] {
        openedAt = now
        guard configuration.sendsReregisterAllOnConnect else { return [] }
        noteSent(.reregisterAllActions, at: now)
        return [.send(.reregisterAllActions)]
    }

    /// Processes one message from the game, then anything that has fallen due.
    mutating func receive(_ message: TransportMessage, at now: Duration) -> [SimulatedConnectionEffect] {
        var effects: [SimulatedConnectionEffect] = []
        guard !isFinished else { return effects }
        switch message {
        case .closed(let code, _):
            effects.append(.closedByGame(code, registeredActions: registeredNames))
            finish()
            return effects
        case .binary(let bytes):
            statistics.messagesByCommand["<binary>", default: 0] += 1
            diagnose(
                .binaryFrame, command: nil, "a binary frame of \(bytes.count) bytes; the protocol uses text frames only",
                into: &effects)
        case .text(let text):
            handle(text, at: now, into: &effects)
        }
        messagesReceived += 1
        injectFaults(into: &effects)
        advance(to: now, into: &effects)
        return effects
    }

    /// Carries out whatever has fallen due by `now`: result timeouts, a missing
    /// re-registration or `shutdown/ready`, a force's answer, an unforced action, speech.
    mutating func advance(to now: Duration) -> [SimulatedConnectionEffect] {
        var effects: [SimulatedConnectionEffect] = []
        advance(to: now, into: &effects)
        return effects
    }

    /// Ends the session: releases its names, force slot and title across games. Idempotent.
    mutating func finish() {
        isFinished = true
        if let registry, let game {
            for name in registeredNames { registry.unregister(name, game: game, connection: connectionID) }
            registry.endForce(connection: connectionID)
            registry.forgetClient(game: game, connection: connectionID)
        }
        registeredNames.removeAll()
        actions.removeAll()
        dataPools.removeAll()
    }

    /// Forgets the latencies recorded so far (``NeuroSimulator/resetLatencies()``).
    mutating func resetLatencies() {
        statistics.latency = LatencyHistogram()
    }

    /// Records a command sent to the game from outside the session (a fault) at `now`:
    /// - after `actions/reregister_all` Neuro has forgotten the game's actions and forces, as
    ///   after a restart, and expects them again (``NeuroSimConfiguration/reregisterTimeout``);
    /// - after `shutdown/graceful` wanting shutdown, or `shutdown/immediate`, it expects
    ///   `shutdown/ready` (``NeuroSimConfiguration/shutdownReadyTimeout``); `shutdown/graceful`
    ///   not wanting shutdown cancels that.
    mutating func noteSent(_ command: NeuroCommand, at now: Duration) {
        switch command {
        case .reregisterAllActions:
            let isRegistrationExpected = !registeredNames.isEmpty
            forgetActionsAndForces()
            resync = ResyncWindow(
                closesAt: now + configuration.reregisterTimeout, isRegistrationExpected: isRegistrationExpected)
        case .gracefulShutdownRequest(let wantsShutdown):
            if wantsShutdown {
                shutdown = .requested(deadline: now + configuration.shutdownReadyTimeout)
            } else if case .requested = shutdown {
                shutdown = .none
            }
        case .immediateShutdownRequest:
            shutdown = .requested(deadline: now + configuration.shutdownReadyTimeout)
        default:
            break
        }
    }

    private mutating func forgetActionsAndForces() {
        llm?.endForce()
        unregister(registeredNames)
        activeForce = nil
        activeForceDue = nil
        queuedForces.removeAll()
        registry?.endForce(connection: connectionID)
    }

    private func isResyncing(at now: Duration) -> Bool { resync?.isOpen(at: now) == true }

    // MARK: - Receiving

    private mutating func handle(_ text: String, at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
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
                diagnoseMentions(
                    in: message, rule: .contextMentionsUnregisteredAction, what: "the context message", command: "context",
                    into: &effects)
            }
        case .shutdownReady:
            shutdown = .ready
        case .registerActions(let list):
            register(list, raw: envelope.data?["actions"]?.arrayValue ?? [], at: now, into: &effects)
        case .unregisterActions(let names):
            receiveUnregister(names, at: now, into: &effects)
        case .forceActions(let force):
            receiveForce(force, at: now, into: &effects)
        case .actionResult(let result):
            receiveResult(result, at: now, into: &effects)
        case .unknown(let name, _):
            diagnose(.unknownCommand, command: name, "\"\(name)\" is not a command of the Neuro game API", into: &effects)
        }
    }

    private mutating func identify(as title: String, command: String, into effects: inout [SimulatedConnectionEffect]) {
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
    private mutating func countMessage(_ command: String) {
        if statistics.messagesByCommand[command] == nil,
            statistics.messagesByCommand.count >= Self.maximumCountedCommands
        {
            statistics.messagesByCommand["<other>", default: 0] += 1
        } else {
            statistics.messagesByCommand[command, default: 0] += 1
        }
    }

    private static let maximumCountedCommands = 32

    private mutating func receiveStartup(at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
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

    private mutating func register(
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
    private mutating func isSchemaUsable(
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
    private mutating func reregister(
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
    private mutating func diagnoseUnsatisfiableSchema(
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

    private static let validator = JSONSchemaValidator(maximumViolations: 1)

    private mutating func receiveUnregister(
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
    }

    private mutating func unregister(_ names: [String]) {
        for name in names where actions.removeValue(forKey: name) != nil {
            dataPools[name] = nil
            registeredNames.removeAll { $0 == name }
            if let registry, let game { registry.unregister(name, game: game, connection: connectionID) }
        }
    }

    private mutating func receiveForce(_ force: ActionForce, at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
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

    private mutating func receiveResult(_ result: ActionResult, at now: Duration, into effects: inout [SimulatedConnectionEffect])
    {
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
                retryOrAbandonForce(at: now)
            }
        }
        if configuration.isFlooding { nextUnforcedAction = now }
    }

    /// Diagnoses the action names a text mentions in backticks that are not registered.
    private mutating func diagnoseMentions(
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

    // MARK: - Playing

    private mutating func advance(to now: Duration, into effects: inout [SimulatedConnectionEffect]) {
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
            if action.isForced { retryOrAbandonForce(at: now) }
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
    private mutating func play(at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
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
    private mutating func playWithModel(at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
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
    private mutating func sendAction(
        named name: String, isForced: Bool, chosenData: String?? = nil, at now: Duration,
        into effects: inout [SimulatedConnectionEffect]
    ) {
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
        if isForced { statistics.forcedActionsSent += 1 }
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
    private mutating func validData(for action: Action) -> String? {
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

    private mutating func activateNextForce(at now: Duration) {
        guard activeForce == nil, !queuedForces.isEmpty else { return }
        activeForce = queuedForces.removeFirst()
        activeForceDue = now + forceDelay
        activeForceRetries = 0
    }

    /// The active force's action failed (a failed result or a timeout): answer it again after
    /// the delay, or give it up silently after ``NeuroSimConfiguration/forceRetries`` retries.
    private mutating func retryOrAbandonForce(at now: Duration) {
        guard activeForce != nil else { return }
        if activeForceRetries < configuration.forceRetries {
            activeForceRetries += 1
            statistics.forceRetries += 1
            activeForceDue = now + forceDelay
        } else {
            statistics.abandonedForces += 1
            finishForce(at: now)
        }
    }

    private mutating func finishForce(at now: Duration) {
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

    // MARK: - Faults and diagnostics

    private mutating func injectFaults(into effects: inout [SimulatedConnectionEffect]) {
        guard !isFinished else { return }
        let isDueByCount = configuration.dropAfterMessages.map { messagesReceived >= $0 } ?? false
        let isDueByChance =
            configuration.dropProbability > 0 && Double.random(in: 0..<1, using: &random) < configuration.dropProbability
        if isDueByCount || isDueByChance {
            effects.append(.drop)
            finish()
        }
    }

    /// Counts a diagnostic, emits it (up to ``maximumEmittedPerRule`` of a rule), and in
    /// strict mode closes the connection on an error. Rules that do not apply under the
    /// configured spec are ignored.
    private mutating func diagnose(
        _ rule: ConformanceRule, command: String?, _ message: String, into effects: inout [SimulatedConnectionEffect]
    ) {
        guard !isFinished, rule.applies(under: configuration.spec) else { return }
        statistics.diagnosticsByRule[rule, default: 0] += 1
        let diagnostic = NeuroSimDiagnostic(
            rule: rule, connectionID: connectionID, game: game, command: command, message: message)
        let emitted = emittedByRule[rule, default: 0]
        if emitted < Self.maximumEmittedPerRule {
            emittedByRule[rule] = emitted + 1
            effects.append(.diagnostic(diagnostic))
        }
        if configuration.isStrict, rule.severity == .error {
            effects.append(.close(.policyViolation, reason: Self.closeReason(for: diagnostic)))
            finish()
        }
    }

    private var forceDelay: Duration { configuration.isFlooding ? .zero : configuration.forceDelay }

    private var unforcedInterval: Duration {
        configuration.unforcedActionRate > 0 ? .seconds(1 / configuration.unforcedActionRate) : .seconds(1)
    }

    /// A websocket close reason holds at most 123 bytes of UTF-8.
    static func closeReason(for diagnostic: NeuroSimDiagnostic) -> String {
        var reason = "\(diagnostic.rule): \(diagnostic.message)"
        while reason.utf8.count > 123 { reason.removeLast() }
        return reason
    }

    /// A duration as whole milliseconds, e.g. `612 ms`.
    static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }

    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")
        return names.count > 10 ? shown + " and \(names.count - 10) more" : shown
    }

    private static func shortened(_ text: String) -> String {
        text.count > 60 ? text.prefix(60) + "…" : text
    }

    private static func actionNumber(_ id: String) -> Int? {
        guard id.hasPrefix(actionIDPrefix) else { return nil }
        return Int(id.dropFirst(actionIDPrefix.count))
    }

    private static func actionOrder(_ first: String, _ second: String) -> Bool {
        (actionNumber(first) ?? 0) < (actionNumber(second) ?? 0)
    }

    private static func earlier(_ first: Duration?, _ second: Duration?) -> Duration? {
        guard let first else { return second }
        guard let second else { return first }
        return min(first, second)
    }
}
