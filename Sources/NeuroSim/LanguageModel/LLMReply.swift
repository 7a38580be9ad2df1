import NeuroProtocol

/// A chat-completions response, read: the tool call the model made (or why none is usable)
/// and the token usage. A pure value: ``parse(_:offering:)`` takes the body's text.
struct LLMReply: Sendable, Hashable {
    /// What the model answered.
    enum Choice: Sendable, Hashable {
        /// A call of an offered tool: the action's name and data (`nil` for an action without
        /// a schema), exactly the arguments the model wrote.
        case toolCall(name: String, data: String?)
        /// No tool call; the model's text, if any.
        case text(String?)
        /// An answer that cannot become an action; `detail` names what is wrong.
        case invalid(LLMToolCallError, detail: String)
    }

    var choice: Choice
    /// `usage.prompt_tokens`, when the server sends it.
    var promptTokens: Int?
    /// `usage.completion_tokens`, when the server sends it.
    var completionTokens: Int?
    /// What the model said, to quote back in a correction.
    var echo: String

    /// Reads a response body against the tools offered.
    static func parse(_ body: String, offering tools: [Action]) -> LLMReply {
        let parser = JSONParser()
        guard let value = try? parser.parse(body), case .object = value else {
            return LLMReply(choice: .invalid(.invalidResponse, detail: "not JSON"), echo: "")
        }
        let usage = value["usage"]
        let promptTokens = usage?["prompt_tokens"]?.integerValue.map { Int($0) }
        let completionTokens = usage?["completion_tokens"]?.integerValue.map { Int($0) }
        func reply(_ choice: Choice, echo: String = "") -> LLMReply {
            LLMReply(choice: choice, promptTokens: promptTokens, completionTokens: completionTokens, echo: echo)
        }
        guard let message = value["choices"]?.arrayValue?.first?["message"], case .object = message else {
            return reply(.invalid(.invalidResponse, detail: "no choices[0].message"))
        }
        let content = message["content"]?.stringValue
        guard let call = message["tool_calls"]?.arrayValue?.first, let function = call["function"],
            let name = function["name"]?.stringValue
        else {
            return reply(.text(content), echo: content ?? "")
        }
        let arguments: String
        switch function["arguments"] {
        case .string(let text)?: arguments = text
        case .object(let object)?: arguments = JSONWriter.string(from: .object(object))  // some servers send an object
        case nil, .null?: arguments = ""
        default: arguments = function["arguments"].map { JSONWriter.string(from: $0) } ?? ""
        }
        let echo = "called \(name) with \(arguments)"
        guard let action = tools.first(where: { $0.name == name }) else {
            return reply(.invalid(.unknownTool, detail: name), echo: echo)
        }
        if action.schema == nil, arguments.allSatisfy(\.isWhitespace) {
            return reply(.toolCall(name: name, data: nil), echo: echo)
        }
        guard let parsed = try? parser.parse(arguments), case .object = parsed else {
            return reply(.invalid(.invalidArguments, detail: name), echo: echo)
        }
        return reply(.toolCall(name: name, data: action.schema == nil ? nil : arguments), echo: echo)
    }
}
