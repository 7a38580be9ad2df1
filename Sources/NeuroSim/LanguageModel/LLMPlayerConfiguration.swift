import NeuroProtocol

/// How NeuroSim's language-model player reaches its model and keeps its conversation: any
/// OpenAI-compatible chat-completions server (OpenAI, OpenRouter, Ollama, LM Studio, vLLM…).
///
/// ```swift
/// var player = try LLMPlayerConfiguration(url: "http://localhost:11434/v1", model: "qwen3:8b")
/// player.contextTokenBudget = 16_384
/// var configuration = NeuroSimConfiguration()
/// configuration.player = .languageModel(player)
/// ```
package struct LLMPlayerConfiguration: Sendable, Hashable {
    /// The request URL: `{url}/chat/completions`, or the URL as given when it already ends in
    /// `/chat/completions`.
    package var endpoint: String
    /// The model name sent as `model`, e.g. `qwen3:8b`.
    package var model: String
    /// The key sent as `Authorization: Bearer …`; `nil` sends no `Authorization` header.
    package var apiKey: LLMAPIKey?
    /// How long one HTTP request may take, connecting included; a slower one counts as a
    /// failed request (`timeout`) and is retried like a 5xx.
    package var requestTimeout: Duration = .seconds(60)
    /// How often a request that failed with 429, 5xx, a timeout or a connection error is sent
    /// again before the decision falls back to the random player.
    package var maximumRetries = 3
    /// The first back-off before a retry; each further retry doubles it, up to
    /// ``maximumBackoff``. A `Retry-After` header (in seconds) replaces it, capped alike.
    package var initialBackoff: Duration = .milliseconds(500)
    /// The longest wait before a retry.
    package var maximumBackoff: Duration = .seconds(10)
    /// The conversation's budget in estimated tokens (a token is taken as 4 characters, plus 4
    /// per message): the system prompt, the tools and the current force are always sent; the
    /// oldest context is dropped (a note says how much) to keep the whole within it.
    package var contextTokenBudget = 8192
    /// Without a force, how often the model is offered the chance to act (it may decline).
    package var idleInterval: Duration = .seconds(10)
    /// The instructions that open every conversation.
    package var systemPrompt = LLMPlayerConfiguration.defaultSystemPrompt

    /// The default system prompt: Neuro playing a game through its actions.
    package static let defaultSystemPrompt = """
        You are Neuro-sama, an AI VTuber playing a game through the Neuro game API. The game tells you \
        what happens in user messages that start with "[game]". You act only by calling one of the \
        offered tools (the game's actions) with JSON arguments that fit the tool's schema. When you \
        are forced to act, you must call exactly one of the offered tools. Read the result of each \
        action: a failure says what to do instead.
        """

    /// Creates a configuration.
    /// - Parameters:
    ///   - url: the server's base URL (e.g. `http://localhost:11434/v1`), or the full
    ///     `…/chat/completions` URL.
    ///   - model: the model name.
    ///   - apiKey: the key, when the server wants one.
    /// - Throws: `NeuroError` with `NeuroError/Code/invalidLLMSetting` for a URL that is not
    ///   `http://` or `https://`, or an empty model name.
    package init(url: String, model: String, apiKey: LLMAPIKey? = nil) throws(NeuroError) {
        endpoint = try Self.endpoint(for: url)
        guard !model.allSatisfy(\.isWhitespace) else {
            throw NeuroError(code: .invalidLLMSetting, message: "the model name (--llm-model) must not be empty")
        }
        self.model = model
        self.apiKey = apiKey
    }

    /// The chat-completions URL for a base URL: `{url}/chat/completions`, or `url` itself when
    /// it already ends in `/chat/completions`.
    /// - Throws: `NeuroError` with `NeuroError/Code/invalidLLMSetting` unless the URL is
    ///   `http://` or `https://` with a host.
    package static func endpoint(for url: String) throws(NeuroError) -> String {
        let lowered = url.lowercased()
        let scheme = ["http://", "https://"].first { lowered.hasPrefix($0) }
        guard let scheme, url.count > scheme.count, !url.contains(where: \.isWhitespace) else {
            throw NeuroError(
                code: .invalidLLMSetting,
                message: "the model URL (--llm-url) must start with http:// or https:// and name a host, not \"\(url)\"")
        }
        var trimmed = url
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed.hasSuffix("/chat/completions") ? trimmed : trimmed + "/chat/completions"
    }

    /// Reads the API key from the environment variable `name`.
    /// - Parameters:
    ///   - name: the variable's name (`--llm-key-env`).
    ///   - environment: the process environment.
    /// - Returns: the key.
    /// - Throws: `NeuroError` with `NeuroError/Code/invalidLLMSetting` when the variable is
    ///   unset or empty (the message names the variable, never a value).
    package static func apiKey(fromVariable name: String, in environment: [String: String]) throws(NeuroError) -> LLMAPIKey {
        guard let value = environment[name], !value.isEmpty else {
            throw NeuroError(
                code: .invalidLLMSetting, message: "the environment variable \(name) (--llm-key-env) is not set or empty")
        }
        return LLMAPIKey(value)
    }
}
