import NeuroProtocol

/// One decision to ask the model for: the messages (already trimmed to the budget), the tools
/// offered, and whether the model must call one. A pure value: ``requestBody(model:)`` is
/// the JSON sent, ``next(after:)`` what to do with the answer.
struct LLMTurn: Sendable, Hashable {
    /// What follows an answer.
    enum Step: Sendable, Hashable {
        /// The decision is taken.
        case decided(LLMDecision.Choice)
        /// Ask again with this turn (the one corrective retry), after the error.
        case correct(LLMTurn, LLMToolCallError)
        /// Give up: the random player decides (after the error, when there was one).
        case fallBack(LLMToolCallError)
    }

    /// Tells the decision apart from later ones on the connection.
    var id: Int
    /// A force's turn: the model must call one of ``tools`` (`tool_choice: "required"`).
    var isForced: Bool
    /// The actions offered as tools: the forced ones, or every registered one.
    var tools: [Action]
    /// The conversation sent.
    var messages: [LLMMessage]
    /// Whether this is the corrective retry.
    var isCorrection = false

    /// The tools in the chat-completions format; an action without a schema takes no arguments.
    static func toolsJSON(_ tools: [Action]) -> JSONValue {
        .array(
            tools.map { action in
                [
                    "type": "function",
                    "function": [
                        "name": .string(action.name), "description": .string(action.description),
                        "parameters": action.schema ?? ["type": "object", "properties": [:]],
                    ],
                ]
            })
    }

    /// The estimated tokens of the tool definitions.
    static func estimatedTokens(ofTools tools: [Action]) -> Int {
        tools.isEmpty ? 0 : LLMTokenEstimate.tokens(in: JSONWriter.string(from: toolsJSON(tools)))
    }

    /// The request body: `model`, `messages`, `tools` and `tool_choice` (`required` for a
    /// force, `auto` otherwise).
    func requestBody(model: String) -> JSONValue {
        var body: JSONObject = [
            "model": .string(model),
            "messages": .array(messages.map(\.jsonValue)),
        ]
        if !tools.isEmpty {
            body["tools"] = Self.toolsJSON(tools)
            body["tool_choice"] = isForced ? "required" : "auto"
        }
        body["stream"] = false
        return .object(body)
    }

    /// What to do with the model's answer: take the call; on a forced turn's missing call, an
    /// unknown tool or bad arguments, correct once, then fall back. An unforced turn without a
    /// call is a pass.
    func next(after reply: LLMReply) -> Step {
        switch reply.choice {
        case .toolCall(let name, let data):
            return .decided(.act(name: name, data: data))
        case .text where !isForced:
            return .decided(.pass)
        case .text:
            return correctOrFallBack(.noToolCall, detail: "", echo: reply.echo)
        case .invalid(let error, let detail):
            return correctOrFallBack(error, detail: detail, echo: reply.echo)
        }
    }

    private func correctOrFallBack(_ error: LLMToolCallError, detail: String, echo: String) -> Step {
        guard !isCorrection else { return .fallBack(error) }
        var corrected = self
        corrected.isCorrection = true
        if !echo.isEmpty { corrected.messages.append(.assistant(echo)) }
        corrected.messages.append(.user(error.correction(detail: detail, tools: tools.map(\.name))))
        return .correct(corrected, error)
    }
}
