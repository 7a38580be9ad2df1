/// Why a model's answer could not become an action.
enum LLMToolCallError: String, Sendable, Hashable, CaseIterable {
    /// A forced turn answered without a tool call.
    case noToolCall
    /// A tool call naming a tool that was not offered.
    case unknownTool
    /// A tool call whose arguments are not JSON (or not an object).
    case invalidArguments
    /// A body that is not a chat-completions response.
    case invalidResponse

    /// What the corrective message tells the model, for `detail` (the name or text at fault).
    func correction(detail: String, tools: [String]) -> String {
        let names = tools.map { "`\($0)`" }.joined(separator: ", ")
        let problem =
            switch self {
            case .noToolCall: "Your answer called no tool, but you must act now."
            case .unknownTool: "You called `\(detail)`, which is not one of the offered tools."
            case .invalidArguments: "The arguments of your call to `\(detail)` are not a JSON object."
            case .invalidResponse: "Your answer could not be read."
            }
        return "[game] \(problem) Call exactly one of these tools: \(names), with JSON arguments that fit its schema."
    }
}
