import NeuroProtocol

extension NeuroError.Code {
    /// A protocol version (`--spec`) that is not a `YYYY-MM-DD` date.
    public static let invalidSpec = NeuroError.Code("invalidSpec")
}

extension NeuroError.Code {
    /// A language-model player setting that cannot work (`--llm-url`, `--llm-model`,
    /// `--llm-key-env`, a budget or a time out of range).
    public static let invalidLLMSetting = NeuroError.Code("invalidLLMSetting")
}

extension NeuroError.Code {
    /// A recording (`neuro-sim replay FILE`) that cannot be read: not the format, a newer
    /// version, or a line with a missing or wrong key.
    public static let invalidRecording = NeuroError.Code("invalidRecording")
    /// A recording file that cannot be created or written.
    public static let recordingFailed = NeuroError.Code("recordingFailed")
}
