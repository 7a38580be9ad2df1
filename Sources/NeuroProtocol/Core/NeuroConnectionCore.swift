import OrderedCollections

/// The protocol rules of one game's connection to Neuro, as a value: what is registered, what
/// each incoming action gets, and which commands each change sends.
///
/// It never touches the network and takes the time as an argument, so every ordering rule is
/// tested without sockets or sleeps. `NeuroClient` keeps one behind a lock and sends the
/// commands it returns, in the order it returns them; `NeuroComponent` and the game plugin
/// sessions built on it use no other copy of these rules:
/// - **Registration.** Names and schemas are checked before anything is recorded, so a bad
///   batch leaves no trace. Registering a name again replaces its definition and handler.
/// - **Exactly one answer per action.** ``accept(_:at:)`` answers at once an unknown name, a
///   name unregistered within ``recentWindow``, data that does not fit the schema, and an id
///   that is already being handled; everything else is handed to its handler, and
///   ``complete(_:registration:outcome:at:)`` produces its result. A malformed `action` frame
///   that still carries an id is answered by ``answerMalformedAction(_:error:parser:)``.
/// - **Unregister before success.** A temporary action, or any member of a temporary group,
///   is unregistered *before* its successful result, so Neuro never retries a force with a
///   name that is gone.
/// - **The pending force.** ``force(_:)`` records it; a success of one of its actions answers
///   it, and unregistering one of its actions withdraws it. A new connection forgets it
///   (`startup` makes Neuro forget the game's actions and force).
/// - **On (re)connect.** ``connected(sendsStartup:reregisters:)``: `startup`, then every
///   registered action in one `actions/register`. After `actions/reregister_all`
///   (``reregisterAll()``): every registered action, and the pending force again.
///
/// ```swift
/// var core = NeuroConnectionCore()
/// let (register, _) = try core.register([(jump, nil)], as: .temporary)
/// switch core.accept(NeuroAction(id: "1", name: "jump"), at: .now) {
/// case .perform(let registration, let data): …  // run the handler, then `complete`
/// case .answer(let result, _): …                  // send `.actionResult(result)`
/// }
/// ```
public struct NeuroConnectionCore: Sendable {
    /// How a registration of actions ends.
    public enum RegistrationKind: Sendable, Hashable {
        /// Until it is unregistered explicitly.
        case permanent
        /// Each action until its own first success.
        case temporary
        /// Every action of the batch until the first success of any of them.
        case group
    }

    /// How long one registered action stays registered.
    public enum Lifetime: Sendable, Hashable {
        /// Until it is unregistered explicitly.
        case permanent
        /// Until its first success.
        case temporary
        /// Until the first success of any member of the group with this id.
        case group(Int)
    }

    /// One registered action, with the handler that answers it (`nil` for actions registered
    /// through `NeuroClient` alone, whose caller answers them itself).
    public struct Registration: Sendable {
        /// The action as registered with Neuro.
        public let action: Action
        /// How long it stays registered.
        public let lifetime: Lifetime
        /// Tells this registration from a later one under the same name.
        public let token: Int
        /// What answers it.
        public let handler: ActionHandler?
    }

    /// What ``accept(_:at:)`` decided for an incoming action.
    public enum Disposition: Sendable {
        /// Run the registration's handler with the parsed (and, when configured, validated)
        /// data, then call ``complete(_:registration:outcome:at:)``.
        case perform(Registration, data: JSONValue?)
        /// Send this result now; no handler runs.
        case answer(ActionResult, AnswerReason)
    }

    /// Why an action was answered without running a handler.
    public enum AnswerReason: Sendable, Hashable {
        /// No action of that name was registered (recently).
        case unknownAction
        /// The name was unregistered this long ago, within ``NeuroConnectionCore/recentWindow``.
        case unregisteredRecently(Duration)
        /// The data is not JSON, or does not fit the action's schema.
        case invalidData
        /// An action with the same id is still being handled.
        case duplicateID
    }

    /// How many actions were answered without a handler, by reason, across connections.
    public struct Counters: Sendable, Hashable {
        /// Actions whose name was never registered, or not recently.
        public var unknownActions = 0
        /// Actions whose name was unregistered within the recent window.
        public var lateActions = 0
        /// Actions whose data is not JSON or does not fit the schema.
        public var invalidData = 0
        /// Actions whose id was already being handled.
        public var duplicateIDs = 0
        /// Malformed `action` frames answered because their id could be read.
        public var malformedActions = 0

