/// A secret API key for a chat-completions server, sent as `Authorization: Bearer …`.
///
/// Its descriptions never show the key, so a configuration or a log line that prints it
/// leaks nothing; read it from the environment (`--llm-key-env NAME`), never from the command
/// line.
package struct LLMAPIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The key itself; only the HTTP request reads it.
    let value: String

    /// Wraps a key.
    /// - Parameter value: the key, e.g. read from an environment variable.
    package init(_ value: String) {
        self.value = value
    }

    /// Always `<redacted>`.
    package var description: String { "<redacted>" }

    /// Always `LLMAPIKey(<redacted>)`.
    package var debugDescription: String { "LLMAPIKey(<redacted>)" }
}
