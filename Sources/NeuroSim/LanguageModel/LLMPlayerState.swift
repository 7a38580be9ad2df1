import NeuroProtocol

/// The language-model player's part of a ``SimulatedConnection``: the conversation, the turn
/// being decided and the next idle offer. A pure value; the connection calls it as messages
/// come and go, and asks it for the ``LLMTurn`` of each decision.
struct LLMPlayerState: Sendable {
    let configuration: LLMPlayerConfiguration
    private(set) var conversation = LLMConversation()
    /// The turn the model is deciding, and whether it answers a force.
    private(set) var turnInFlight: (id: Int, isForced: Bool)?
    /// When the model is next offered to act without a force.
    var nextIdleTurn: Duration?
    private var nextTurnID = 1
    /// Whether the active force's query is already in the conversation.
    private var hasPromptedForce = false
    /// The estimated tokens of the last tools offered, reserved when trimming between turns.
    private var lastToolTokens = 0

    init(configuration: LLMPlayerConfiguration) {
        self.configuration = configuration
    }

    /// A `context` message: part of the conversation, silent ones included (Neuro reads them).
    mutating func noteContext(_ message: String, isSilent: Bool) {
        append(.user("[game] \(message)"))
    }

    /// Actions were registered: the first idle offer comes an interval later.
    mutating func noteRegistration(at now: Duration) {
        if nextIdleTurn == nil, turnInFlight == nil { nextIdleTurn = now + configuration.idleInterval }
    }

    /// An action went out (the model's choice or the random player's): the model sees it as
    /// its own tool call, pinned while it answers a force.
    mutating func noteActionSent(id: String, name: String, data: String?, isForced: Bool) {
        append(.toolCall(id: id, name: name, arguments: data ?? "{}"), isPinned: isForced)
    }

    /// The action's result (or its absence) as the tool's result.
    mutating func noteResult(id: String, content: String, isForced: Bool) {
        append(.toolResult(id: id, content: content), isPinned: isForced)
    }

    /// The active force is over (answered, abandoned or forgotten): its messages may go.
    mutating func endForce() {
        hasPromptedForce = false
        conversation.unpinAll()
    }

    /// The turn for a force: the forced tools, `tool_choice: "required"`. The query (and the
    /// state, unless ephemeral) join the conversation, pinned, on the force's first turn; an
    /// ephemeral state is sent with this turn only.
    mutating func forceTurn(for force: ActionForce, tools: [Action]) -> LLMTurn {
        if !hasPromptedForce {
            hasPromptedForce = true
            var text = "[game] You must act now: \(force.query)"
            if let state = force.state, !force.isEphemeralContext { text += "\nState:\n\(state)" }
            append(.user(text), isPinned: true)
        }
        var trailing: [LLMMessage] = []
        if let state = force.state, force.isEphemeralContext {
            trailing.append(.user("[game] State (for this decision only):\n\(state)"))
        }
        return makeTurn(isForced: true, tools: tools, trailing: trailing)
    }

    /// The turn offered without a force: every registered tool, `tool_choice: "auto"`.
    mutating func idleTurn(tools: [Action]) -> LLMTurn {
        nextIdleTurn = nil
        let offer = LLMMessage.user(
            "[game] You may call one of the actions now if you want to, or answer without a tool call to wait.")
        return makeTurn(isForced: false, tools: tools, trailing: [offer])
    }

    /// Takes the model's decision for the turn in flight; returns whether it was that turn
    /// (and whether it was forced). A stale decision changes nothing.
    mutating func finishTurn(_ id: Int, at now: Duration) -> (isCurrent: Bool, isForced: Bool) {
        guard let turn = turnInFlight, turn.id == id else { return (false, false) }
        turnInFlight = nil
        if !turn.isForced || nextIdleTurn == nil { nextIdleTurn = now + configuration.idleInterval }
        return (true, turn.isForced)
    }

    private mutating func makeTurn(isForced: Bool, tools: [Action], trailing: [LLMMessage]) -> LLMTurn {
        let id = nextTurnID
        nextTurnID += 1
        turnInFlight = (id, isForced)
        lastToolTokens = LLMTurn.estimatedTokens(ofTools: tools)
        let reserved =
            LLMMessage.system(configuration.systemPrompt).estimatedTokens + lastToolTokens
            + trailing.reduce(0) { $0 + $1.estimatedTokens }
        conversation.trim(toTokens: configuration.contextTokenBudget, reserving: reserved)
        let messages = conversation.messages(system: configuration.systemPrompt) + trailing
        return LLMTurn(id: id, isForced: isForced, tools: tools, messages: messages)
    }

    /// Appends a message, cut to half the budget when longer, and keeps the stored
    /// conversation within the budget (with the system prompt and the last tools reserved).
    private mutating func append(_ message: LLMMessage, isPinned: Bool = false) {
        let limit = max(64, configuration.contextTokenBudget / 2) * LLMTokenEstimate.charactersPerToken
        conversation.append(message.truncated(toCharacters: limit), isPinned: isPinned)
        let reserved = LLMMessage.system(configuration.systemPrompt).estimatedTokens + lastToolTokens
        conversation.trim(toTokens: configuration.contextTokenBudget, reserving: reserved)
    }
}
