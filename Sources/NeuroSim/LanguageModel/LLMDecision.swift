/// The language-model player's answer to one ``LLMTurn``, with the figures of getting it.
struct LLMDecision: Sendable, Hashable {
    /// What NeuroSim does.
    enum Choice: Sendable, Hashable {
        /// Send this action with exactly this data.
        case act(name: String, data: String?)
        /// Nothing now (an unforced turn the model declined).
        case pass
        /// The random player decides (recorded in ``LLMStatistics/fallbacks``).
        case fallBack
    }

    /// The turn answered.
    var turnID: Int
    var choice: Choice
    /// The requests, tokens, errors and retries of this decision.
    var statistics: LLMStatistics
}
