import NeuroAPI

/// Everything NeuroSim knows about one game connection, and every decision it takes about it:
/// the conformance checks, the Randy-like player and the configured faults.
///
/// A pure value type driven by two calls with an explicit time (a `Duration` since the
/// connection opened): ``receive(_:at:)`` for each message from the game, and
/// ``advance(to:)`` when ``nextDeadline`` is reached. It returns ``SimulatedConnectionEffect``s for the
/// connection around it to carry out, so every rule is tested without sockets or sleeps.
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

    private static let actionIDPrefix = "sim-"

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
    /// Data made for each action, by name, when ``NeuroSimConfiguration/dataPoolSize`` is set.
    private var dataPools: [String: [String?]] = [:]
    private var random: SeededRandomNumberGenerator
    private var activeForce: ActionForce?
    private var activeForceDue: Duration?
    private var queuedForces: [ActionForce] = []
    private var pending: [String: PendingAction] = [:]
    private var timedOutIDs: Set<String> = []
    private var nextActionNumber = 1
    private var nextUnforcedAction: Duration?
    private var messagesReceived = 0

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
        if pending.isEmpty {
            if activeForce != nil {
                deadline = Self.earlier(deadline, activeForceDue)
            } else if queuedForces.isEmpty, !registeredNames.isEmpty {
                deadline = Self.earlier(deadline, nextUnforcedAction)
            }
        }
        return deadline
    }

    /// The effects that open a connection (Randy's `actions/reregister_all`, when configured).
    mutating func start() -> [SimulatedConnectionEffect] {
        configuration.sendsReregisterAllOnConnect ? [.send(.reregisterAllActions)] : []
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
            violate(
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

    /// Carries out whatever has fallen due by `now`: result timeouts, a force's answer, an
    /// unforced action.
    mutating func advance(to now: Duration) -> [SimulatedConnectionEffect] {
        var effects: [SimulatedConnectionEffect] = []
        advance(to: now, into: &effects)
        return effects
    }

    /// Ends the session: releases its names and force slot across games. Idempotent.
    mutating func finish() {
        isFinished = true
        if let registry, let game {
            for name in registeredNames { registry.unregister(name, game: game, connection: connectionID) }
            registry.endForce(connection: connectionID)
        }
        registeredNames.removeAll()
        actions.removeAll()
        dataPools.removeAll()
    }

    /// Forgets the latencies recorded so far (``NeuroSimulator/resetLatencies()``).
    mutating func resetLatencies() {
        statistics.latency = LatencyHistogram()
    }

    /// Records a command sent to the game from outside the session (a fault): after
    /// `actions/reregister_all` Neuro has forgotten the game's actions and forces, as after a
    /// restart, so registering them again is no duplicate.
    mutating func noteSent(_ command: NeuroCommand) {
        guard case .reregisterAllActions = command else { return }
        forgetActionsAndForces()
    }

    private mutating func forgetActionsAndForces() {
        unregister(registeredNames)
        activeForce = nil
        activeForceDue = nil
        queuedForces.removeAll()
        registry?.endForce(connection: connectionID)
    }

    // MARK: - Receiving

    private mutating func handle(_ text: String, at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
        let value: JSONValue
        do {
            value = try parser.parse(text)
        } catch {
            statistics.messagesByCommand["<invalid>", default: 0] += 1
            violate(.invalidJSON, command: nil, "the frame is not valid JSON: \(error)", into: &effects)
            return
        }
        guard case .object = value else {
            statistics.messagesByCommand["<invalid>", default: 0] += 1
            violate(.notAnObject, command: nil, "the frame must be a JSON object, not \(value.typeName)", into: &effects)
            return
        }
        let envelope: WireEnvelope
        do {
            envelope = try WireEnvelope.decode(value, rejectingUnknownKeys: true)
        } catch {
            statistics.messagesByCommand["<invalid>", default: 0] += 1
            violate(.invalidFields, command: nil, error.message, into: &effects)
            return
        }
        countMessage(envelope.command)
        if let title = envelope.game {
            if let game, game != title {
                violate(
                    .gameChanged, command: envelope.command,
                    "the connection started as game \"\(game)\" and now says \"\(title)\"", into: &effects)
                if isFinished { return }
            } else if game == nil {
                game = title
                effects.append(.identified(game: title))
            }
        }
        if !hasStartedUp, envelope.command != "startup" {
            violate(
                .messageBeforeStartup, command: envelope.command,
                "\"\(envelope.command)\" arrived before the game sent \"startup\"", into: &effects)
            if isFinished { return }
        }
        let command: GameCommand
        do {
            command = try GameCommand.decode(envelope).command
        } catch {
            violate(.invalidFields, command: envelope.command, error.message, into: &effects)
            return
        }
        switch command {
        case .startup:
            hasStartedUp = true
            forgetActionsAndForces()
            if let character = configuration.character {
                let session = NeuroSessionInfo(
                    sessionID: "sim-session-\(connectionID)", characterID: character.id, displayName: character.displayName)
                effects.append(.send(.startupAcknowledgement(session)))
            }
        case .context, .shutdownReady:
            break
        case .registerActions(let list):
            register(list, at: now, into: &effects)
        case .unregisterActions(let names):
            unregister(names)
        case .forceActions(let force):
            receiveForce(force, at: now, into: &effects)
        case .actionResult(let result):
            receiveResult(result, at: now, into: &effects)
        case .unknown(let name, _):
            violate(.unknownCommand, command: name, "\"\(name)\" is not a command of the Neuro game API", into: &effects)
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

    private mutating func register(_ list: [Action], at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
        for var action in list {
            guard !isFinished else { return }
            // The reference library documents `{}` as "no parameters"; Neuro treats it as no schema.
            if action.schema == .object([:]) { action.schema = nil }
            let warnings: [SchemaWarning]
            do {
                warnings = try action.validate()
            } catch {
                let rule: ConformanceRule = error.code == .invalidActionName ? .invalidActionName : .invalidSchema
                violate(rule, command: "actions/register", error.message, into: &effects)
                continue
            }
            for warning in warnings {
                violate(
                    .discouragedSchemaKeyword, command: "actions/register", "action \"\(action.name)\": \(warning)",
                    into: &effects)
            }
            guard actions[action.name] == nil else {
                violate(
                    .duplicateRegistration, command: "actions/register",
                    "action \"\(action.name)\" is already registered; Neuro ignores the second registration",
                    into: &effects)
                continue
            }
            actions[action.name] = action
            dataPools[action.name] = nil
            registeredNames.append(action.name)
            if let registry, let game {
                for other in registry.register(action.name, game: game, connection: connectionID) {
                    violate(
                        .actionRegisteredByOtherGame, command: "actions/register",
                        "action \"\(action.name)\" is also registered by game \"\(other)\"", into: &effects)
                }
            }
        }
        if nextUnforcedAction == nil, !registeredNames.isEmpty {
            if configuration.isFlooding {
                nextUnforcedAction = now
            } else if configuration.unforcedActionRate > 0 {
                nextUnforcedAction = now + unforcedInterval
            }
        }
    }

    private mutating func unregister(_ names: [String]) {
        for name in names where actions.removeValue(forKey: name) != nil {
            dataPools[name] = nil
            registeredNames.removeAll { $0 == name }
            if let registry, let game { registry.unregister(name, game: game, connection: connectionID) }
        }
    }

    private mutating func receiveForce(_ force: ActionForce, at now: Duration, into effects: inout [SimulatedConnectionEffect]) {
        guard !force.actionNames.isEmpty else {
            violate(.emptyForce, command: "actions/force", "the force names no actions", into: &effects)
            return
        }
        if let pendingForce = activeForce ?? queuedForces.first {
            violate(
                .forceWhilePending, command: "actions/force",
                "a force arrived while the force \"\(pendingForce.query)\" is still pending", into: &effects)
            if isFinished { return }
        }
        let unregistered = force.actionNames.filter { actions[$0] == nil }
        if !unregistered.isEmpty {
            violate(
                .forceUnregisteredAction, command: "actions/force",
                "the force names actions that are not registered: \(unregistered.joined(separator: ", "))",
                into: &effects)
            if isFinished { return }
        }
        guard unregistered.count < force.actionNames.count else { return }
        if let registry, let game {
            for other in registry.beginForce(game: game, connection: connectionID) {
                violate(
                    .forceWhileOtherGamePending, command: "actions/force",
                    "game \"\(other)\" has a force pending; Neuro has one force slot per character", into: &effects)
            }
        }
        queuedForces.append(force)
        activateNextForce(at: now)
    }

    private mutating func receiveResult(_ result: ActionResult, at now: Duration, into effects: inout [SimulatedConnectionEffect])
    {
        guard let action = pending.removeValue(forKey: result.id) else {
            if timedOutIDs.remove(result.id) != nil {
                statistics.lateResults += 1  // its timeout was already reported
            } else if Self.actionNumber(result.id).map({ $0 < nextActionNumber }) == true {
                violate(
                    .duplicateResult, command: "action/result", "action \"\(result.id)\" was already answered",
                    into: &effects)
            } else {
                violate(
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
        effects.append(.resultReceived(result, latency: latency))
        if action.isForced {
            if result.isSuccess {
                finishForce(at: now)
            } else {
                statistics.forceRetries += 1
                activeForceDue = now + forceDelay
            }
        }
        if configuration.isFlooding { nextUnforcedAction = now }
    }

    // MARK: - Playing

    private mutating func advance(to now: Duration, into effects: inout [SimulatedConnectionEffect]) {
        guard !isFinished else { return }
        for id in pending.keys.sorted(by: Self.actionOrder) {
            guard let action = pending[id], let deadline = action.deadline, deadline <= now else { continue }
            pending[id] = nil
            timedOutIDs.insert(id)
            violate(
                .resultTimeout, command: "action/result",
                "no result for action \"\(action.name)\" (id \"\(id)\") within \(configuration.resultTimeout ?? .zero)",
                into: &effects)
            if isFinished { return }
            if action.isForced {
                statistics.forceRetries += 1
                activeForceDue = now + forceDelay
            }
        }
        guard pending.isEmpty else { return }
        if let force = activeForce {
            guard let due = activeForceDue, due <= now else { return }
            let candidates = force.actionNames.filter { actions[$0] != nil }
            guard let name = candidates.randomElement(using: &random) else {
                finishForce(at: now)  // its actions were unregistered meanwhile: nothing to answer
                return advance(to: now, into: &effects)
            }
            sendAction(named: name, isForced: true, at: now, into: &effects)
        } else if queuedForces.isEmpty, let due = nextUnforcedAction, due <= now,
            let name = registeredNames.randomElement(using: &random)
        {
            nextUnforcedAction = configuration.isFlooding ? nil : now + unforcedInterval
            sendAction(named: name, isForced: false, at: now, into: &effects)
        }
    }

    private mutating func sendAction(
        named name: String, isForced: Bool, at now: Duration, into effects: inout [SimulatedConnectionEffect]
    ) {
        let id = Self.actionIDPrefix + String(nextActionNumber)
        nextActionNumber += 1
        var wireName = name
        var data: String?
        var isBad = false
        let schema = actions[name]?.schema
        if configuration.badDataShare > 0, Double.random(in: 0..<1, using: &random) < configuration.badDataShare {
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
        let action = NeuroAction(id: id, name: wireName, data: data)
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
    }

    private mutating func finishForce(at now: Duration) {
        activeForce = nil
        activeForceDue = nil
        if queuedForces.isEmpty {
            registry?.endForce(connection: connectionID)
        } else {
            activateNextForce(at: now)
        }
    }

    // MARK: - Faults and violations

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

    private mutating func violate(
        _ rule: ConformanceRule, command: String?, _ message: String, into effects: inout [SimulatedConnectionEffect]
    ) {
        guard !isFinished else { return }
        statistics.violationsByRule[rule, default: 0] += 1
        let violation = NeuroSimViolation(
            rule: rule, connectionID: connectionID, game: game, command: command, message: message)
        effects.append(.violation(violation))
        if configuration.isStrict {
            effects.append(.close(.policyViolation, reason: Self.closeReason(for: violation)))
            finish()
        }
    }

    private var forceDelay: Duration { configuration.isFlooding ? .zero : configuration.forceDelay }

    private var unforcedInterval: Duration {
        configuration.unforcedActionRate > 0 ? .seconds(1 / configuration.unforcedActionRate) : .seconds(1)
    }

    /// A websocket close reason holds at most 123 bytes of UTF-8.
    static func closeReason(for violation: NeuroSimViolation) -> String {
        var reason = "\(violation.rule): \(violation.message)"
        while reason.utf8.count > 123 { reason.removeLast() }
        return reason
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
