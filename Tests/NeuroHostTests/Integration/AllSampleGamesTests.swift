import Foundation
import GamePlugins
import GameSessions
import Logging
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
        var options = HostService.Options()
        options.seed = 9
        options.isSimulating = true
        options.simulatorConfiguration.forceDelay = .milliseconds(10)
        // Randy's habit, not the real Neuro's: a failed forced action is retried until it succeeds.
        // The random player fails far more often than Neuro, and a game does not force again
        // after Neuro abandons a force, so with the real limit a round could stall.
        options.simulatorConfiguration.forceRetries = .max
        // Every check on, the cross-game ones too: the host's force arbitration keeps one
        // force outstanding at a time across the games sharing this Neuro.
        options.simulatorConfiguration.isCheckingAcrossGames = true
        options.saveDirectory = URL(fileURLWithPath: saves.path)
        options.statusInterval = .milliseconds(100)
        let logger = Logger(label: "test.host")
        let service = HostService(configuration: configuration, file: "games.json", options: options, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [.init(service: service)], logger: logger))

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await eventually("every enabled game has handled two actions") {
                let statuses = service.statuses
                return statuses.count == configuration.enabledGames.count && statuses.allSatisfy { $0.actionsHandled >= 2 }
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }

        let statuses = service.statuses
        #expect(statuses.map(\.title) == configuration.enabledGames.map(\.title))
        #expect(statuses.allSatisfy { $0.state == .stopped }, "\(statuses.map(\.state))")
        #expect(statuses.allSatisfy { $0.reconnects == 0 && $0.lastError == nil }, "\(statuses.map(\.lastError))")
        let simulator = try #require(service.simulator)
        #expect(simulator.violations.isEmpty, "\(simulator.violations)")
        let report = simulator.report()
        #expect(report.violationCount == 0)
        #expect(Set(report.games.map(\.title)) == Set(configuration.enabledGames.map(\.title)))
    }
}
