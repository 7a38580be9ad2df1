import NeuroProtocol
import NeuroWebSocket

/// Everything NeuroSim knows about one game connection, and every decision it takes about it:
/// the diagnostics, the Randy-like player and the configured faults.
///
/// A pure value type driven by explicit times (a `Duration` on the simulator's clock):
/// ``start(at:)`` when the connection opens, ``receive(_:at:)`` for each message from the
/// game, ``noteSent(_:at:)`` for each command sent from outside (a fault), and
/// ``advance(to:)`` when ``nextDeadline`` is reached. It returns ``SimulatedConnectionEffect``s
/// for the connection around it to carry out, so every rule is tested without sockets or
/// sleeps.
///
/// This file holds its state and the entry points; the work is split by concern:
/// `SimulatedConnection+Checking.swift` (the conformance checker: what the game sends),
/// `SimulatedConnection+Playing.swift` (the players and the force queue) and
/// `SimulatedConnection+Diagnosing.swift` (the fault plan and emitting diagnostics).
struct SimulatedConnection {
    /// An action sent and not yet answered.
    struct PendingAction {
        var name: String
        var sentAt: Duration
        var deadline: Duration?
        var isForced: Bool
        var isBad: Bool
    }

    /// The deliberate mistakes of ``NeuroSimConfiguration/badDataShare``.
    enum BadData: CaseIterable {
        case invalidJSON
        case offSchema
        case unknownName
    }

    /// The time after NeuroSim sent `actions/reregister_all`. The game cannot tell which of its
    /// frames NeuroSim read before the request, so while the window is open what it sends is
    /// taken as re-synchronising: a registration of a registered name, a force while one is
    /// pending (it replaces it), names NeuroSim forgot (in a force, an unregistration or a
    /// text) are not diagnosed.
    struct ResyncWindow {
        var closesAt: Duration
        /// Actions were registered when the request went out, so some must come again.
        var isRegistrationExpected: Bool
        var hasRegistered = false

        func isOpen(at now: Duration) -> Bool { now < closesAt }

        /// When a missing re-registration is diagnosed; `nil` when none is awaited.
        var registrationDeadline: Duration? { isRegistrationExpected && !hasRegistered ? closesAt : nil }
    }

    /// Where the game stands with a shutdown request.
    enum ShutdownState {
        case none
        case requested(deadline: Duration)
        case ready
    }

    static let actionIDPrefix = "sim-"

    /// At most this many diagnostics of one rule are emitted (logged, listed, delivered as
    /// events) per connection; every one is counted in the statistics.
    static let maximumEmittedPerRule = 100

    let connectionID: Int
    let configuration: NeuroSimConfiguration
    let dataSource: ActionDataSource
    let registry: CrossGameRegistry?
    let parser = JSONParser()

    /// The game's title, once the connection has sent one.
    var game: String?
    /// Whether the game has sent `startup`.
    var hasStartedUp = false
    /// Whether the connection is over (closed, dropped, or closing after a strict violation):
    /// nothing more is processed.
    var isFinished = false
    /// The connection's counters.
    var statistics = NeuroSimStatistics()
    /// The registered action names, in registration order.
    var registeredNames: [String] = []

    var actions: [String: Action] = [:]
    /// Every name registered on the connection (to tell an unknown name from an inactive one).
    var everRegistered: Set<String> = []
    /// Data made for each action, by name, when ``NeuroSimConfiguration/dataPoolSize`` is set.
    var dataPools: [String: [String?]] = [:]
    var random: SeededRandomNumberGenerator
    var activeForce: ActionForce?
    var activeForceDue: Duration?
    /// How often the active force was answered again after a failure.
    var activeForceRetries = 0
    var queuedForces: [ActionForce] = []
    var pending: [String: PendingAction] = [:]
    var timedOutIDs: Set<String> = []
    var nextActionNumber = 1
    var nextUnforcedAction: Duration?
    var messagesReceived = 0
    var openedAt: Duration = .zero
    var resync: ResyncWindow?
    var shutdown = ShutdownState.none
    var speech = SpeechSchedule()
    var emittedByRule: [ConformanceRule: Int] = [:]
    /// The language-model player's state; `nil` with the random player.
    var llm: LLMPlayerState?
    /// Names context messages mentioned that were not registered then, checked when Neuro next
    /// acts (``diagnoseContextMentions(into:)``).
    var contextMentions: [String] = []

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
    ///   not wanting shutdown cancels that (also after `shutdown/ready`);
    /// - an `action` sent by hand is expected to get its result, as NeuroSim's own are; one of
    ///   the active force's actions answers that force.
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
            } else {
                // Cancelled: the game plays on, whether or not it had said it was ready.
                shutdown = .none
            }
        case .immediateShutdownRequest:
            shutdown = .requested(deadline: now + configuration.shutdownReadyTimeout)
        case .action(let action):
            // Sent by hand (the dashboard, a test): its result is expected like any other. One
            // of the active force's actions, while none of NeuroSim's is out, answers that force
            // as Neuro's own choice would (a success ends it; the game takes it so too).
            let answersForce =
                activeForce?.actionNames.contains(action.name) == true && !pending.values.contains { $0.isForced }
            pending[action.id] = PendingAction(
                name: action.name, sentAt: now, deadline: configuration.resultTimeout.map { now + $0 },
                isForced: answersForce, isBad: false)
            statistics.actionsSent += 1
            if answersForce {
                statistics.forcedActionsSent += 1
                registry?.forcedActionSent(connection: connectionID)
            }
        default:
            break
        }
    }

    mutating func forgetActionsAndForces() {
        llm?.endForce()
        unregister(registeredNames)
        activeForce = nil
        activeForceDue = nil
        queuedForces.removeAll()
        registry?.endForce(connection: connectionID)
    }

    func isResyncing(at now: Duration) -> Bool { resync?.isOpen(at: now) == true }
}
