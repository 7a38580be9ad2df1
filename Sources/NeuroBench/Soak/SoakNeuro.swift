import Logging
import NeuroAPI
import NeuroSim
import Synchronization

/// One of the soak's two NeuroSims, in this process, every frame of it counted by the
/// ``SoakLedger``:
/// - the **forcing** one plays the built-in games through their forces only (no unforced
///   actions, which could cross a force on the wire: NeuroSim would take the game's force as
///   sent while her action was pending, and the host the crossing action as the force's answer);
/// - the **unforced** one sends the ``FaultyGame``s (which never force) unforced actions at the
///   soak's rate, behind the ``StallingRelay``.
final class SoakNeuro: Sendable {
    let name: String
    let simulator: NeuroSimulator
    let server: NeuroSimServer
    private let boundPort = Mutex(0)

    init(name: String, configuration: NeuroSimConfiguration, ledger: SoakLedger, logger: Logger) {
        self.name = name
        simulator = NeuroSimulator(configuration: configuration, logger: logger)
        server = NeuroSimServer(
            simulator: simulator, host: "127.0.0.1", port: 0, logger: logger,
            serving: { simulator, transport, info in
                let counted = CountingTransport(base: transport, ledger: ledger)
                await simulator.serve(counted, peer: info.remoteAddress, abort: { transport.abort() })
                ledger.ended(counted.number)
            })
    }

    /// The port once listening; 0 before.
    var port: Int { boundPort.withLock { $0 } }

    /// Serves until ``NeuroSimServer/stop()``.
    func run() async throws {
        try await server.run(onListening: { port in self.boundPort.withLock { $0 = port } })
    }
}
