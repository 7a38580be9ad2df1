import Logging
import NeuroAPI
import NeuroSim

/// `--simulate`: NeuroSim in-process on 127.0.0.1 and an ephemeral port (the first service of
/// `neuro-host`'s group), and the URL the games are pointed at once it listens.
struct InProcessNeuroSim {
    /// The server: a `Service` that serves until the graceful shutdown, closing every
    /// connection with 1001 then.
    let server: NeuroSimServer
    /// The `ws://` URL each time the server binds.
    let urls: AsyncStream<String>

    /// The simulator's report so far, as `neuro-sim --report` writes it: the verdict the exit
    /// summary and the dashboard's `/api/status` carry under `neuroSim`.
    var report: JSONValue { server.simulator.report().jsonValue }

    /// Creates the simulator; nothing is bound before the server runs.
    /// - Parameters:
    ///   - seed: the seed of the simulator's randomness (the host's own).
    ///   - player: who plays (`--player`, `--llm-…`).
    ///   - logger: where the host notes the URL.
    init(seed: UInt64, player: NeuroSimPlayer = .random, logger: Logger) {
        var configuration = NeuroSimConfiguration()
        configuration.seed = seed
        configuration.player = player
        let simulatorLogger = Logger(label: "neuro.sim")
        let (urls, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.urls = urls
        server = NeuroSimServer(
            simulator: NeuroSimulator(configuration: configuration, logger: simulatorLogger),
            host: "127.0.0.1", port: 0, logger: simulatorLogger
        ) { port in
            let url = "ws://127.0.0.1:\(port)"
            logger.notice("NeuroSim is listening", metadata: ["neuro.url": "\(url)"])
            continuation.yield(url)
        }
    }
}
