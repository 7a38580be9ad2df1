import GameSessions
import Logging
import NeuroAPI

@testable import NeuroHost

extension GameSupervisor where C == ContinuousClock {
    /// A supervisor of `game` for a test server on 127.0.0.1:`port` that reconnects quickly
    /// (20 ms, at most 100 ms, no jitter).
    static func onLoopback(_ game: any HostedGame, port: Int, logger: Logger) -> GameSupervisor {
        GameSupervisor(
            game: game, url: "ws://127.0.0.1:\(port)",
            restartPolicy: RestartPolicy(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(100), jitter: 0),
            connector: WebSocketConnector(logger: logger), clock: ContinuousClock(), seed: 1, logger: logger)
    }
}
