import ArgumentParser
import CommandSupport
import Foundation
import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroDashboard
import NeuroHost

/// `neuro-host`'s command line: parses and checks the options; ``run(catalog:bootstrapsLogging:)`` checks the
/// configuration against the catalog in use, then runs a ``HostProcess``.
///
/// Not an `AsyncParsableCommand` with `@main`: ArgumentParser's `main` cannot be handed a value,
/// and the catalog is one. ``NeuroHostMain`` parses, then calls ``run(catalog:bootstrapsLogging:)``.
struct NeuroHostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neuro-host",
        abstract: "Play several text games against Neuro at once, each on its own supervised connection.",
        discussion: """
            The games come from --config FILE, else the embedded default (the built-in games as in \
            the repository's games.json, a copy to start from, and one game of each plugin of your \
            own). Each game's URL is --url, else NEURO_SDK_WS_URL, else the game's own "url" in the \
            file, else the file's top-level "url", else ws://localhost:8000. With --simulate, NeuroSim (a Neuro stand-in) runs in-process on \
            an ephemeral port and every game plays against it, and the exit summary carries its \
            report under "neuroSim".

            --print-schema writes the JSON Schema of games.json for the plugins of this host; save it \
            (neuro-host --print-schema > games.schema.json) and name it in the file's top-level \
            "$schema" ("$schema": "./games.schema.json") for an editor's completion and checks.

            SIGINT or SIGTERM: every game saves, unregisters its actions and closes with 1001; a \
            second signal exits at once (130). Exit code 2 for usage and configuration errors.
            """
    )

    @Option(name: .long, help: "The games file, e.g. games.json (default: the embedded default, a game of every plugin).")
    var config: String?

    @Option(name: .long, help: "Neuro's websocket URL for every game; overrides NEURO_SDK_WS_URL and the file's URLs.")
    var url: String?

    @Option(
        name: .long,
        help: """
            Listen on HOST:PORT for games written with any SDK (they connect as to Neuro, NEURO_SDK_WS_URL) and \
            host each like a built-in game; overrides "relay.listen" of games.json.
            """)
    var relay: String?

    @Flag(name: .long, help: "Run NeuroSim in-process on an ephemeral port and play every game against it.")
    var simulate = false

    @Option(name: .long, help: "Stop cleanly after this many seconds.")
    var duration: Double?

    @Option(
        name: .long,
        help: "trace, debug, info, notice, warning, error or critical (default: warning with the live table, else info).")
    var logLevel: String?

    @Option(name: .long, help: "The live status view: auto, table, lines or off.")
    var status: StatusMode = .auto

    @Option(name: .long, help: "Seconds between status refreshes (default: 1 for the table, 10 for lines).")
    var statusInterval: Double?

    @Option(
        name: .long,
        help: """
            Seconds a game may hold the force slot it shares with the other games on one Neuro; then it \
            withdraws its force and the slot moves on.
            """)
    var forceTimeout: Double = 60

    @Option(
        name: .long,
        help: """
            Seconds without any action from Neuro after a failed forced action before a game takes the force \
            as abandoned (Neuro gives up on it silently), withdraws it and forces again.
            """)
    var abandonedForceTimeout: Double = 5

    @Option(
        name: .long,
        help: """
            Serve the web dashboard on [HOST:]PORT (HOST defaults to 127.0.0.1; port 0 picks a free one). \
            On by default with --simulate (127.0.0.1:0); the URL is printed on standard error.
            """)
    var dashboard: String?

    @Flag(name: .long, help: "No dashboard, even with --simulate.")
    var noDashboard = false

    @Option(
        name: .long,
        help: """
            The token the dashboard requires on every request (also NEURO_DASHBOARD_TOKEN); required when it \
            binds an address other than loopback.
            """)
    var dashboardToken: String?

    @Option(name: .long, help: "Write the dashboard's port to this file once it listens.")
    var dashboardPortFile: String?

    @Option(
        name: .long,
        help: """
            The seed of every game's randomness (default: random); with it, games sharing a Neuro \
            also force in turns (see --force-order), so a run repeats.
            """
    )
    var seed: UInt64?

    @Option(
        name: .long,
        help: """
            How games sharing a Neuro take its force slot: arrival (first come, first served) or \
            turns (in configuration order, so the order of forces repeats; a replay needs it). \
            Default: turns with --seed, arrival without.
            """
    )
    var forceOrder: ForceOrder?

    @Option(name: .long, help: "Write the exit summary (JSON) to this file instead of standard output.")
    var summary: String?

    @Option(
        name: .long,
        help: "Record every frame of every game connection, both ways, in DIR: a JSON-lines file per game and attempt.")
    var record: String?

    @Flag(name: .long, help: "Check the configuration, print what would run, and exit.")
    var dryRun = false

    @Flag(name: .long, help: "List the game plugins (built-in and your own) and exit.")
    var list = false

    @Flag(name: .long, help: "Print the JSON Schema of games.json for these plugins and exit.")
    var printSchema = false

    @OptionGroup(title: "NeuroSim's player (with --simulate)") var simulatedPlayer: SimulatedPlayerOptions

    enum StatusMode: String, ExpressibleByArgument, CaseIterable {
        case auto, table, lines, off
    }

    /// `--force-order`: how games sharing a Neuro take its force slot.
    enum ForceOrder: String, ExpressibleByArgument, CaseIterable {
        case arrival, turns
    }

    /// Whether games sharing a Neuro take the force slot in turns: `--force-order`, or turns
    /// when a `--seed` makes the run repeatable.
    var forcesInTurns: Bool { (forceOrder ?? (seed != nil ? .turns : .arrival)) == .turns }

    func validate() throws {
        if let duration, !(duration > 0 && duration <= 31_536_000) {
            throw ValidationError("--duration must be a number of seconds above 0, e.g. --duration 30")
        }
        if let statusInterval, !(statusInterval >= 0.1 && statusInterval <= 3600) {
            throw ValidationError("--status-interval must be between 0.1 and 3600 seconds")
        }
        if !(forceTimeout >= 1 && forceTimeout <= 3600) {
            throw ValidationError("--force-timeout must be between 1 and 3600 seconds, e.g. --force-timeout 60")
        }
        if !(abandonedForceTimeout >= 0.1 && abandonedForceTimeout <= 3600) {
            throw ValidationError(
                "--abandoned-force-timeout must be between 0.1 and 3600 seconds, e.g. --abandoned-force-timeout 5")
        }
        if let logLevel, Logger.Level(rawValue: logLevel.lowercased()) == nil {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        if let url { try NeuroURL.validate(url) }
        if let relay, case .failure(let error) = RelayConfiguration.parse(address: relay) {
            throw ValidationError("--relay: \(error)")
        }
        if simulate, url != nil { throw ValidationError("--simulate and --url cannot be used together") }
        if try simulatedPlayer.parsed() != .random, !simulate { throw ValidationError("--player llm needs --simulate") }
        if dashboard != nil, noDashboard { throw ValidationError("--dashboard and --no-dashboard cannot be used together") }
        do {
            try dashboardConfiguration()?.validate()
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// The dashboard's configuration, or `nil` when it is off.
    func dashboardConfiguration() throws(DashboardError) -> DashboardConfiguration? {
        guard !noDashboard, dashboard != nil || simulate else { return nil }
        let (host, port) = try dashboard.map(DashboardConfiguration.parse(address:)) ?? ("127.0.0.1", 0)
        let token = dashboardToken ?? ProcessInfo.processInfo.environment["NEURO_DASHBOARD_TOKEN"]
        return DashboardConfiguration(host: host, port: port, token: token)
    }

    /// Runs the command with the plugins of `catalog`: `--print-schema`, `--list`, `--dry-run`,
    /// or the host itself until it stops.
    /// - Parameters:
    ///   - catalog: the plugins `games.json` may name; checked already (no `GameCatalog.problems`).
    ///   - bootstrapsLogging: whether to set up swift-log for the process (standard error, at
    ///     `--log-level`); swift-log allows it once per process.
    /// - Throws: `ExitCode(2)` after printing configuration errors; what the host throws.
    func run(catalog: GameCatalog, bootstrapsLogging: Bool) async throws {
        if printSchema {
            print(HostConfiguration.jsonSchema(for: catalog).prettyText)
            return
        }
        if list {
            for line in catalog.listing { print(line) }
            return
        }
        let isTerminal = isatty(STDOUT_FILENO) != 0
        let statusMode = status == .auto ? (isTerminal ? .table : .lines) : status
        let level = logLevel.flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? (statusMode == .table ? .warning : .info)
        if bootstrapsLogging { LoggingSystem.bootstrapStandardError(level: level) }
        let logger = Logger(label: "neuro.host")

        let (configuration, file) = try loadConfiguration(catalog: catalog)
        let seed = self.seed ?? UInt64.random(in: 0...UInt64.max)
        if dryRun {
            do {
                // Creating the games checks every plugin's settings again; nothing connects.
                _ = try GameHost(
                    configuration: configuration, catalog: catalog, file: file, connector: WebSocketConnector(logger: logger),
                    clock: ContinuousClock(), seed: seed, saveDirectory: nil, logger: logger)
            } catch {
                FileHandle.standardError.write(Data("neuro-host: the configuration has errors:\n\(error)\n".utf8))
                throw ExitCode(InvalidConfiguration.exitCode)
            }
            printDryRun(configuration, file: file)
            return
        }
        let needed = DescriptorLimit.needed(games: configuration.enabledGames.count, simulate: simulate)
        if let limit = DescriptorLimit.raiseToHardLimit(), limit < needed {
            logger.warning(
                "the open-file limit is too low for this many games; raise it (ulimit -n) or some will fail to connect",
                metadata: ["neuro.limit": "\(limit)", "neuro.needed": "\(needed)"])
        }
        let started = ContinuousClock.now
        let process = HostProcess(
            configuration: configuration,
            catalog: catalog,
            file: file,
            seed: seed,
            forcesInTurns: forcesInTurns,
            simulate: simulate,
            player: try simulatedPlayer.parsed(),
            duration: duration.map { .milliseconds(Int64($0 * 1000)) },
            statusMode: statusMode,
            statusInterval: .milliseconds(Int64((statusInterval ?? (statusMode == .table ? 1 : 10)) * 1000)),
            forceTimeout: .milliseconds(Int64(forceTimeout * 1000)),
            abandonedForceTimeout: .milliseconds(Int64(abandonedForceTimeout * 1000)),
            dashboard: try dashboardConfiguration(),
            dashboardPortFile: dashboardPortFile,
            recordDirectory: record,
            logger: logger
        )
        let outcome = try await process.run()
        let elapsed = ContinuousClock.now - started
        let result = HostSummary(
            secondsRunning: elapsed.inSeconds,
            url: outcome.url,
            games: outcome.statuses,
            neuroSim: outcome.neuroSimReport
        )
        if let summary {
            do {
                try Data(result.json().utf8).write(to: URL(fileURLWithPath: summary), options: .atomic)
            } catch {
                logger.error("could not write the summary", metadata: ["error": "\(error)", "neuro.path": "\(summary)"])
                print(result.json())
            }
        } else {
            print(result.json())
        }
    }

    /// Loads and checks the configuration against the catalog; exits with 2 on any error.
    private func loadConfiguration(catalog: GameCatalog) throws -> (HostConfiguration, String) {
        var (configuration, file) = try loadConfigurationFile(catalog: catalog)
        if let relay, case .success(let address) = RelayConfiguration.parse(address: relay) {
            let upstream = HostConfiguration.resolveURL(
                flag: url, environment: ProcessInfo.processInfo.environment, game: nil, file: configuration.url)
            configuration.relay = RelayConfiguration(
                host: address.host, port: address.port, prefixes: configuration.relay?.prefixes ?? [:], url: upstream.url)
        }
        return (configuration, file)
    }

    private func loadConfigurationFile(catalog: GameCatalog) throws -> (HostConfiguration, String) {
        do {
            if let config {
                return (try HostConfiguration.load(path: config, catalog: catalog, urlFlag: url), config)
            }
            let file = "<embedded default>"
            return (
                try HostConfiguration.decode(
                    text: HostConfiguration.embeddedDefault(for: catalog), file: file, catalog: catalog, urlFlag: url),
                file
            )
        } catch {
            FileHandle.standardError.write(Data("neuro-host: the configuration has errors:\n\(error)\n".utf8))
            throw ExitCode(InvalidConfiguration.exitCode)
        }
    }

    private func printDryRun(_ configuration: HostConfiguration, file: String) {
        print("configuration: \(file)")
        // Games sharing one Neuro (every game, with --simulate) share one force slot and get
        // an action-name prefix each, as GameHost gives them.
        var perURL: [String: Int] = [:]
        for game in configuration.enabledGames { perURL[simulate ? "" : game.url, default: 0] += 1 }
        if let relay = configuration.relay {
            perURL[simulate ? "" : relay.url, default: 0] += 2
            print("relay: ws://\(relay.host):\(relay.port) url=\(simulate ? "(simulated)" : relay.url)")
        }
        for game in configuration.games {
            let url = simulate ? "(simulated)" : game.url
            let prefix = (perURL[simulate ? "" : game.url] ?? 0) > 1 ? game.namePrefix + "_" : "(none)"
            print(
                "- \(game.title) [\(game.plugin)]\(game.isEnabled ? "" : " (disabled)") url=\(url) (from \(game.urlSource)) "
                    + "action-name-prefix=\(prefix)")
        }
    }
}
