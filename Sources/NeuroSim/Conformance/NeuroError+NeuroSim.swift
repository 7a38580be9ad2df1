import NeuroAPI

extension NeuroError.Code {
    /// A protocol version (`--spec`) that is not a `YYYY-MM-DD` date.
    public static let invalidSpec = NeuroError.Code("invalidSpec")
}

extension NeuroError.Code {
    /// A language-model player setting that cannot work (`--llm-url`, `--llm-model`,
    /// `--llm-key-env`, a budget or a time out of range).
    public static let invalidLLMSetting = NeuroError.Code("invalidLLMSetting")
}
