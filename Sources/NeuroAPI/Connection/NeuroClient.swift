import Logging
import OrderedCollections
import Synchronization

/// The game's side of the Neuro API over one transport: the Python library's
/// `AbstractNeuroAPI` plus the connection handling of `TrioNeuroAPI`.
///
/// It sends every game command, remembers which actions are registered (so it can answer
/// `actions/reregister_all` and refuse a force naming an unknown action), and reads and
/// dispatches Neuro's commands to a ``NeuroCommandHandler``.
///
/// ```swift
/// let client = NeuroClient(gameTitle: "Jerald Game", transport: transport, logger: logger)
/// try await client.sendStartup()
/// try await client.registerActions([Action(name: "set_name", description: "Set your name.")])
/// try await client.forceActions(named: ["set_name"], query: "Pick a name.")
/// while let command = try await client.readMessage(handler: myHandler) { … }
/// ```
///
/// All methods may be called from several tasks at once.
public final class NeuroClient: Sendable {
    private struct State {
        var transport: (any NeuroTransport)?
        var registered: OrderedDictionary<String, Action> = [:]
    }

    /// The game title sent as `game` with every command.
    public let gameTitle: String
    /// The logger; metadata `neuro.game` holds the title.
    public let logger: Logger
    /// The parser for incoming frames (its depth limit bounds hostile input).
    public let parser: JSONParser
    private let state: Mutex<State>

    /// Creates a client.
    /// - Parameters:
    ///   - gameTitle: the `game` field of every command.
    ///   - transport: an open connection, or `nil` to connect later with ``connect(_:)``.
    ///   - logger: where the client logs.
    ///   - parser: the parser for incoming frames.
    public init(
        gameTitle: String,
        transport: (any NeuroTransport)? = nil,
        logger: Logger = Logger(label: "neuro.client"),
        parser: JSONParser = JSONParser()
    ) {
        self.gameTitle = gameTitle
        var logger = logger
        logger[metadataKey: "neuro.game"] = "\(gameTitle)"
        self.logger = logger
        self.parser = parser
        self.state = Mutex(State(transport: transport))
    }

    // MARK: Connection

    /// Whether a transport is attached (the reference's `not not_connected`).
    public var isConnected: Bool { state.withLock { $0.transport != nil } }

    /// The attached transport (the reference's `connection`).
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/notConnected`` when there is none.
    public func connection() throws(NeuroError) -> any NeuroTransport {
        guard let transport = state.withLock({ $0.transport }) else {
            throw NeuroError(code: .notConnected, message: "\"\(gameTitle)\" is not connected to Neuro")
        }
        return transport
    }

    /// Attaches a transport, or detaches with `nil` (the reference's `connect`). No I/O.
    public func connect(_ transport: (any NeuroTransport)?) {
        state.withLock { $0.transport = transport }
    }

    /// Sends one raw text frame (the reference's `write_to_websocket`).
    /// - Throws: ``NeuroError`` (``NeuroError/Code/notConnected``, ``NeuroError/Code/connectionClosed``).
    public func write(_ text: String) async throws {
        try await connection().send(text)
    }

    /// Receives the next raw message (the reference's `read_from_websocket`).
    public func read() async throws -> TransportMessage {
        try await connection().receive()
    }

    // MARK: Sending

    /// Sends any game command.
    public func send(_ command: GameCommand) async throws {
        try await write(command.encoded(game: gameTitle))
    }

