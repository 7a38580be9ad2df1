import NeuroProtocol

/// Why a control (drop, close, restart, pause, resume) could not be applied to a game.
public struct GameControlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for programs.
    public struct Code: ErrorCode {
        /// The code's name (`notConnected`).
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The game has no open connection.
        public static let notConnected = Code("notConnected")
        /// The game's connection is already being closed by another control.
        public static let busy = Code("busy")
        /// The game has stopped or given up.
        public static let notRunning = Code("notRunning")
        /// The game is already paused.
        public static let paused = Code("paused")
        /// The game is not paused.
        public static let notPaused = Code("notPaused")
        /// No game has this title.
        public static let unknownGame = Code("unknownGame")
    }

    /// What went wrong.
    public var code: Code
    /// In plain words, for people.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
