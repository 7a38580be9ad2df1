import ArgumentParser
import CommandSupport
import Foundation
import GamePlugins
import Logging
import NeuroAPI
import NeuroDashboard
import NeuroHost
import NeuroRelay
import NeuroSim
import ServiceLifecycle
import Synchronization

/// The whole `neuro-host` process as one `ServiceGroup` — NeuroSim (with `--simulate`), the
/// games, the dashboard (with `--dashboard`, or `--simulate`), the status reporter, the time
/// limit — whose first SIGINT/SIGTERM is a graceful
/// shutdown and whose second exits at once with 130.
///
/// The group stops its services in reverse order: the time limit and the status reporter
/// first, then the games (each saves, unregisters its actions and closes with 1001), and
/// NeuroSim last, so it hears every game say goodbye.
struct HostProcess {
    /// What a run leaves behind for the exit summary.
    struct Outcome {
        /// Every game's last status.
        var statuses: [GameStatus]
        /// The URL of the in-process NeuroSim, with `--simulate`.
        var url: String?
        /// NeuroSim's report (`neuro-sim --report`'s JSON), with `--simulate`.
        var neuroSimReport: JSONValue?
    }

    var configuration: HostConfiguration
    /// The plugins the games name.
    var catalog: GameCatalog
    var file: String
    var seed: UInt64
    /// Whether games sharing a Neuro take the force slot in turns (`--seed` given: a repeatable run).
    var forcesInTurns = false
    var simulate: Bool
    /// NeuroSim's player with `--simulate`.
    var player = NeuroSimPlayer.random
    var duration: Duration?
    var statusMode: NeuroHostCommand.StatusMode
    var statusInterval: Duration
    var forceTimeout: Duration
    var abandonedForceTimeout: Duration
    /// The dashboard's address and token, when it is on.
    var dashboard: DashboardConfiguration?
    /// Where to write the dashboard's port once it listens.
    var dashboardPortFile: String?
    /// `--record DIR`: every game connection's frames, a file per game and attempt.
    var recordDirectory: String?
    var logger: Logger

    /// Runs until every game has stopped; returns their last statuses and, with `--simulate`,
    /// the URL and the report of the in-process NeuroSim.
    /// - Throws: `ExitCode(2)` for settings a plugin refuses (before anything connects).
    func run() async throws -> Outcome {
        do {
            return try await runGroup()
        } catch let error as InvalidConfiguration {
            FileHandle.standardError.write(Data("neuro-host: the configuration has errors:\n\(error)\n".utf8))
            throw ExitCode(InvalidConfiguration.exitCode)
        }
    }

