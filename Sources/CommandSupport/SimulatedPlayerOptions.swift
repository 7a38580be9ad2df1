import ArgumentParser
import Foundation
import NeuroSim

/// NeuroSim's player on the command line: `--player` and the `--llm-…` options, the same in
/// `neuro-sim` and in `neuro-host --simulate`, checked by
/// `NeuroSimPlayer.named(_:url:model:keyVariable:timeout:contextTokens:idleInterval:environment:)`.
package struct SimulatedPlayerOptions: ParsableArguments {
    @Option(help: "Who plays: random (schema-valid random data) or llm (a language model).")
    package var player = "random"
    @Option(name: .customLong("llm-url"), help: "With --player llm: the model server's base URL, e.g. http://localhost:11434/v1.")
    package var llmURL: String?
    @Option(name: .customLong("llm-model"), help: "With --player llm: the model name, e.g. qwen3:8b.")
    package var llmModel: String?
    @Option(
        name: .customLong("llm-key-env"), help: "With --player llm: the environment variable holding the API key (never the key)."
    )
    package var llmKeyEnv: String?
    @Option(name: .customLong("llm-timeout"), help: "With --player llm: seconds one model request may take.")
    package var llmTimeout = 60.0
    @Option(
        name: .customLong("llm-context-tokens"),
        help: "With --player llm: the conversation's budget in tokens (4 characters a token).")
    package var llmContextTokens = 8192
    @Option(help: "With --player llm: seconds between offers to act without a force.")
    package var idleInterval = 10.0

    package init() {}

    /// The player, checked.
    /// - Throws: `ValidationError` naming the option at fault.
    package func parsed() throws -> NeuroSimPlayer {
        do {
            return try NeuroSimPlayer.named(
                player, url: llmURL, model: llmModel, keyVariable: llmKeyEnv, timeout: llmTimeout,
                contextTokens: llmContextTokens, idleInterval: idleInterval, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
