import NeuroProtocol

/// Why a control (drop, close, restart, pause, resume) could not be applied to a game.
package struct GameControlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for programs.
    package struct Code: ErrorCode {
        /// The code's name (`notConnected`).
        package var rawValue: String
        /// Creates a code from its name.
        package init(rawValue: String) { self.rawValue = rawValue }

        /// The game has no open connection.
        package static let notConnected = Code("notConnected")
        /// The game's connection is already being closed by another control.
        package static let busy = Code("busy")
        /// The game has stopped or given up.
        package static let notRunning = Code("notRunning")
        /// The game is already paused.
        package static let paused = Code("paused")
        /// The game is not paused.
        package static let notPaused = Code("notPaused")
        /// No game has this title.
        package static let unknownGame = Code("unknownGame")
    }

    /// What went wrong.
    package var code: Code
    /// In plain words, for people.
    package var message: String

    /// Creates an error.
    package init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    package var description: String { message }
}
