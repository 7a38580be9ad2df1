import Logging
import Synchronization

/// The game's side of the Neuro API over one transport: the Python library's
/// `AbstractNeuroAPI` plus the connection handling of `TrioNeuroAPI`.
///
/// It keeps the connection's `NeuroConnectionCore` (the registered actions, the pending
/// force, what each incoming action gets) and sends what each change to it produces. Every
/// send goes through ``update(_:)->Value``, which carries out changes in the order they were made,
/// whichever tasks made them: a force never overtakes the registration of its actions, and
/// never follows their unregistration.
///
/// ```swift
/// let client = NeuroClient(gameTitle: "Jerald Game", transport: transport, logger: logger)
/// try await client.sendStartup()
/// try await client.registerActions([Action(name: "set_name", description: "Set your name.")])
/// try await client.forceActions(named: ["set_name"], query: "Pick a name.")
/// while case .command(let command) = try await client.read() { … }
/// ```
///
/// All methods may be called from several tasks at once.
public final class NeuroClient: Sendable {
    private struct State {
        var transport: (any NeuroTransport)?
        var core: NeuroConnectionCore
        var turns = OrderedTurns()
    }

    /// The game title sent as `game` with every command.
    public let gameTitle: String
    /// The logger; metadata `neuro.game` holds the title.
    public let logger: Logger
    /// The parser for incoming frames (its depth limit bounds hostile input).
    public let parser: JSONParser
    private let state: Mutex<State>
    /// The clock of the core's times (when a name was unregistered, when an action came), and
    /// the instant its zero stands for.
    private let clock: ElapsedClock
    private let origin = ContinuousClock.now

    /// Creates a client.
    /// - Parameters:
    ///   - gameTitle: the `game` field of every command.
    ///   - transport: an open connection, or `nil` to connect later with ``connect(_:)``.
    ///   - logger: where the client logs.
    ///   - parser: the parser for incoming frames and action data.
    ///   - core: the protocol state to start from, e.g. one that does not validate action data.
    ///   - clock: the clock of the core's times, which decide whether an action names an action
    ///     unregistered within `NeuroConnectionCore/recentWindow`; tests pass a manual one.
    public init(
        gameTitle: String,
        transport: (any NeuroTransport)? = nil,
        logger: Logger = Logger(label: "neuro.client"),
        parser: JSONParser = JSONParser(),
        core: NeuroConnectionCore? = nil,
        clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.gameTitle = gameTitle
        self.clock = ElapsedClock(clock)
        var logger = logger
        logger[metadataKey: "neuro.game"] = "\(gameTitle)"
        self.logger = logger
        self.parser = parser
        self.state = Mutex(State(transport: transport, core: core ?? NeuroConnectionCore(parser: parser)))
    }

    // MARK: Connection

    /// Whether a transport is attached (the reference's `not not_connected`).
    public var isConnected: Bool { state.withLock { $0.transport != nil } }

    /// The attached transport (the reference's `connection`).
    /// - Throws: `NeuroError` with `NeuroError/Code/notConnected` when there is none.
    public func connection() throws(NeuroError) -> any NeuroTransport {
        guard let transport = state.withLock({ $0.transport }) else {
            throw notConnected()
        }
        return transport
    }

    /// Attaches a transport, or detaches with `nil` (the reference's `connect`). No I/O; what
    /// a new connection must be told is `NeuroConnectionCore/connected(sendsStartup:reregisters:)`'s.
    public func connect(_ transport: (any NeuroTransport)?) {
        state.withLock { $0.transport = transport }
    }

    /// The connection's protocol state now (a copy).
    public var core: NeuroConnectionCore { state.withLock { $0.core } }

    /// Now on the client's clock, for the core's `at:` arguments. Takes no lock of the client,
    /// so ``update(_:)->Value``'s change may read it.
    var now: ContinuousClock.Instant { origin + clock.now() }

    /// Sends one raw text frame (the reference's `write_to_websocket`), in order with every
    /// other send.
    /// - Throws: `NeuroError` (`NeuroError/Code/notConnected`, `NeuroError/Code/connectionClosed`).
    public func write(_ text: String) async throws {
        let (transport, ticket) = state.withLock { ($0.transport, $0.turns.take()) }
        await waitForTurn(ticket)
        defer { finishTurn(ticket) }
        guard let transport else { throw notConnected() }
        try await transport.send(text)
    }

    /// Receives the next raw message (the reference's `read_from_websocket`).
    public func readFrame() async throws -> TransportMessage {
        try await connection().receive()
    }

    // MARK: Changing and sending

