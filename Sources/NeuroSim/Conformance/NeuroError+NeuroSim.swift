import NeuroAPI

extension NeuroError.Code {
    /// A protocol version (`--spec`) that is not a `YYYY-MM-DD` date.
    public static let invalidSpec = NeuroError.Code("invalidSpec")
}