        /// Creates zero counters.
        public init() {}
    }

    /// How long an unregistered name is remembered, to tell Neuro that it is gone rather
    /// than unknown.
    public let recentWindow: Duration
    /// At most this many unregistered names are remembered, however many are unregistered
    /// within the window.
    public static let recentNameLimit = 256
    /// Whether action data is checked against the action's schema before a handler sees it.
    public let validatesActionData: Bool
    /// The parser for action data.
    public let parser: JSONParser

    /// The registered actions, by name, in registration order.
    public private(set) var registrations: OrderedDictionary<String, Registration> = [:]
    /// The force Neuro has not answered yet, if any.
    public private(set) var pendingForce: ActionForce?
    /// Actions answered without a handler, by reason.
    public private(set) var counters = Counters()
    /// The ids of actions handed to a handler and not yet completed.
    public private(set) var inFlightActionIDs: Set<String> = []
    private var groups: [Int: [String]] = [:]
    private var recentlyUnregistered: OrderedDictionary<String, ContinuousClock.Instant> = [:]
    private var nextToken = 0

    /// Creates the state of a connection with nothing registered.
    /// - Parameters:
    ///   - validatesActionData: check action data against the schema (default `true`); when
    ///     `false`, data that is not JSON is handed over as `nil`.
    ///   - recentWindow: how long an unregistered name is remembered (default 10 s).
    ///   - parser: the parser for action data.
    public init(validatesActionData: Bool = true, recentWindow: Duration = .seconds(10), parser: JSONParser = JSONParser()) {
        self.validatesActionData = validatesActionData
        self.recentWindow = recentWindow
        self.parser = parser
    }

    /// The registered actions, in registration order.
    public var registeredActions: [Action] { registrations.values.map(\.action) }
    /// The registered names, in registration order.
    public var registeredNames: [String] { Array(registrations.keys) }
    /// How many unregistered names are remembered now (bounded by the window and by
    /// ``recentNameLimit``, never by the number of actions received).
    public var recentlyUnregisteredCount: Int { recentlyUnregistered.count }

    /// Whether an action of that name is registered.
    public func isRegistered(_ name: String) -> Bool { registrations[name] != nil }

    // MARK: Sending

    /// Checks and records actions with their handlers, replacing registrations of the same
    /// names.
    /// - Returns: the `actions/register` to send, and the discouraged schema keywords found.
    /// - Throws: ``NeuroError`` (``NeuroError/Code/emptyActionList``,
    ///   ``NeuroError/Code/invalidActionName``, ``NeuroError/Code/invalidSchema``); nothing is
    ///   recorded then.
    public mutating func register(
        _ batch: [(action: Action, handler: ActionHandler?)],
        as kind: RegistrationKind
    ) throws(NeuroError) -> (command: GameCommand, warnings: [SchemaWarning]) {
        guard !batch.isEmpty else {
            throw NeuroError(code: .emptyActionList, message: "must register at least one action")
        }
        var warnings: [SchemaWarning] = []
        var names: Set<String> = []
        for (action, _) in batch {
            warnings += try action.validate()
            guard names.insert(action.name).inserted else {
                throw NeuroError(code: .invalidActionName, message: "action \"\(action.name)\" appears twice in one register")
            }
        }
        let lifetime: Lifetime
        switch kind {
        case .permanent: lifetime = .permanent
        case .temporary: lifetime = .temporary
        case .group:
            lifetime = .group(nextToken)
            groups[nextToken] = batch.map(\.action.name)
            nextToken += 1
        }
        for (action, handler) in batch {
            detachFromGroup(action.name)
            recentlyUnregistered.removeValue(forKey: action.name)
            registrations[action.name] = Registration(action: action, lifetime: lifetime, token: nextToken, handler: handler)
            nextToken += 1
        }
        return (.registerActions(batch.map(\.action)), warnings)
    }

