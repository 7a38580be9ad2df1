import NeuroAPI

/// Why a control (drop, close, restart, pause, resume) could not be applied to a game: the
/// game's `ReconnectingNeuroService` refusal under its title (`Hangman is already paused`),
/// or no game of that title.
package typealias GameControlError = ConnectionControlError

extension ConnectionControlError.Code {
    /// No game has this title.
    package static let unknownGame = Self("unknownGame")
}
