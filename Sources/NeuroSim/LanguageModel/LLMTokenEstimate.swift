/// The token count NeuroSim assumes without a tokenizer: 4 characters a token (rounded up),
/// plus 4 tokens of framing per message. Close enough for English and JSON with the common
/// tokenizers, and the same for every model.
enum LLMTokenEstimate {
    /// Characters per token.
    static let charactersPerToken = 4
    /// The framing of one message (role, separators).
    static let tokensPerMessage = 4

    /// The estimated tokens of a text.
    static func tokens(in text: String) -> Int {
        (text.count + charactersPerToken - 1) / charactersPerToken
    }
}
