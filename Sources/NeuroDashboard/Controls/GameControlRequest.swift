import NeuroHost

/// A control on one game, as the routes `POST /api/games/{index}/{control}` name it.
public enum GameControlRequest: String, Sendable, Hashable, CaseIterable {
    /// Drop the connection abruptly (no close frame); the game reconnects after its backoff.
    case drop
    /// Close the connection cleanly (1000); the game reconnects after its backoff.
    case close
    /// Close (1012) and connect again at once.
    case restart
    /// Close and stay disconnected until resumed.
    case pause
    /// Connect again after a pause.
    case resume
}

extension GameControlRequest {
    /// The host's control of the same name.
    var gameControl: GameControl {
        switch self {
        case .drop: .drop
        case .close: .close
        case .restart: .restart
        case .pause: .pause
        case .resume: .resume
        }
    }
}