    /// Changes the connection's protocol state and sends what the change produced, after
    /// every change made before it.
    ///
    /// `change` runs under the client's lock, so keep it short and never call the client
    /// from inside it; the order in which changes run is the order in which their steps go
    /// out. Without a connection the change still applies and ``OutgoingStep/afterWritten(_:)``
    /// work still runs, but the commands are not sent. After a send fails, the rest of the
    /// change's commands are skipped (its work still runs).
    /// - Returns: what `change` returned.
    /// - Throws: what `change` throws (nothing is sent then); `NeuroError` with
    ///   `NeuroError/Code/notConnected` when there were commands and no connection; the
    ///   transport's error when a send failed.
    @discardableResult
    public func update<Value>(
        _ change: (inout NeuroConnectionCore) throws -> (Value, [OutgoingStep])
    ) async throws -> Value {
        let (value, steps, transport, ticket) = try state.withLock { state in
            let (value, steps) = try change(&state.core)
            // Nothing to send: no turn to take (the usual case for an action that is handed
            // to its handler).
            let ticket = steps.isEmpty ? nil : state.turns.take()
            return (value, steps, state.transport, ticket)
        }
        guard let ticket else { return value }
        await waitForTurn(ticket)
        defer { finishTurn(ticket) }
        try await carryOut(steps, on: transport)
        return value
    }

    /// ``update(_:)`` for a change that produces only commands.
    public func update(_ change: (inout NeuroConnectionCore) throws -> [GameCommand]) async throws {
        try await update { core -> (Void, [OutgoingStep]) in ((), try change(&core).map(OutgoingStep.send)) }
    }

    /// Sends any game command, in order with every other send.
    public func send(_ command: GameCommand) async throws {
        try await update { _ in [command] }
    }

    /// Sends `startup`. Neuro then forgets this game's actions; the local list is kept so
    /// the caller can register it again (as ``NeuroComponent`` does on every connect).
    public func sendStartup() async throws {
        try await send(.startup)
    }

    /// Sends `context`.
    /// - Parameters:
    ///   - message: what Neuro should know.
    ///   - isSilent: `true` (the default) adds it without prompting a reply.
    public func sendContext(_ message: String, isSilent: Bool = true) async throws {
        try await send(.context(message: message, isSilent: isSilent))
    }

    /// Validates and sends `actions/register`, and remembers the actions (without handlers:
    /// the caller answers the actions it reads with ``read()``).
    ///
    /// Every action is validated before anything is recorded or sent, so a bad batch leaves
    /// no trace (the reference records the actions before a failing one). Registering a
    /// name again replaces its definition, on Neuro's side too (the protocol of August 2026).
    /// - Returns: the discouraged schema keywords found, for every action.
    /// - Throws: `NeuroError` (`NeuroError/Code/emptyActionList`,
    ///   `NeuroError/Code/invalidActionName`, `NeuroError/Code/invalidSchema`), or a
    ///   transport error.
    @discardableResult
    public func registerActions(_ actions: [Action]) async throws -> [SchemaWarning] {
        let warnings = try await update { core in
            let (command, warnings) = try core.register(actions.map { ($0, nil) }, as: .permanent)
            return (warnings, [OutgoingStep.send(command)])
        }
        logDiscouragedKeywords(warnings)
        return warnings
    }

    /// Logs each discouraged schema keyword found while registering, as a warning.
    func logDiscouragedKeywords(_ warnings: [SchemaWarning]) {
        for warning in warnings {
            logger.warning("discouraged schema keyword", metadata: ["neuro.schema.path": "\(warning.path)"])
        }
    }

    /// Forgets the named actions and sends `actions/unregister` with all of them (unknown
    /// names are fine).
    /// - Throws: `NeuroError` with `NeuroError/Code/emptyActionList`, or a transport error.
    public func unregisterActions(named names: [String]) async throws {
        try await update { core in [try core.unregister(names, at: now)] }
    }

    /// Sends `actions/force`, after checking that every named action is registered.
    /// - Throws: `NeuroError` (`NeuroError/Code/emptyActionList`,
    ///   `NeuroError/Code/actionNotRegistered`), or a transport error.
    public func forceActions(_ force: ActionForce) async throws {
        try await update { core in [try core.force(force)] }
    }

    /// Sends `actions/force`; see ``forceActions(_:)``.
    public func forceActions(
        named names: [String],
        query: String,
        state: String? = nil,
        isEphemeralContext: Bool = false,
        priority: ForcePriority = .low
    ) async throws {
        try await forceActions(
            ActionForce(
                query: query,
                state: state,
                actionNames: names,
                isEphemeralContext: isEphemeralContext,
                priority: priority
            )
        )
    }

    /// Sends `action/result`.
    /// - Throws: `NeuroError` with `NeuroError/Code/missingFailureMessage` for a failure
    ///   without a message, or a transport error.
    public func sendResult(_ result: ActionResult) async throws {
        try await update { core in [try core.result(result)] }
    }

    /// Sends `action/result`; see ``sendResult(_:)``.
    public func sendResult(id: String, isSuccess: Bool, message: String? = nil) async throws {
        try await sendResult(ActionResult(id: id, isSuccess: isSuccess, message: message))
    }

