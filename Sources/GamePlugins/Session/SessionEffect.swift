import NeuroAPI

/// Something a game session must do, in order: the output of ``GameSessionState``.
public enum SessionEffect: Sendable, Hashable {
    /// Send a command to Neuro.
    case send(GameCommand)
    /// Save the game now.
    case save
}