    /// Forgets the named actions (unknown names are fine) and remembers them as recently
    /// unregistered; withdraws the pending force when it names one of them.
    /// - Returns: the `actions/unregister` to send, with every given name.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/emptyActionList``.
    public mutating func unregister(_ names: [String], at now: ContinuousClock.Instant) throws(NeuroError) -> GameCommand {
        guard !names.isEmpty else {
            throw NeuroError(code: .emptyActionList, message: "must unregister at least one action")
        }
        remove(names, at: now)
        return .unregisterActions(names)
    }

    /// Records a force after checking that every named action is registered.
    /// - Returns: the `actions/force` to send.
    /// - Throws: ``NeuroError`` (``NeuroError/Code/emptyActionList``,
    ///   ``NeuroError/Code/actionNotRegistered``).
    public mutating func force(_ force: ActionForce) throws(NeuroError) -> GameCommand {
        guard !force.actionNames.isEmpty else {
            throw NeuroError(code: .emptyActionList, message: "must force at least one action name")
        }
        if let missing = force.actionNames.first(where: { registrations[$0] == nil }) {
            throw NeuroError(code: .actionNotRegistered, message: "\"\(missing)\" is not currently registered")
        }
        pendingForce = force
        return .forceActions(force)
    }

    /// Checks a result before it is sent.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/missingFailureMessage`` for a failure
    ///   without a message.
    public func result(_ result: ActionResult) throws(NeuroError) -> GameCommand {
        guard result.isSuccess || result.message != nil else {
            throw NeuroError(
                code: .missingFailureMessage, message: "a failed result needs a message telling Neuro what went wrong")
        }
        return .actionResult(result)
    }

    /// A new connection: Neuro knows nothing of the game (or forgets it on `startup`), so the
    /// pending force and the actions in flight are forgotten.
    /// - Returns: `startup` (when `sendsStartup`), then every registered action (when
    ///   `reregisters` and there are any).
    public mutating func connected(sendsStartup: Bool = true, reregisters: Bool = true) -> [GameCommand] {
        pendingForce = nil
        inFlightActionIDs = []
        var commands: [GameCommand] = sendsStartup ? [.startup] : []
        if reregisters { commands += reregisterAll() }
        return commands
    }

    /// Every registered action again in one `actions/register` (nothing when there are none),
    /// then the pending force, if any: the answer to `actions/reregister_all`, after which
    /// Neuro has forgotten both.
    public func reregisterAll() -> [GameCommand] {
        guard !registrations.isEmpty else { return [] }
        var commands: [GameCommand] = [.registerActions(registeredActions)]
        if let pendingForce { commands.append(.forceActions(pendingForce)) }
        return commands
    }

    // MARK: Receiving

    /// Decides what an incoming action gets: its handler, or an immediate answer.
    ///
    /// Answered at once, each with a failure that says what would succeed: an id already in
    /// flight; an unknown name, or one unregistered within ``recentWindow``; data that is not
    /// JSON or (when ``validatesActionData``) does not fit the schema. Otherwise the id is
    /// marked in flight until ``complete(_:registration:outcome:at:)`` or ``abandon(_:)``.
    public mutating func accept(_ action: NeuroAction, at now: ContinuousClock.Instant) -> Disposition {
        // Marked in flight first (one hash of the id, not two, on the usual path) and unmarked
        // when the action is answered here.
        guard inFlightActionIDs.insert(action.id).inserted else {
            counters.duplicateIDs += 1
            let message = "Action id \"\(action.id)\" is already being handled; this duplicate was ignored."
            return .answer(.failure(id: action.id, message: message), .duplicateID)
        }
        let disposition = admit(action, at: now)
        if case .answer = disposition { inFlightActionIDs.remove(action.id) }
        return disposition
    }

    /// ``accept(_:at:)`` for an action whose id is not in flight.
    private mutating func admit(_ action: NeuroAction, at now: ContinuousClock.Instant) -> Disposition {
        forgetOldNames(now: now)
        guard let registration = registrations[action.name] else {
            if let when = recentlyUnregistered[action.name] {
                counters.lateActions += 1
                let message = Self.unavailableMessage(action.name, since: now - when, available: registeredNames)
                return .answer(.failure(id: action.id, message: message), .unregisteredRecently(now - when))
            }
            counters.unknownActions += 1
            let message = Self.unavailableMessage(action.name, since: nil, available: registeredNames)
            return .answer(.failure(id: action.id, message: message), .unknownAction)
        }
        let data: JSONValue?
        do {
            if validatesActionData {
                data = try action.validatedData(against: registration.action.schema, parser: parser)
            } else {
                data = try? action.parsedData(parser: parser)
            }
        } catch {
            counters.invalidData += 1
            let message = "Invalid data for \"\(action.name)\": \(error.message). Try again with valid data."
            return .answer(.failure(id: action.id, message: message), .invalidData)
        }
        return .perform(registration, data: data)
    }

