import Foundation
import Logging
import NeuroAPI
import NeuroSim
import ServiceLifecycle
import Synchronization

/// Everything `neuro-host` runs, as one `Service`: optionally NeuroSim in-process, then every
/// game, a live status view, and a time limit.
///
/// With ``Options/isSimulating`` set, NeuroSim binds 127.0.0.1 on an ephemeral port first and
/// every game is pointed at it. A graceful shutdown (or the time limit) stops the games first —
/// each saves, unregisters its actions and closes with 1001 — and NeuroSim after them.
public final class HostService: Service, Sendable {
    /// How the host runs.
    public struct Options: Sendable {
        /// The seed of every game's randomness (and NeuroSim's).
        public var seed: UInt64 = 0
        /// Run NeuroSim in-process and point every game at it.
        public var isSimulating = false
        /// The simulator's settings when simulating (its seed is set from ``seed``).
        public var simulatorConfiguration = NeuroSimConfiguration()
        /// Stop cleanly after this long.
        public var duration: Duration?
        /// Where games are saved; `nil` not to save.
        public var saveDirectory: URL?
        /// The websocket settings of every game's connection.
        public var webSocketConfiguration = WebSocketConfiguration()
        /// How often ``onStatus`` is called.
        public var statusInterval: Duration = .seconds(1)
        /// How long a game may hold the force slot it shares with other games on one Neuro
        /// before the slot is freed for the next game.
        public var forceTimeout: Duration = .seconds(60)
        /// How long a game waits after a failed forced action for Neuro to act again before
        /// it takes the force as abandoned and forces anew.
        public var abandonedForceTimeout: Duration = .seconds(5)

        /// Creates default options.
        public init() {}
    }

    private struct Live {
        var host: GameHost<ContinuousClock>?
        var simulator: NeuroSimulator?
        var url: String?
    }

    /// The configuration of the games.
    public let configuration: HostConfiguration
    /// The configuration's file name, for error messages.
    public let file: String
    /// How the host runs.
    public let options: Options
    private let onStatus: @Sendable ([GameStatus]) -> Void
    private let logger: Logger
    private let live = Mutex(Live())

    /// Creates the service.
    /// - Parameters:
    ///   - configuration: the games.
    ///   - file: the configuration's file name, for error messages.
    ///   - options: how to run.
    ///   - logger: the host's logger.
    ///   - onStatus: called every ``Options/statusInterval`` with every game's status.
    public init(
        configuration: HostConfiguration,
        file: String,
        options: Options,
        logger: Logger,
        onStatus: @escaping @Sendable ([GameStatus]) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.file = file
        self.options = options
        self.logger = logger
        self.onStatus = onStatus
    }

    /// Every game's status; empty before the games are created.
    public var statuses: [GameStatus] { live.withLock { $0.host?.statuses ?? [] } }
    /// The URL of the in-process NeuroSim, when simulating.
    public var simulatorURL: String? { live.withLock { $0.url } }
    /// The in-process NeuroSim, when simulating.
    public var simulator: NeuroSimulator? { live.withLock { $0.simulator } }

    /// Runs until every game has stopped: after a graceful shutdown, the time limit, or when
    /// every game gave up.
    /// - Throws: ``InvalidConfiguration`` for settings a plugin refuses (before anything
    ///   connects); an error when NeuroSim cannot bind.
    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            var configuration = self.configuration
            var server: NeuroSimServer?
            if options.isSimulating {
                var simulatorConfiguration = options.simulatorConfiguration
                simulatorConfiguration.seed = options.seed
                let simulator = NeuroSimulator(configuration: simulatorConfiguration, logger: Logger(label: "neuro.sim"))
                let simServer = NeuroSimServer(
                    simulator: simulator, host: "127.0.0.1", port: 0, logger: Logger(label: "neuro.sim"))
                server = simServer
                let (ports, portContinuation) = AsyncStream<Int>.makeStream()
                group.addTask {
                    defer { portContinuation.finish() }
                    try await simServer.run(onListening: { portContinuation.yield($0) })
                }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { return }
                let url = "ws://127.0.0.1:\(port)"
                for index in configuration.games.indices { configuration.games[index].url = url }
                live.withLock { live in
                    live.simulator = simulator
                    live.url = url
                }
                logger.notice("NeuroSim is listening", metadata: ["neuro.url": "\(url)"])
            }
            let host = try GameHost(
                configuration: configuration,
                file: file,
                connector: WebSocketConnector(configuration: options.webSocketConfiguration, logger: logger),
                clock: ContinuousClock(),
                seed: options.seed,
                saveDirectory: options.saveDirectory,
                forceTimeout: options.forceTimeout,
                abandonedForceTimeout: options.abandonedForceTimeout,
                logger: logger
            )
            live.withLock { $0.host = host }
            let (finished, finishedContinuation) = AsyncStream<Void>.makeStream()
            // The status view and the time limit end when the games do.
            group.addTask { [options, onStatus] in
                await withTaskGroup(of: HostHelper.self) { helpers in
                    helpers.addTask {
                        while !Task.isCancelled {
                            onStatus(host.statuses)
                            do { try await Task.sleep(for: options.statusInterval) } catch { break }
                        }
                        return .statusView
                    }
                    if let duration = options.duration {
                        helpers.addTask {
                            do {
                                try await Task.sleep(for: duration)
                                host.requestStop()
                            } catch {}
                            return .timeLimit
                        }
                    }
                    helpers.addTask {
                        for await _ in finished {}
                        return .gamesFinished
                    }
                    // Only the end of the games ends the helpers: the time limit merely asks
                    // them to stop, and the status view keeps drawing while they do.
                    while let helper = await helpers.next() {
                        if helper == .gamesFinished { helpers.cancelAll() }
                    }
                }
                onStatus(host.statuses)
            }
            await withGracefulShutdownHandler {
                await host.runGames()
            } onGracefulShutdown: {
                host.requestStop()
            }
            finishedContinuation.finish()
            server?.stop()
        }
    }
}

/// The helper tasks of ``HostService/run()``.
private enum HostHelper {
    case statusView
    case timeLimit
    case gamesFinished
}