    /// Sends any game command and returns once it is written to the connection, with every
    /// command before it (``NeuroTransport/sendWaitingUntilWritten(_:)``): for a command that
    /// another connection's next message must not overtake.
    public func sendWaitingUntilWritten(_ command: GameCommand) async throws {
        try await connection().sendWaitingUntilWritten(command.encoded(game: gameTitle))
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

    /// Validates and sends `actions/register`, and remembers the actions.
    ///
    /// Every action is validated before anything is recorded or sent, so a bad batch leaves
    /// no trace (the reference records the actions before a failing one). Registering a
    /// name again replaces the local definition; Neuro ignores the duplicate, so a changed
    /// definition is logged as a warning.
    /// - Returns: the discouraged schema keywords found, for every action.
    /// - Throws: ``NeuroError`` (``NeuroError/Code/emptyActionList``,
    ///   ``NeuroError/Code/invalidActionName``, ``NeuroError/Code/invalidSchema``), or a
    ///   transport error.
    @discardableResult
    public func registerActions(_ actions: [Action]) async throws -> [SchemaWarning] {
        guard !actions.isEmpty else {
            throw NeuroError(code: .emptyActionList, message: "must register at least one action")
        }
        var warnings: [SchemaWarning] = []
        var names: Set<String> = []
        for action in actions {
            let found = try action.validate()
            guard names.insert(action.name).inserted else {
                throw NeuroError(
                    code: .invalidActionName,
                    message: "action \"\(action.name)\" appears twice in one register"
                )
            }
            for warning in found {
                logger.warning(
                    "discouraged schema keyword",
                    metadata: ["neuro.action": "\(action.name)", "neuro.schema.path": "\(warning.path)"]
                )
            }
            warnings += found
        }
        let changed = state.withLock { state in
            var changed: [String] = []
            for action in actions {
                if let old = state.registered[action.name], old != action { changed.append(action.name) }
                state.registered[action.name] = action
            }
            return changed
        }
        for name in changed {
            logger.warning(
                "re-registered an action with a new definition; Neuro keeps the first until it is unregistered",
                metadata: ["neuro.action": "\(name)"]
            )
        }
        try await send(.registerActions(actions))
        return warnings
    }

    /// Forgets the named actions and sends `actions/unregister` with all of them (unknown
    /// names are fine).
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/emptyActionList``, or a transport error.
    public func unregisterActions(named names: [String]) async throws {
        guard !names.isEmpty else {
            throw NeuroError(code: .emptyActionList, message: "must unregister at least one action")
        }
        state.withLock { state in
            for name in names { state.registered.removeValue(forKey: name) }
        }
        try await send(.unregisterActions(names))
    }

    /// Sends `actions/force`, after checking that every named action is registered.
    /// - Throws: ``NeuroError`` (``NeuroError/Code/emptyActionList``,
    ///   ``NeuroError/Code/actionNotRegistered``), or a transport error.
    public func forceActions(_ force: ActionForce) async throws {
        guard !force.actionNames.isEmpty else {
            throw NeuroError(code: .emptyActionList, message: "must force at least one action name")
        }
        let missing = state.withLock { state in force.actionNames.filter { state.registered[$0] == nil } }
        if let first = missing.first {
            throw NeuroError(code: .actionNotRegistered, message: "\"\(first)\" is not currently registered")
        }
        try await send(.forceActions(force))
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
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/missingFailureMessage`` for a failure
    ///   without a message, or a transport error.
    public func sendResult(_ result: ActionResult) async throws {
        guard result.isSuccess || result.message != nil else {
            throw NeuroError(
                code: .missingFailureMessage,
                message: "a failed result needs a message telling Neuro what went wrong"
            )
        }
        try await send(.actionResult(result))
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
    /// none). The answer to `actions/reregister_all`, and what follows `startup` on a reconnect.
    public func reregisterAllActions() async throws {
        let actions = registeredActions
        guard !actions.isEmpty else { return }
        try await send(.registerActions(actions))
    }

    /// The names of the registered actions, in registration order (the reference's `get_registered`).
    public var registeredActionNames: [String] { state.withLock { Array($0.registered.keys) } }

    /// The registered actions, in registration order.
    public var registeredActions: [Action] { state.withLock { Array($0.registered.values) } }

    /// The registered action with a name, if any.
    public func registeredAction(named name: String) -> Action? {
        state.withLock { $0.registered[name] }
    }

    // MARK: Reading

    /// Reads messages until one command has been dispatched, and returns it.
    ///
    /// Dispatch follows the reference: `action` → ``NeuroCommandHandler/handleAction(_:client:)``;
    /// `actions/reregister_all`, `shutdown/graceful`, `shutdown/immediate`, the startup
    /// acknowledgement and unknown commands → their handler methods, whose defaults re-register,
    /// reply `shutdown/ready` as PROTOCOL.md says, or log.
    ///
    /// Unlike the reference, a malformed frame never ends the read: it goes to
    /// ``NeuroCommandHandler/handleInvalidFrame(_:text:client:)``, and a malformed `action`
    /// that still carries a string `id` is answered with a failure result naming the problem,
    /// so Neuro is never left waiting. Binary frames are logged and skipped.
    /// - Returns: the dispatched command, or `nil` once the peer closed the connection.
    /// - Throws: transport errors (a dropped connection), ``NeuroError/Code/notConnected``,
    ///   and whatever the handler throws.
    public func readMessage(handler: some NeuroCommandHandler) async throws -> NeuroCommand? {
        while true {
            switch try await read() {
            case .closed(let code, let reason):
                logger.debug(
                    "connection closed by Neuro",
                    metadata: [
                        "neuro.close.code": "\(code.map(\.description) ?? "none")", "neuro.close.reason": "\(reason ?? "")",
                    ]
                )
                return nil
            case .binary(let bytes):
                logger.warning(
                    "ignored a binary frame; the protocol uses text frames only",
                    metadata: ["neuro.frame.bytes": "\(bytes.count)"])
            case .text(let text):
                let command: NeuroCommand
                do {
                    command = try NeuroCommand.decode(WireEnvelope.decode(text, parser: parser))
                } catch {
                    try await answerMalformedAction(text, error: error)
                    try await handler.handleInvalidFrame(error, text: text, client: self)
                    continue
                }
                try await dispatch(command, to: handler)
                return command
            }
        }
    }

    /// Dispatches one decoded command to a handler; see ``readMessage(handler:)``.
    public func dispatch(_ command: NeuroCommand, to handler: some NeuroCommandHandler) async throws {
        switch command {
        case .action(let action):
            try await handler.handleAction(action, client: self)
        case .startupAcknowledgement(let session):
            try await handler.handleStartupAcknowledgement(session, client: self)
        case .reregisterAllActions:
            try await handler.handleReregisterAllActions(client: self)
        case .gracefulShutdownRequest(let wantsShutdown):
            try await handler.handleGracefulShutdownRequest(wantsShutdown: wantsShutdown, client: self)
        case .immediateShutdownRequest:
            try await handler.handleImmediateShutdownRequest(client: self)
        case .unknown(let name, let data):
            try await handler.handleUnknownCommand(name, data: data, client: self)
        }
    }

    /// A malformed `action` frame whose `data.id` is still a string gets a failure result,
    /// so that no action goes unanswered.
    private func answerMalformedAction(_ text: String, error: NeuroError) async throws {
        guard error.code == .invalidMessage,
            let value = try? parser.parse(text),
            value["command"] == .string("action"),
            case .string(let id)? = value["data"]?["id"]
        else { return }
        logger.warning("answered a malformed action with a failure", metadata: ["neuro.action.id": "\(id)", "error": "\(error)"])
        try await sendResult(.failure(id: id, message: "Invalid action message: \(error.message)"))
    }
}
