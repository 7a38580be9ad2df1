import NeuroProtocol

/// Who takes NeuroSim's decisions: which action to send, with which data.
package enum NeuroSimPlayer: Sendable, Hashable {
    /// Random schema-valid data, like Randy (the default).
    case random
    /// A language model behind an OpenAI-compatible chat-completions server; see
    /// <doc:TheLanguageModelPlayer>.
    case languageModel(LLMPlayerConfiguration)
}

extension NeuroSimPlayer {
    /// The player named on a command line (`--player` and the `--llm-…` options of `neuro-sim`
    /// and `neuro-host --simulate`), checked in one place for both.
    /// - Parameters:
    ///   - name: `random` or `llm`.
    ///   - url: `--llm-url`, required for `llm`.
    ///   - model: `--llm-model`, required for `llm`.
    ///   - keyVariable: `--llm-key-env`, the environment variable holding the API key.
    ///   - timeout: `--llm-timeout`, seconds per request (above 0).
    ///   - contextTokens: `--llm-context-tokens` (at least 256).
    ///   - idleInterval: `--idle-interval`, seconds between unforced offers (above 0).
    ///   - environment: the process environment, where the key is read.
    /// - Throws: `NeuroError` with `NeuroError/Code/invalidLLMSetting` naming the option at
    ///   fault (never the key).
    package static func named(
        _ name: String, url: String?, model: String?, keyVariable: String?, timeout: Double, contextTokens: Int,
        idleInterval: Double, environment: [String: String]
    ) throws(NeuroError) -> NeuroSimPlayer {
        switch name {
        case "random":
            guard url == nil, model == nil, keyVariable == nil else {
                throw NeuroError(code: .invalidLLMSetting, message: "--llm-url, --llm-model and --llm-key-env need --player llm")
            }
            return .random
        case "llm":
            guard let url, let model else {
                throw NeuroError(code: .invalidLLMSetting, message: "--player llm needs --llm-url and --llm-model")
            }
            guard timeout > 0, idleInterval > 0 else {
                throw NeuroError(code: .invalidLLMSetting, message: "--llm-timeout and --idle-interval must be above 0")
            }
            guard contextTokens >= 256 else {
                throw NeuroError(code: .invalidLLMSetting, message: "--llm-context-tokens must be at least 256")
            }
            var configuration = try LLMPlayerConfiguration(
                url: url, model: model,
                apiKey: try keyVariable.map { name throws(NeuroError) in
                    try LLMPlayerConfiguration.apiKey(fromVariable: name, in: environment)
                })
            configuration.requestTimeout = .seconds(timeout)
            configuration.contextTokenBudget = contextTokens
            configuration.idleInterval = .seconds(idleInterval)
            return .languageModel(configuration)
        default:
            throw NeuroError(code: .invalidLLMSetting, message: "--player must be random or llm, not \"\(name)\"")
        }
    }
}
