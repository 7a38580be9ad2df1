import ArgumentParser
import Foundation
import Logging
import NeuroAPI
import NeuroSim

/// `neuro-bench`: the host's performance against the Python reference and the wire's limit.
/// Benchmarks, not tests: `--smoke` only checks that every workload runs.
@main
struct NeuroBenchCommand: AsyncParsableCommand {
    /// NeuroSim (or the echo server) and the games share the machine's two cores. With one
    /// event loop per process, each process's busy thread keeps a core instead of the four
    /// threads time-slicing two cores, which stalls a loop, and every connection on it, for a
    /// scheduler slice. Children inherit the setting; setting the variable overrides it.
    static func main() async {
        setenv("NIO_SINGLETON_GROUP_LOOP_COUNT", "1", 0)
        await main(nil)
    }

    static let configuration = CommandConfiguration(
        commandName: "neuro-bench",
        abstract: "Benchmarks the host against the Python reference and a bare websocket echo.",
        discussion: """
            Build in release for real figures: swift build -c release --product neuro-bench --product neuro-sim. \
            Without a subcommand, --smoke runs every workload for a moment with a few games (for CI).
            """,
        subcommands: [
            Roundtrip.self, Idle.self, Storm.self, Floor.self, HotPath.self, Soak.self, Relay.self, EchoServer.self,
            SoakHost.self,
        ]
    )

    @Flag(help: "Run every workload briefly with a few games and exit 0 if they all ran.") var smoke = false
    @OptionGroup var paths: PathOptions

    func run() async throws {
        guard smoke else { throw CleanExit.helpRequest(self) }
        let environment = try paths.environment(phaseTimeout: .seconds(60))
        let roundtrip = try await runRoundtrip(games: 3, seconds: 1, in: environment)
        print(Table.roundtrip([(roundtrip, nil)]))
        guard roundtrip.results > 0, roundtrip.failures == 0, roundtrip.violations == 0 else {
            throw NeuroError(
                code: .benchFailed, message: "smoke: the round trip answered no actions, failed some or broke the protocol")
        }
        let withDashboard = try await runHostRoundtrip(
            games: 3, seconds: 1, rate: 0, withDashboard: true, in: environment)
        print(Table.dashboard([(roundtrip, withDashboard)]))
        guard withDashboard.results > 0, withDashboard.violations == 0 else {
            throw NeuroError(code: .benchFailed, message: "smoke: the round trip with the dashboard answered no actions")
        }
        let idle = try await runIdle(games: 5, in: environment)
        print(Table.idle([idle]))
        let storm = try await runStorm(games: 5, restartAfter: 3, in: environment)
        print(Table.storm([storm]))
        let floor = try await runFloor(games: 3, seconds: 1, in: environment)
        print(Table.floor([floor]))
        guard floor.roundTrips > 0 else { throw NeuroError(code: .benchFailed, message: "smoke: no echo round trips") }
        print(Table.hotPath([try runHotPath(actions: 1_000), try runHotPath(actions: 1_000, typed: true)]))
        let relayed = try await runRelayRoundtrip(games: 3, seconds: 1, throughRelay: true, in: environment)
        print(Table.relay([(roundtrip, relayed)]))
        guard relayed.results > 0, relayed.violations == 0 else {
            throw NeuroError(
                code: .benchFailed, message: "smoke: the relayed round trip answered no actions or broke the protocol")
        }
        // One game of each kind, a few faults; the memory and descriptor tolerances are for
        // long runs, so only the counts and the checks must hold.
        let soak = try await SoakRun(
            options: SoakOptions(games: 6, seconds: 12, warmup: 4, faultInterval: 1), environment: environment
        ).run()
        print(soak.table)
        guard soak.correctnessProblems.isEmpty else {
            throw NeuroError(
                code: .benchFailed, message: "smoke: the soak failed: \(soak.correctnessProblems.joined(separator: "; "))")
        }
        print("smoke: every workload ran")
    }
}

/// Where the executables are. By default next to this one (the same build directory).
struct PathOptions: ParsableArguments {
    @Option(help: "The neuro-sim executable (default: next to neuro-bench).") var sim: String?
    @Option(help: "A Python with neuro-api 4.0.0 for the reference run (e.g. .venv-bench/bin/python).")
    var python: String?
    @Option(help: "The Python reference script.") var pythonScript = "bench/python_reference.py"

    func environment(phaseTimeout: Duration = .seconds(120)) throws -> BenchEnvironment {
        let bench = Self.ownExecutable()
        let sim = self.sim ?? URL(fileURLWithPath: bench).deletingLastPathComponent().appendingPathComponent("neuro-sim").path
        guard FileManager.default.isExecutableFile(atPath: sim) else {
            throw ValidationError("no neuro-sim at \(sim): build it (swift build --product neuro-sim) or pass --sim")
        }
        return BenchEnvironment(
            simPath: sim, benchPath: bench, pythonPath: python, pythonScript: pythonScript, phaseTimeout: phaseTimeout)
    }

