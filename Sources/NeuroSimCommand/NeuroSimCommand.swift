import ArgumentParser
import CommandSupport
import Foundation
import Logging
import NeuroAPI
import NeuroSim
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `neuro-sim`: a stand-in for Neuro that checks the protocol, plays, injects faults and
/// writes a JSON report at exit.
@main
struct NeuroSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neuro-sim",
        abstract: "A Neuro stand-in server that checks the game API protocol and plays.",
        discussion: """
            Runs until --duration has passed or SIGINT/SIGTERM arrives, then writes a JSON report \
            (to --report, or to standard output) and exits 0.
            Every diagnostic has a stable id and a severity: error, warning, performance or info. \
            Errors and warnings are violations (violationCount); --strict closes a connection on \
            its first error only. The report counts every id under "diagnostics".
            The game is checked against the protocol of --spec (default 2026-08-21, the newest): \
            before 2026-08-20 re-registering a registered name is an error (duplicateRegistration); \
            since, it replaces the definition, and an unchanged re-registration is a performance \
            diagnostic (identicalReregistration). Since 2026-08-21 a result times out after 20 s \
            (30 s before) and a successful result without a message is a warning \
            (successWithoutMessage).
            Like the real Neuro, a forced action that fails (or times out after --result-timeout) \
            is retried --force-retries times, then the force is abandoned silently; \
            --no-retry-after-timeout abandons it at its first timeout instead.
            --record FILE writes every frame of every connection, both ways, as JSON lines (a \
            versioned header line first), flushed as it goes; `neuro-sim replay FILE` plays it \
            again. --junit FILE writes the verdict as JUnit XML: a test case per rule and game.
            Faults: --fault SECONDS:KIND, where KIND is reregister, shutdown-graceful, \
            shutdown-cancel, shutdown-immediate, close, drop or restart. After reregister the game \
            must register again within --reregister-timeout; after shutdown-graceful or \
            shutdown-immediate it must send shutdown/ready within --shutdown-timeout.
            --player llm plays with a language model behind any OpenAI-compatible server: \
            POST {--llm-url}/chat/completions (or --llm-url as given when it ends in \
            /chat/completions), the API key read from the environment variable named by \
            --llm-key-env. Forces become turns where the model must call a forced action; \
            without a force it may act every --idle-interval seconds.
            SIGUSR1 forgets the latencies recorded so far, so that the report's latencies cover \
            only what follows (benchmarks send it once their games are connected).
            """
    )

    /// `neuro-sim replay …` runs ``ReplayCommand``; anything else is this command. Not an
    /// ArgumentParser subcommand: both commands have `--port`, `--duration`, `--junit`, and a
    /// parent's options would take the subcommand's values.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "replay" {
            await ReplayCommand.main(Array(arguments.dropFirst()))
        } else {
            await main(arguments)
        }
    }

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on; 0 picks a free one.") var port = 8000
    @Option(help: "Write the bound port to this file once listening.") var portFile: String?
    @Option(help: "The seed of every random choice (default: a random seed, logged).") var seed: UInt64?
    @Option(help: "The protocol version to check, YYYY-MM-DD; the default is the newest.")
    var spec = NeuroSimSpec.newest.description
    @Flag(help: "Close a connection (1008) on its first error (not on warnings, performance or info).")
    var strict = false
    @Option(help: "The character acknowledging startup: neuro, evil or none.") var character = "neuro"
    @Option(help: "Seconds before answering a force.") var forceDelay = 0.5
    @Option(help: "Unforced actions per second per connection.") var unforcedRate = 0.0
    @Flag(help: "Send the next action as soon as the previous result arrives.") var flood = false
    @Option(help: "Make N data values per registered action once and draw from them (0: fresh data for every action).")
    var dataPool = 0
    @Option(help: "Share of actions (0-1) sent with bad data on purpose.") var badDataShare = 0.0
    @Option(help: "Drop each connection after this many messages.") var dropAfter: Int?
    @Option(help: "Probability (0-1) of dropping a connection after any message.") var dropProbability = 0.0
    @Option(
        help:
            "Seconds a game has to answer an action before it counts as failed; 0 waits forever (default: 20; 30 before 2026-08-21)."
    )
    var resultTimeout: Double?
    @Flag(help: "Abandon a force when its action's result times out, instead of retrying it (failed results are still retried).")
    var noRetryAfterTimeout = false
    @Option(help: "Record every frame of every connection, both ways, to this file (JSON lines).") var record: String?
    @Option(help: "Write the verdict as JUnit XML to this file (a test case per diagnostic rule and game).")
    var junit: String?
    @Option(help: "How often a failed forced action is retried before the force is abandoned.") var forceRetries = 3
    @Option(help: "Seconds after which a startup or a result is late (a performance diagnostic).")
    var lateThreshold = 0.5
    @Option(help: "Seconds a game has to register again after actions/reregister_all.") var reregisterTimeout = 5.0
    @Option(help: "Seconds a game has to send shutdown/ready after a shutdown request.") var shutdownTimeout = 10.0
    @Flag(help: "Send speech_finished after each action (several non-final, then a final one; some cancelled).")
    var speech = false
    @Flag(help: "Send actions/reregister_all to each new connection, like Randy.") var reregisterOnConnect = false
    @Flag(help: "Do not check rules across games (force slot, shared action names).") var noCrossGameChecks = false
    @Option(help: "Stop after this many seconds.") var duration: Double?
    @Option(help: "Write the JSON report to this file instead of standard output.") var report: String?
    @Option(help: "trace, debug, info, notice, warning, error or critical.") var logLevel = "info"
    @Option(help: "A fault at a time: SECONDS:KIND (repeatable).") var fault: [String] = []
    @OptionGroup(title: "The player") var playerOptions: SimulatedPlayerOptions

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard ["neuro", "evil", "none"].contains(character) else {
            throw ValidationError("--character must be neuro, evil or none, not \"\(character)\"")
        }
        guard (0...1).contains(badDataShare), (0...1).contains(dropProbability) else {
            throw ValidationError("--bad-data-share and --drop-probability must be between 0 and 1")
        }
        guard forceDelay >= 0, (resultTimeout ?? 0) >= 0, unforcedRate >= 0, (duration ?? 0) >= 0, lateThreshold >= 0,
            reregisterTimeout > 0, shutdownTimeout > 0
        else {
            throw ValidationError("times and rates must not be negative (and the reregister and shutdown timeouts above 0)")
        }
        guard forceRetries >= 0 else { throw ValidationError("--force-retries must not be negative") }
        let checkedSpec = try parsedSpec()
        guard !speech || checkedSpec.hasSpeechFinished else {
            throw ValidationError("--speech needs --spec 2026-08-20 or later: speech_finished did not exist before")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard dataPool >= 0 else { throw ValidationError("--data-pool must not be negative") }
        guard (dropAfter ?? 1) >= 1 else { throw ValidationError("--drop-after must be at least 1") }
        _ = try faults()
        _ = try playerOptions.parsed()
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrapStandardError(level: level)
        let logger = Logger(label: "neuro.sim")
        let seed = self.seed ?? UInt64.random(in: .min ... .max)
        logger.info("starting", metadata: ["neuro.seed": "\(seed)", "neuro.spec": "\(spec)"])

        var recorder: RecordingWriter?
        if let record {
            do {
                recorder = try RecordingWriter(path: record, recorder: "neuro-sim")
            } catch {
                logger.critical("cannot record", metadata: ["error": "\(error.message)"])
                throw ExitCode.failure
            }
        }
        let simulator = NeuroSimulator(
            configuration: try makeConfiguration(seed: seed), logger: logger, recorder: recorder)
        let portFile = self.portFile
        let server = NeuroSimServer(simulator: simulator, host: host, port: port, logger: logger) { port in
            logger.info("listening", metadata: ["neuro.listener.port": "\(port)"])
            if let portFile {
                try? "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
            }
        }
        let ending = Mutex(Ending.serverStopped)
        // In shutdown order reversed: the fault schedule and the time limit go first, the
        // server (which closes every connection with 1001) last.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(
                service: server,
                successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup),
            .init(service: Self.latencyResets(of: simulator), successTerminationBehavior: .ignore),
        ]
        let faults = (try? faults()) ?? []
        if !faults.isEmpty {
            services.append(
                .init(
                    service: Self.faultSchedule(faults, server: server, logger: logger),
                    successTerminationBehavior: .ignore))
        }
        if let duration {
            services.append(
                .init(
                    service: ClosureService {
                        // Cut short (it throws) when the process shuts down for another reason.
                        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(duration)) }
                        if !Task.isShuttingDownGracefully && !Task.isCancelled {
                            ending.withLock { $0 = .durationElapsed }
                        }
                    },
                    successTerminationBehavior: .gracefullyShutdownGroup))
        }
        var configuration = ServiceGroupConfiguration(services: services, logger: logger)
        configuration.gracefulShutdownSignals = [.sigterm, .sigint]
        configuration.maximumGracefulShutdownDuration = .seconds(10)
        configuration.maximumCancellationDuration = .seconds(2)
        do {
            try await ServiceGroup(configuration: configuration).runExitingOnSecondSignal(command: "neuro-sim")
        } catch {
            ending.withLock { $0 = .serverFailed("\(error)") }
        }
        let reason = ending.withLock { $0 }
        logger.info("stopping", metadata: ["neuro.reason": "\(reason)"])

        recorder?.close()
        if let failure = recorder?.failure {
            logger.error("the recording is incomplete", metadata: ["error": "\(failure.message)"])
        }
        let finalReport = simulator.report()
        if let junit {
            try JUnitReport(report: finalReport).xml.write(toFile: junit, atomically: true, encoding: .utf8)
        }
        let text = finalReport.encoded() + "\n"
        if let report {
            try text.write(toFile: report, atomically: true, encoding: .utf8)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if case .serverFailed(let message) = reason {
            logger.critical("the server failed", metadata: ["error": "\(message)"])
            throw ExitCode.failure
        }
    }

    /// Forgets the latencies recorded so far on every SIGUSR1 (whose default action, ending the
    /// process, is replaced), until the process shuts down.
    private static func latencyResets(of simulator: NeuroSimulator) -> some Service {
        ClosureService {
            for await _ in await UnixSignalsSequence(trapping: .sigusr1).cancelOnGracefulShutdown() {
                simulator.resetLatencies()
            }
        }
    }

    /// Injects each fault at its time, until every one is injected or the process shuts down.
    private static func faultSchedule(_ faults: [ScheduledFault], server: NeuroSimServer, logger: Logger) -> some Service {
        ClosureService {
            await withDiscardingTaskGroup { group in
                for scheduled in faults {
                    group.addTask {
                        // Cut short (it throws) when the process shuts down first.
                        guard
                            (try? await cancelWhenGracefulShutdown({ try await Task.sleep(for: .seconds(scheduled.seconds)) }))
                                != nil
                        else { return }
                        await inject(scheduled.kind, server: server, logger: logger)
                    }
                }
            }
        }
    }

    /// Why the server stopped, for the log.
    private enum Ending: Sendable, CustomStringConvertible {
        case serverStopped
        case serverFailed(String)
        case durationElapsed

        var description: String {
            switch self {
            case .serverStopped: return "server stopped (a signal, or the listener closed)"
            case .serverFailed(let message): return "server failed: \(message)"
            case .durationElapsed: return "duration elapsed"
            }
        }
    }

    private enum FaultKind: String, CaseIterable {
        case reregister
        case shutdownGraceful = "shutdown-graceful"
        case shutdownCancel = "shutdown-cancel"
        case shutdownImmediate = "shutdown-immediate"
        case close
        case drop
        case restart
    }

    private struct ScheduledFault: Sendable {
        var seconds: Double
        var kind: FaultKind
    }

    private func faults() throws -> [ScheduledFault] {
        try fault.map { text in
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let seconds = Double(parts[0]), seconds >= 0, let kind = FaultKind(rawValue: parts[1])
            else {
                let kinds = FaultKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--fault \"\(text)\" must be SECONDS:KIND with KIND one of \(kinds)")
            }
            return ScheduledFault(seconds: seconds, kind: kind)
        }
    }

    private static func inject(_ kind: FaultKind, server: NeuroSimServer, logger: Logger) async {
        logger.info("injecting fault", metadata: ["neuro.fault": "\(kind.rawValue)"])
        let simulator = server.simulator
        do {
            switch kind {
            case .reregister: try await simulator.send(.reregisterAllActions)
            case .shutdownGraceful: try await simulator.send(.gracefulShutdownRequest(wantsShutdown: true))
            case .shutdownCancel: try await simulator.send(.gracefulShutdownRequest(wantsShutdown: false))
            case .shutdownImmediate: try await simulator.send(.immediateShutdownRequest)
            case .close: try await simulator.close(code: .goingAway, reason: "neuro-sim fault")
            case .drop: try simulator.drop()
            case .restart: server.restart()
            }
        } catch {
            logger.warning("fault failed", metadata: ["neuro.fault": "\(kind.rawValue)", "error": "\(error)"])
        }
    }

    private func parsedSpec() throws -> NeuroSimSpec {
        do {
            return try NeuroSimSpec(parsing: spec)
        } catch {
            throw ValidationError("--spec: \(error.message)")
        }
    }

    private func makeConfiguration(seed: UInt64) throws -> NeuroSimConfiguration {
        var configuration = NeuroSimConfiguration()
        configuration.seed = seed
        configuration.spec = try parsedSpec()
        configuration.isStrict = strict
        configuration.character =
            switch character {
            case "evil": .evil
            case "none": nil
            default: .neuro
            }
        configuration.forceDelay = .seconds(forceDelay)
        configuration.unforcedActionRate = unforcedRate
        configuration.isFlooding = flood
        configuration.dataPoolSize = dataPool
        configuration.badDataShare = badDataShare
        configuration.dropAfterMessages = dropAfter
        configuration.dropProbability = dropProbability
        let resultTimeout = self.resultTimeout.map { Duration.seconds($0) } ?? configuration.spec.resultTimeout
        configuration.resultTimeout = resultTimeout > .zero ? resultTimeout : nil
        configuration.isForceRetriedAfterTimeout = !noRetryAfterTimeout
        configuration.forceRetries = forceRetries
        configuration.lateThreshold = .seconds(lateThreshold)
        configuration.reregisterTimeout = .seconds(reregisterTimeout)
        configuration.shutdownReadyTimeout = .seconds(shutdownTimeout)
        configuration.sendsSpeechFinished = speech
        configuration.sendsReregisterAllOnConnect = reregisterOnConnect
        configuration.isCheckingAcrossGames = !noCrossGameChecks
        configuration.player = try playerOptions.parsed()
        return configuration
    }
}