    /// Sends `shutdown/ready`.
    public func sendShutdownReady() async throws {
        try await send(.shutdownReady)
    }

    /// Sends every remembered action again in one `actions/register` (nothing when there are
    /// none): the answer to `actions/reregister_all`.
    public func reregisterAllActions() async throws {
        try await update { core in core.reregisterAll() }
    }

    /// The names of the registered actions, in registration order (the reference's `get_registered`).
    public var registeredActionNames: [String] { state.withLock { $0.core.registeredNames } }

    /// The registered actions, in registration order.
    public var registeredActions: [Action] { state.withLock { $0.core.registeredActions } }

    /// The registered action with a name, if any.
    public func registeredAction(named name: String) -> Action? {
        state.withLock { $0.core.registrations[name]?.action }
    }

    // MARK: Reading

    /// Reads the next frame and decodes it: a command, a frame that could not be decoded, or
    /// the close.
    ///
    /// Binary frames are reported as invalid frames (the protocol uses text frames only). What
    /// to do with each command is the caller's: ``NeuroComponent`` is the one dispatcher (it
    /// answers actions, `actions/reregister_all` and shutdown requests, and reports the rest as
    /// ``NeuroEvent``s); a reader of its own answers a malformed `action` with
    /// ``answerMalformedAction(_:error:)``, so Neuro is never left waiting.
    /// - Throws: transport errors (a dropped connection, a frame over the size limit),
    ///   `NeuroError/Code/notConnected`.
    public func read() async throws -> NeuroRead {
        decode(try await readFrame())
    }

    /// Decodes one message as ``read()`` does: a command, an invalid frame, or the close.
    public func decode(_ message: TransportMessage) -> NeuroRead {
        switch message {
        case .closed(let code, let reason):
            return .closed(code, reason: reason)
        case .binary(let bytes):
            let error = NeuroError(
                code: .invalidFrame, message: "a binary frame of \(bytes.count) bytes; the protocol uses text frames only")
            return .invalidFrame(error, text: nil)
        case .text(let text):
            do {
                let envelope = try WireEnvelope.decode(text, parser: parser)
                if !envelope.ignoredKeys.isEmpty {
                    // The protocol may grow: keys it does not know yet are no reason to refuse.
                    logger.debug("ignored unknown top-level keys", metadata: ["neuro.keys": "\(envelope.ignoredKeys)"])
                }
                return .command(try NeuroCommand.decode(envelope))
            } catch {
                return .invalidFrame(error, text: text)
            }
        }
    }

    /// Answers a malformed `action` frame whose `data.id` is still a string with a failure
    /// (`NeuroConnectionCore/answerMalformedAction(_:error:parser:)`); does nothing for
    /// any other frame.
    public func answerMalformedAction(_ text: String, error: NeuroError) async throws {
        let parser = self.parser
        let answered = try await update { core -> (Bool, [OutgoingStep]) in
            guard let answer = core.answerMalformedAction(text, error: error, parser: parser) else { return (false, []) }
            return (true, [.send(answer)])
        }
        if answered {
            logger.warning("answered a malformed action with a failure", metadata: ["error": "\(error)"])
        }
    }

    // MARK: Internals

    private func notConnected() -> NeuroError {
        NeuroError(code: .notConnected, message: "\"\(gameTitle)\" is not connected to Neuro")
    }

    private func carryOut(_ steps: [OutgoingStep], on transport: (any NeuroTransport)?) async throws {
        var failure: (any Error)? = transport == nil ? notConnected() : nil
        for (index, step) in steps.enumerated() {
            switch step {
            case .send(let command):
                guard failure == nil, let transport else { continue }
                do {
                    let text = command.encoded(game: gameTitle)
                    // The frame before work that must follow the write is sent waiting for it.
                    if index + 1 < steps.count, case .afterWritten = steps[index + 1] {
                        try await transport.sendWaitingUntilWritten(text)
                    } else {
                        try await transport.send(text)
                    }
                } catch {
                    failure = error
                }
            case .then(let work), .afterWritten(let work):
                await work()
            }
        }
        // A change that only ran work did not need the connection.
        if let failure, steps.contains(where: { if case .send = $0 { true } else { false } }) {
            throw failure
        }
    }

    private func waitForTurn(_ ticket: Int) async {
        // The usual case, no earlier turn still running: no continuation to make.
        guard !state.withLock({ $0.turns.isTurn(of: ticket) }) else { return }
        // A turn is taken whatever happens: every ticket must be finished, in order.
        await state.wait(in: \.turns.waiters, as: ticket, ifCancelled: nil) { $0.turns.isTurn(of: ticket) ? () : nil }
    }

    private func finishTurn(_ ticket: Int) {
        state.withLock { $0.turns.finish(ticket) }?.resume()
    }
}