    static func ownExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

extension NeuroBenchCommand {
    struct Roundtrip: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "N games answer a NeuroSim flood: throughput, latency, CPU per 100,000 actions.")
        @Option(help: "Numbers of games, comma-separated.") var games = "1,10,100,1000"
        @Option(help: "Seconds measured per run (after every game has answered once).") var seconds = 10.0
        @Option(help: "Actions per second per game, paced by NeuroSim; 0 floods (the next action as soon as the result arrives).")
        var rate = 0.0
        @Option(
            help: """
                Swift and Python runs per number of games, interleaved (Swift, Python, Swift, …), so that the \
                machine's drift hits both sides alike; the summary gives the median ratio.
                """)
        var pairs = 1
        @Flag(
            help: """
                Run the games as neuro-host does (supervisors), each pair without then with the dashboard \
                (activity recorded, a client reading the live stream), instead of Swift against Python.
                """)
        var dashboard = false
        @OptionGroup var paths: PathOptions

        func run() async throws {
            guard (1...20).contains(pairs) else { throw ValidationError("--pairs must be 1 to 20, not \(pairs)") }
            let environment = try paths.environment()
            if dashboard {
                var rows: [(RoundtripResult, RoundtripResult)] = []
                for count in try parseCounts(games) {
                    for _ in 0..<pairs {
                        let off = try await runHostRoundtrip(
                            games: count, seconds: seconds, rate: rate, withDashboard: false, in: environment)
                        let on = try await runHostRoundtrip(
                            games: count, seconds: seconds, rate: rate, withDashboard: true, in: environment)
                        rows.append((off, on))
                        print(Table.dashboard([(off, on)]))
                    }
                }
                print(Table.dashboard(rows))
                return
            }
            var rows: [(RoundtripResult, RoundtripResult?)] = []
            for count in try parseCounts(games) {
                for _ in 0..<pairs {
                    let swift = try await runRoundtrip(games: count, seconds: seconds, rate: rate, in: environment)
                    let python = try await environment.pythonPath.asyncMap {
                        try await runPythonRoundtrip(games: count, seconds: seconds, rate: rate, python: $0, in: environment)
                    }
                    rows.append((swift, python))
                    print(Table.roundtrip([(swift, python)]))
                }
            }
            print(Table.roundtrip(rows))
            if pairs > 1, environment.pythonPath != nil { print(Table.roundtripRatios(rows)) }
        }
    }

    struct Idle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resident memory per connected idle game.")
        @Option(help: "Numbers of games, comma-separated.") var games = "1000"
        @OptionGroup var paths: PathOptions

        func run() async throws {
            let environment = try paths.environment()
            print(Table.idle(try await rows(forGames: games) { try await runIdle(games: $0, in: environment) }))
        }
    }

    struct Storm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time for N games to connect and register, and to come back after NeuroSim restarts.")
        @Option(help: "Numbers of games, comma-separated.") var games = "1000"
        @Option(help: "Seconds after NeuroSim starts at which it restarts.") var restartAfter = 10.0
        @OptionGroup var paths: PathOptions

        func run() async throws {
            let environment = try paths.environment()
            let results = try await rows(forGames: games) {
                try await runStorm(games: $0, restartAfter: restartAfter, in: environment)
            }
            print(Table.storm(results))
        }
    }

    struct Floor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bare websocket ping-pong against an echo server process: the wire's limit.")
        @Option(help: "Numbers of clients, comma-separated.") var games = "1,10,100,1000"
        @Option(help: "Seconds measured per run.") var seconds = 10.0
        @OptionGroup var paths: PathOptions

        func run() async throws {
            let environment = try paths.environment()
            let results = try await rows(forGames: games) { try await runFloor(games: $0, seconds: seconds, in: environment) }
            print(Table.floor(results))
        }
    }

    struct HotPath: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The game side's own work per action, without a socket (decode, validate, perform, encode).")
        @Option(help: "Actions per run.") var actions = 1_000_000
        @Option(help: "Runs; the table shows each.") var runs = 3
        @Flag(help: "Decode each action's data into a Decodable type, as a typed plugin's rule gets it.") var typed = false

        func validate() throws {
            guard actions > 0, runs > 0 else { throw ValidationError("--actions and --runs must be positive") }
        }

        func run() async throws {
            var rows: [HotPathResult] = []
            for _ in 0..<runs { rows.append(try runHotPath(actions: actions, typed: typed)) }
            print(Table.hotPath(rows))
        }
    }

    struct EchoServer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A bare websocket echo server on 127.0.0.1 (for the floor).", shouldDisplay: false)
        @Option(help: "Write the bound port to this file once listening.") var portFile: String
        @Option(help: "The port; 0 picks a free one.") var port = 0

        func run() async throws {
            let logger = Logger(label: "neuro.bench.echo", factory: { _ in SwiftLogNoOpLogHandler() })
            let listener = WebSocketListener(
                host: "127.0.0.1", port: port, configuration: .init(pingInterval: nil), logger: logger)
            let portFile = self.portFile
            try await listener.run(onListening: { port in
                try? "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
            }) { transport, _ in
                await withTaskExecutorPreference(transport.preferredTaskExecutor) {
                    while case .text(let text)? = try? await transport.receive() {
                        do { try await transport.send(text) } catch { break }
                    }
                }
            }
        }
    }
}

/// One row of a workload per number of games in `games` (`--games 1,10,100`), in that order.
func rows<Row>(forGames games: String, _ workload: (Int) async throws -> Row) async throws -> [Row] {
    var rows: [Row] = []
    for count in try parseCounts(games) { rows.append(try await workload(count)) }
    return rows
}

func parseCounts(_ text: String) throws -> [Int] {
    try text.split(separator: ",").map {
        guard let count = Int($0.trimmingCharacters(in: .whitespaces)), count > 0 else {
            throw ValidationError("--games \"\(text)\" must be positive whole numbers separated by commas")
        }
        return count
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
