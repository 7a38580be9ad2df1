/// Why a control (drop, close, restart, pause, resume) could not be applied to a
/// ``ReconnectingNeuroService``.
public struct ConnectionControlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for programs.
    public struct Code: ErrorCode {
        /// The code's name (`notConnected`).
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// There is no open connection.
        public static let notConnected = Code("notConnected")
        /// The connection is already being closed by another control.
        public static let busy = Code("busy")
        /// The service has stopped or given up.
        public static let notRunning = Code("notRunning")
        /// The service is already paused.
        public static let paused = Code("paused")
        /// The service is not paused.
        public static let notPaused = Code("notPaused")
    }

    /// What went wrong.
    public var code: Code
    /// In plain words, what the service is (`already paused`, `not connected (backing off)`):
    /// a host prefixes the name of what it controls (`Hangman is already paused`).
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
