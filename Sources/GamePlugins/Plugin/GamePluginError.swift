/// A game's settings could not be used.
public struct GamePluginError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The setting at fault, e.g. `highest`.
    public var setting: String
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(setting: String, message: String) {
        self.setting = setting
        self.message = message
    }

    public var description: String { "setting \"\(setting)\": \(message)" }
}
