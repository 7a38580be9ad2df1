import NeuroProtocol
import NeuroWebSocket

/// What a ``SimulatedConnection`` asks the connection around it to do, or tells it happened.
enum SimulatedConnectionEffect: Sendable, Hashable {
    /// Send a frame to the game.
    case send(NeuroCommand)
    /// The connection's `game` title became known.
    case identified(game: String)
    /// NeuroSim noticed something about the game.
    case diagnostic(NeuroSimDiagnostic)
    /// An `action` was scheduled for sending.
    case actionSent(NeuroAction, isForced: Bool, isBad: Bool)
    /// An `action/result` matched an action sent.
    case resultReceived(ActionResult, latency: Duration)
    /// Close the connection cleanly (strict mode, on an error).
    case close(WebSocketCloseCode, reason: String)
    /// Drop the connection abruptly (a configured fault).
    case drop
    /// Ask the language model for a decision; answer with ``SimulatedConnection/decided(_:at:)``.
    case decide(LLMTurn)
    /// The game closed the connection with a close frame, with these actions still registered.
    case closedByGame(WebSocketCloseCode?, registeredActions: [String])
}
