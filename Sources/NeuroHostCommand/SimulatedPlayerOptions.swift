import ArgumentParser
import Foundation
import NeuroSim

/// `--simulate`'s player: the same `--player` and `--llm-…` options as `neuro-sim`, checked by
/// `NeuroSimPlayer.named(_:url:model:keyVariable:timeout:contextTokens:idleInterval:environment:)`.
struct SimulatedPlayerOptions: ParsableArguments {
    @Option(help: "With --simulate: who plays, random (schema-valid random data) or llm (a language model).")
    var player = "random"
    @Option(name: .customLong("llm-url"), help: "With --player llm: the model server's base URL, e.g. http://localhost:11434/v1.")
    var llmURL: String?
    @Option(name: .customLong("llm-model"), help: "With --player llm: the model name, e.g. qwen3:8b.") var llmModel: String?
    @Option(
        name: .customLong("llm-key-env"), help: "With --player llm: the environment variable holding the API key (never the key)."
    )
    var llmKeyEnv: String?
    @Option(name: .customLong("llm-timeout"), help: "With --player llm: seconds one model request may take.")
    var llmTimeout = 60.0
    @Option(name: .customLong("llm-context-tokens"), help: "With --player llm: the conversation's budget in tokens.")
    var llmContextTokens = 8192
    @Option(help: "With --player llm: seconds between offers to act without a force.") var idleInterval = 10.0

    /// The player, checked.
    /// - Throws: `ValidationError` naming the option at fault.
    func parsed() throws -> NeuroSimPlayer {
        do {
            return try NeuroSimPlayer.named(
                player, url: llmURL, model: llmModel, keyVariable: llmKeyEnv, timeout: llmTimeout,
                contextTokens: llmContextTokens, idleInterval: idleInterval, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