    private func runGroup() async throws -> Outcome {
        // Every setting is checked before anything binds or connects.
        let checked = try makeGames(pointedAt: simulate ? "ws://127.0.0.1:0" : nil)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        let statuses: @Sendable () -> [GameStatus]
        let url: @Sendable () -> String?
        let host: @Sendable () -> GameHost<ContinuousClock>?
        var simulator: (any SimulatorControls)?
        let neuroSimReport: @Sendable () -> JSONValue?
        // Any service that ends (every game gave up, NeuroSim failed, the time limit passed)
        // shuts the others down gracefully.
        if simulate {
            let neuro = InProcessNeuroSim(seed: seed, player: player, logger: logger)
            let games = DeferredGameHost(urls: neuro.urls) { url in try makeGames(pointedAt: url) }
            services.append(Self.ending(neuro.server))
            services.append(Self.ending(games))
            statuses = { games.statuses }
            url = { games.url }
            host = { games.host }
            simulator = NeuroSimControls(server: neuro.server)
            neuroSimReport = { neuro.report }
        } else {
            services.append(Self.ending(checked))
            statuses = { checked.statuses }
            url = { nil }
            host = { checked }
            neuroSimReport = { nil }
        }
        if let relay = configuration.relay {
            // After the games: it stops first, so each relayed game unregisters its actions
            // while Neuro (and NeuroSim) still listens.
            services.append(
                Self.ending(
                    GameRelay(
                        configuration: relay, host: host, connector: WebSocketConnector(logger: logger),
                        restartPolicy: configuration.restartPolicy, logger: logger
                    ) { port in
                        let shown = relay.host.contains(":") ? "[\(relay.host)]" : relay.host
                        FileHandle.standardError.write(Data("neuro-host: relay at ws://\(shown):\(port)\n".utf8))
                    }))
        }
        let dashboardURL = DashboardURL()
        if let dashboard {
            let model = DashboardModel(
                games: host, url: url, hasSimulator: simulator != nil, neuroSimReport: neuroSimReport)
            services.append(
                Self.ending(
                    DashboardServer(
                        model: model, simulator: simulator, configuration: dashboard, logger: logger
                    ) { [dashboardPortFile] port in
                        let shown = dashboard.host.contains(":") ? "[\(dashboard.host)]" : dashboard.host
                        let address = "http://\(shown):\(port)/"
                        dashboardURL.set(address)
                        FileHandle.standardError.write(Data("neuro-host: dashboard at \(address)\n".utf8))
                        if let dashboardPortFile {
                            try? Data("\(port)\n".utf8).write(to: URL(fileURLWithPath: dashboardPortFile), options: .atomic)
                        }
                    }))
        }
        let report = reportClosure(dashboardURL: { dashboardURL.get() })
        services.append(.init(service: StatusReporter(interval: statusInterval, statuses: statuses, report: report)))
        if let duration {
            services.append(
                Self.ending(
                    ClosureService {
                        // Cut short (it throws) when the process shuts down for another reason.
                        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
                    }))
        }
        var groupConfiguration = ServiceGroupConfiguration(services: services, logger: logger)
        groupConfiguration.gracefulShutdownSignals = [.sigterm, .sigint]
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(10)
        groupConfiguration.maximumCancellationDuration = .seconds(2)
        try await ServiceGroup(configuration: groupConfiguration).runExitingOnSecondSignal(command: "neuro-host")
        let last = statuses()
        report(last)
        return Outcome(statuses: last, url: url(), neuroSimReport: neuroSimReport())
    }

    /// The games of the configuration, every one pointed at `url` when given.
    private func makeGames(pointedAt url: String?) throws -> GameHost<ContinuousClock> {
        var configuration = self.configuration
        if let url {
            for index in configuration.games.indices { configuration.games[index].url = url }
            configuration.relay?.url = url
        }
        return try GameHost(
            configuration: configuration,
            catalog: catalog,
            file: file,
            connector: try connector(),
            clock: ContinuousClock(),
            seed: seed,
            saveDirectory: URL(fileURLWithPath: configuration.saveDirectory),
            forceTimeout: forceTimeout,
            abandonedForceTimeout: abandonedForceTimeout,
            forcesInTurns: forcesInTurns,
            recordsActivity: dashboard != nil,
            logger: logger
        )
    }

    /// The websocket connector, behind a ``RecordingConnector`` with `--record`.
    private func connector() throws -> any NeuroConnector {
        let plain = WebSocketConnector(logger: logger)
        guard let recordDirectory else { return plain }
        do {
            return try RecordingConnector(wrapping: plain, directory: recordDirectory, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("neuro-host: \(error.message)\n".utf8))
            throw ExitCode(InvalidConfiguration.exitCode)
        }
    }

    /// Draws the statuses as `--status` asks.
    private func reportClosure(dashboardURL: @escaping @Sendable () -> String?) -> @Sendable ([GameStatus]) -> Void {
        let mode = statusMode
        return { statuses in
            switch mode {
            case .table:
                // Clear the screen and draw the table from the top-left corner.
                let header = dashboardURL().map { "dashboard: \($0)\n" } ?? ""
                print("\u{1B}[H\u{1B}[2J" + header + StatusView.table(statuses), terminator: "\n")
            case .lines:
                for line in StatusView.lines(statuses) { print(line) }
            case .auto, .off:
                break
            }
            // `print` goes through stdout's buffer; flush so a piped reader sees each refresh.
            fflush(nil)
        }
    }

    /// A service whose end, returned or thrown, shuts the group down gracefully.
    private static func ending(_ service: some Service) -> ServiceGroupConfiguration.ServiceConfiguration {
        .init(
            service: service, successTerminationBehavior: .gracefullyShutdownGroup,
            failureTerminationBehavior: .gracefullyShutdownGroup)
    }
}

/// The dashboard's URL once it listens, for the status table's first line.
private final class DashboardURL: Sendable {
    private let value = Mutex<String?>(nil)
    func set(_ url: String) { value.withLock { $0 = url } }
    func get() -> String? { value.withLock { $0 } }
}
