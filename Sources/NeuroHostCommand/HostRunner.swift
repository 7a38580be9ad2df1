import ArgumentParser
import Foundation
import Logging
import NeuroHost
import ServiceLifecycle
import UnixSignals

/// Runs a ``HostService`` under a `ServiceGroup` that turns SIGINT/SIGTERM into a graceful
/// shutdown, and a second signal into cancellation.
struct HostRunner {
    var configuration: HostConfiguration
    var file: String
    var seed: UInt64
    var simulate: Bool
    var duration: Duration?
    var statusMode: NeuroHostCommand.StatusMode
    var statusInterval: Duration
    var forceTimeout: Duration
    var abandonedForceTimeout: Duration
    var logger: Logger

    func run() async throws -> ([GameStatus], String?) {
        var options = HostService.Options()
        options.seed = seed
        options.isSimulating = simulate
        options.duration = duration
        options.statusInterval = statusInterval
        options.forceTimeout = forceTimeout
        options.abandonedForceTimeout = abandonedForceTimeout
        options.saveDirectory = URL(fileURLWithPath: configuration.saveDirectory)
        let mode = statusMode
        let service = HostService(configuration: configuration, file: file, options: options, logger: logger) { statuses in
            switch mode {
            case .table:
                // Clear the screen and draw the table from the top-left corner.
                print("\u{1B}[H\u{1B}[2J" + StatusView.table(statuses), terminator: "\n")
            case .lines:
                for line in StatusView.lines(statuses) { print(line) }
            case .auto, .off:
                break
            }
            // `print` goes through stdout's buffer; flush so a piped reader sees each refresh.
            fflush(nil)
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: [
                .init(
                    service: service,
                    successTerminationBehavior: .gracefullyShutdownGroup,
                    failureTerminationBehavior: .gracefullyShutdownGroup
                )
            ],
            logger: logger
        )
        groupConfiguration.gracefulShutdownSignals = [.sigterm, .sigint]
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(10)
        groupConfiguration.maximumCancellationDuration = .seconds(2)
        let group = ServiceGroup(configuration: groupConfiguration)
        do {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                // The group turns the first signal into a graceful shutdown; a second one (the
                // user insisting) exits at once. ServiceGroup cannot take the same signal for
                // both, so the second is counted here.
                tasks.addTask {
                    var count = 0
                    for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
                        count += 1
                        if count >= 2 {
                            FileHandle.standardError.write(Data("neuro-host: second signal; exiting now\n".utf8))
                            exit(130)
                        }
                    }
                }
                try await group.run()
                tasks.cancelAll()
            }
        } catch let error as InvalidConfiguration {
            FileHandle.standardError.write(Data("neuro-host: the configuration has errors:\n\(error)\n".utf8))
            throw ExitCode(InvalidConfiguration.exitCode)
        }
        return (service.statuses, service.simulatorURL)
    }
}