    /// The handler of `registration` answered `action` with `outcome`.
    ///
    /// A success of a temporary action (or group member) that is still registered under the
    /// same registration unregisters it (the group: every member) *first*; a success of a
    /// forced action answers the pending force.
    /// - Returns: the `actions/unregister` (if any), then the `action/result`.
    public mutating func complete(
        _ action: NeuroAction,
        registration: Registration,
        outcome: ActionHandlerResult,
        at now: ContinuousClock.Instant
    ) -> [GameCommand] {
        inFlightActionIDs.remove(action.id)
        var commands: [GameCommand] = []
        if outcome.isSuccess {
            if pendingForce?.actionNames.contains(action.name) == true { pendingForce = nil }
            let consumed = consumedNames(by: registration)
            if !consumed.isEmpty {
                remove(consumed, at: now)
                commands.append(.unregisterActions(consumed))
            }
        }
        commands.append(.actionResult(outcome.actionResult(id: action.id)))
        return commands
    }

    /// The connection ended while `action`'s handler ran: its result can no longer be sent.
    public mutating func abandon(_ action: NeuroAction) {
        inFlightActionIDs.remove(action.id)
    }

    /// The answer to a frame that could not be decoded, when it is an `action` whose `id`
    /// can still be read: a failure naming the problem, so that no action goes unanswered.
    /// - Returns: the `action/result` to send, or `nil` when the frame carries no action id.
    public mutating func answerMalformedAction(_ text: String, error: NeuroError, parser: JSONParser) -> GameCommand? {
        guard let value = try? parser.parse(text), value["command"] == .string("action"),
            case .string(let id)? = value["data"]?["id"]
        else { return nil }
        counters.malformedActions += 1
        return .actionResult(.failure(id: id, message: "Invalid action message: \(error.message)"))
    }

    // MARK: Internals

    /// The one wording for an action name that is not registered: gone (and since when) or
    /// unknown, and what Neuro can call instead.
    static func unavailableMessage(_ name: String, since: Duration?, available: [String]) -> String {
        let listing =
            available.isEmpty
            ? "No actions are available right now."
            : "Available now: " + available.map { "\"\($0)\"" }.joined(separator: ", ") + "."
        guard let since else { return "Unknown action \"\(name)\". \(listing)" }
        return "\"\(name)\" is no longer available (it was unregistered \(since.components.seconds) s ago). \(listing)"
    }

    private func consumedNames(by registration: Registration) -> [String] {
        guard registrations[registration.action.name]?.token == registration.token else { return [] }
        switch registration.lifetime {
        case .permanent: return []
        case .temporary: return [registration.action.name]
        case .group(let id): return groups[id] ?? [registration.action.name]
        }
    }

    private mutating func remove(_ names: [String], at now: ContinuousClock.Instant) {
        for name in names where registrations[name] != nil {
            detachFromGroup(name)
            registrations.removeValue(forKey: name)
            recentlyUnregistered.removeValue(forKey: name)
            recentlyUnregistered[name] = now
        }
        while recentlyUnregistered.count > Self.recentNameLimit {
            recentlyUnregistered.removeFirst()
        }
        if let force = pendingForce, force.actionNames.contains(where: { registrations[$0] == nil }) {
            pendingForce = nil  // withdrawn: Neuro cannot pick an unregistered action
        }
    }

    private mutating func forgetOldNames(now: ContinuousClock.Instant) {
        // Oldest first: stop at the first name still inside the window.
        while let first = recentlyUnregistered.elements.first, now - first.value > recentWindow {
            recentlyUnregistered.removeFirst()
        }
    }

    private mutating func detachFromGroup(_ name: String) {
        guard case .group(let id)? = registrations[name]?.lifetime, var members = groups[id] else { return }
        members.removeAll { $0 == name }
        groups[id] = members.isEmpty ? nil : members
    }
}
