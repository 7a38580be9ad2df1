/// A fault the dashboard can inject into the in-process simulator (`neuro-host --simulate`).
public enum SimulatorFault: String, Sendable, Hashable, CaseIterable, Codable {
    /// Drop every connection abruptly, without a close frame.
    case dropAll = "drop-all"
    /// Send `actions/reregister_all` to every game.
    case reregisterAll = "reregister-all"
    /// Send `shutdown/graceful` (wants shutdown) to every game: Neuro's request, not the
    /// host's own graceful shutdown.
    case gracefulShutdownRequest = "shutdown-graceful"
    /// Send `shutdown/immediate` to every game.
    case immediateShutdownRequest = "shutdown-immediate"
    /// Restart the simulator's server: every connection closes and the games reconnect.
    case restartServer = "restart-server"
}
