import Foundation
import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroHost
import NeuroSim
import NeuroTestSupport
import ServiceLifecycle
import Testing

/// `neuro-host --simulate` on the repository's `games.json`: every game plays at once.
@Suite(.timeLimit(.minutes(2)))
struct AllSampleGamesTests {
    @Test func everySampleGamePlaysAtOnceWithoutViolations() async throws {
        let configuration = try SampleGames.configuration()
        let saves = try TemporaryDirectory()
        let saveDirectory = URL(fileURLWithPath: saves.path)
        var simulatorConfiguration = NeuroSimConfiguration()
        simulatorConfiguration.seed = 9
        simulatorConfiguration.forceDelay = .milliseconds(10)
        // Randy's habit, not the real Neuro's: a failed forced action is retried until it succeeds.
        // The random player fails far more often than Neuro, and a game does not force again
        // after Neuro abandons a force, so with the real limit a round could stall.
        simulatorConfiguration.forceRetries = .max
        // Every check on, the cross-game ones too: the host's force arbitration keeps one
        // force outstanding at a time across the games sharing this Neuro.
        simulatorConfiguration.isCheckingAcrossGames = true
        let logger = Logger(label: "test.host")
        let closes = Recorder<[WebSocketCloseCode?]>([])
        let simulator = NeuroSimulator(configuration: simulatorConfiguration, logger: Logger(label: "test.sim")) { event in
            guard case .closedByGame(_, let code, _) = event else { return }
            closes.update { $0.append(code) }
        }
        // As `neuro-host --simulate` composes its group: NeuroSim first, the games after it, so
        // the games stop (and say goodbye) before NeuroSim does.
        let (urls, urlContinuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let server = NeuroSimServer(simulator: simulator, host: "127.0.0.1", port: 0, logger: Logger(label: "test.sim")) {
            urlContinuation.yield("ws://127.0.0.1:\($0)")
        }
        let games = DeferredGameHost(urls: urls) { url in
            var configuration = configuration
            for index in configuration.games.indices { configuration.games[index].url = url }
            return try GameHost(
                configuration: configuration, catalog: .builtIn, connector: WebSocketConnector(logger: logger),
                clock: ContinuousClock(),
                seed: 9, saveDirectory: saveDirectory, logger: logger)
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: server, successTerminationBehavior: .gracefullyShutdownGroup),
                    .init(service: games, successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                logger: logger))

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            // Six games take turns on one force slot: on a loaded machine (stress-ng and two
            // builds on two cores) two rounds took over 20 s. The bound is the suite's limit.
            try await eventually("every enabled game has handled two actions", timeout: .seconds(90)) {
                let statuses = games.statuses
                return statuses.count == configuration.enabledGames.count && statuses.allSatisfy { $0.actionsHandled >= 2 }
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }

        let statuses = games.statuses
        #expect(statuses.map(\.title) == configuration.enabledGames.map(\.title))
        #expect(statuses.allSatisfy { $0.state == .stopped }, "\(statuses.map(\.state))")
        #expect(statuses.allSatisfy { $0.reconnects == 0 && $0.lastError == nil }, "\(statuses.map(\.lastError))")
        #expect(simulator.violations.isEmpty, "\(simulator.violations)")
        let report = simulator.report()
        #expect(report.violationCount == 0)
        #expect(Set(report.games.map(\.title)) == Set(configuration.enabledGames.map(\.title)))
        // Every game said goodbye (1001) to a NeuroSim that was still there.
        #expect(closes.value == Array(repeating: .goingAway, count: configuration.enabledGames.count), "\(closes.value)")
    }
}
