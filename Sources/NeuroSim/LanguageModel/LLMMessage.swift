import NeuroProtocol

/// One message of a chat-completions conversation, as NeuroSim writes it.
enum LLMMessage: Sendable, Hashable {
    /// Instructions (`role: system`).
    case system(String)
    /// What the game says (`role: user`): context, a force, a correction.
    case user(String)
    /// A plain answer of the model (`role: assistant`).
    case assistant(String)
    /// The model called a tool (`role: assistant` with `tool_calls`); `id` is NeuroSim's action id.
    case toolCall(id: String, name: String, arguments: String)
    /// The action's result (`role: tool`), answering the tool call `id`.
    case toolResult(id: String, content: String)

    /// The message in the chat-completions format.
    var jsonValue: JSONValue {
        switch self {
        case .system(let text): return ["role": "system", "content": .string(text)]
        case .user(let text): return ["role": "user", "content": .string(text)]
        case .assistant(let text): return ["role": "assistant", "content": .string(text)]
        case .toolCall(let id, let name, let arguments):
            return [
                "role": "assistant", "content": .null,
                "tool_calls": [
                    [
                        "id": .string(id), "type": "function",
                        "function": ["name": .string(name), "arguments": .string(arguments)],
                    ]
                ],
            ]
        case .toolResult(let id, let content):
            return ["role": "tool", "tool_call_id": .string(id), "content": .string(content)]
        }
    }

    /// The estimated tokens of the message (`LLMTokenEstimate`).
    var estimatedTokens: Int {
        let text: String
        switch self {
        case .system(let content), .user(let content), .assistant(let content): text = content
        case .toolCall(let id, let name, let arguments): text = id + name + arguments
        case .toolResult(let id, let content): text = id + content
        }
        return LLMTokenEstimate.tokens(in: text) + LLMTokenEstimate.tokensPerMessage
    }

    /// The tool call this message makes or answers.
    var toolCallID: String? {
        switch self {
        case .toolCall(let id, _, _), .toolResult(let id, _): return id
        default: return nil
        }
    }

    /// A copy whose text is cut to at most `characters` characters (an ellipsis marks the cut).
    func truncated(toCharacters characters: Int) -> LLMMessage {
        func cut(_ text: String) -> String {
            text.count > characters ? String(text.prefix(max(0, characters - 1))) + "…" : text
        }
        switch self {
        case .system(let text): return .system(cut(text))
        case .user(let text): return .user(cut(text))
        case .assistant(let text): return .assistant(cut(text))
        case .toolResult(let id, let content): return .toolResult(id: id, content: cut(content))
        case .toolCall: return self
        }
    }
}
