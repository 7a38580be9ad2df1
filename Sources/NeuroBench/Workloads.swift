import Foundation
import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroHost
import NeuroSim
import ServiceLifecycle
import Synchronization

/// Where the benchmarks find their executables and how long they may wait.
struct BenchEnvironment: Sendable {
    /// `neuro-sim`.
    var simPath: String
    /// This executable (the echo server runs as `neuro-bench echo-server`).
    var benchPath: String
    /// A Python interpreter with `neuro-api` 4.0.0, for the reference; `nil` skips it.
    var pythonPath: String?
    /// `bench/python_reference.py`.
    var pythonScript: String
    /// How long any one phase (connecting, registering) may take before the run fails.
    var phaseTimeout: Duration = .seconds(120)

    let logger = Logger(label: "neuro.bench", factory: { _ in SwiftLogNoOpLogHandler() })

    var connector: WebSocketConnector {
        // Handshakes of a thousand games at once on two cores take longer than a single one.
        WebSocketConfiguration(handshakeTimeout: .seconds(60), pingInterval: nil).connector(logger: logger)
    }

    /// Starts `neuro-sim` on 127.0.0.1, port 0, reporting to `{dir}/report.json`.
    func startSim(_ extra: [String]) async throws -> (ChildProcess, Int) {
        let sim = try ChildProcess(
            name: "neuro-sim", executable: simPath,
            arguments: [
                "--host", "127.0.0.1", "--port", "0", "--port-file", "{dir}/port", "--report", "{dir}/report.json",
                "--seed", "1", "--log-level", "error",
            ] + extra)
        do {
            return (sim, try await sim.port())
        } catch {
            await sim.stop()
            sim.cleanUp()
            throw error
        }
    }
}

extension WebSocketConfiguration {
    fileprivate func connector(logger: Logger) -> WebSocketConnector {
        WebSocketConnector(configuration: self, logger: logger)
    }
}

/// Waits, bounded by `timeout`, until `condition` holds.
func waitUntil(
    _ what: String, timeout: Duration, _ condition: () -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else {
            throw NeuroError(code: .benchFailed, message: "timed out after \(timeout) waiting for \(what)")
        }
        // A load generator sampling counters: the instants that matter are recorded where they
        // happen (ConnectionProbe), so the poll interval does not bias the timings.
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// The measured window of a round trip: makes NeuroSim forget the latencies so far (the ramp-up),
/// then counts the accepted actions and this process's CPU seconds over `window` seconds.
func measureWindow(
    seconds window: Double, sim: ChildProcess, accepted: () -> Int, into result: inout RoundtripResult
) async throws {
    sim.send(signal: SIGUSR1)
    let (startCount, startCPU, start) = (accepted(), ResourceUsage.cpuSeconds(), ContinuousClock.now)
    try await Task.sleep(for: .seconds(window))
    let (endCount, endCPU, end) = (accepted(), ResourceUsage.cpuSeconds(), ContinuousClock.now)
    result.results = endCount - startCount
    result.cpuSeconds = endCPU - startCPU
    result.seconds = (end - start).inSeconds
}

/// Once `isReady` (every game has answered its first action), measures the window, then
/// cancels the group's children (the games stop without reconnecting) and stops NeuroSim, which
/// writes its report; when the wait or the window fails, cancels and stops all the same.
func measureWindowThenStop(
    _ group: inout ThrowingTaskGroup<Void, any Error>, waitingFor what: String, timeout: Duration,
    until isReady: () -> Bool, seconds window: Double, sim: ChildProcess, accepted: () -> Int,
    into result: inout RoundtripResult
) async throws {
    do {
        try await waitUntil(what, timeout: timeout, isReady)
        try await measureWindow(seconds: window, sim: sim, accepted: accepted, into: &result)
    } catch {
        group.cancelAll()
        await sim.stop()
        throw error
    }
    group.cancelAll()
    try? await group.waitForAll()
    await sim.stop()
}

// MARK: - Round trip

/// Throughput, latency and CPU of N games answering a NeuroSim flood.
struct RoundtripResult: Sendable {
    var games: Int
    var results: Int
    var seconds: Double
    var cpuSeconds: Double
    var latencyP50: Double?
    var latencyP99: Double?
    var latencyMax: Double?
    var failures: Int
    /// Protocol violations NeuroSim saw (a duplicate or unknown result, a timeout, …).
    var violations: Int = 0
    var throughput: Double { seconds > 0 ? Double(results) / seconds : 0 }
    /// CPU seconds of the game process per 100,000 actions.
    var cpuPer100k: Double { results > 0 ? cpuSeconds / Double(results) * 100_000 : 0 }
}

extension RoundtripResult {
    /// Takes the latencies and the violation count from NeuroSim's report.
    mutating func read(simReport report: [String: Any]) {
        let totals = report["totals"] as? [String: Any]
        let latency = totals?["latencyMilliseconds"] as? [String: Any]
        (latencyP50, latencyP99, latencyMax) =
            (latency?["p50"] as? Double, latency?["p99"] as? Double, latency?["max"] as? Double)
        violations = report["violationCount"] as? Int ?? 0
    }
}

/// NeuroSim's arguments for a round trip: a flood, or `rate` unforced actions per second per game.
func roundtripSimArguments(rate: Double) -> [String] {
    // A pool of 64 data values per action: making and checking fresh data for every action
    // would cost NeuroSim, which shares the machine, more than the game spends answering it.
    // NEURO_BENCH_RECORD=1: NeuroSim records every frame (`--record`), to measure what that costs.
    let record = ProcessInfo.processInfo.environment["NEURO_BENCH_RECORD"] == "1" ? ["--record", "{dir}/record.jsonl"] : []
    return (rate > 0 ? ["--unforced-rate", "\(rate)"] : ["--flood"]) + ["--no-cross-game-checks", "--data-pool", "64"]
        + record
}

func runRoundtrip(
    games: Int, seconds window: Double, rate: Double = 0, in environment: BenchEnvironment
) async throws -> RoundtripResult {
    let (sim, port) = try await environment.startSim(roundtripSimArguments(rate: rate))
    defer { sim.cleanUp() }
    let url = "ws://127.0.0.1:\(port)"
    let connector = environment.connector
    let sessions = (0..<games).map {
        GameSession(
            title: "Bench \($0)", plugin: BenchGame(),
            options: GameSessionOptions(
                savesAfterEveryAction: false, watchesForAbandonedForces: false, logger: environment.logger))
    }
    let ended = Counter()
    func accepted() -> Int { sessions.reduce(0) { $0 + $1.statistics.actionsAccepted } }
    func failures() -> Int { sessions.reduce(0) { $0 + $1.statistics.failures } }

    var result = RoundtripResult(games: games, results: 0, seconds: 0, cpuSeconds: 0, failures: 0)
    try await withThrowingDiscardingTaskGroup { group in
        for session in sessions {
            group.addTask {
                defer { ended.add() }
                _ = try? await connector.withConnection(to: url) { try await session.play(on: $0) }
            }
        }
        do {
            try await waitUntil("every game's first action", timeout: environment.phaseTimeout) {
                sessions.allSatisfy { $0.statistics.actionsAccepted > 0 } || ended.value > 0
            }
            guard ended.value == 0 else {
                throw NeuroError(code: .benchFailed, message: "a game's connection ended before the measurement")
            }
            // NeuroSim's latencies from here on only: the connection ramp-up is left out.
            try await measureWindow(seconds: window, sim: sim, accepted: accepted, into: &result)
        } catch {
            await sim.stop()
            throw error
        }
        // Stopping NeuroSim closes every connection, which ends every session.
        await sim.stop()
    }
    result.failures = failures()
    result.read(simReport: try sim.jsonObject("report.json"))
    return result
}

/// The same flood against the Python reference (`bench/python_reference.py`).
func runPythonRoundtrip(
    games: Int, seconds window: Double, rate: Double = 0, python: String, in environment: BenchEnvironment
) async throws -> RoundtripResult {
    let (sim, port) = try await environment.startSim(roundtripSimArguments(rate: rate))
    defer { sim.cleanUp() }
    let reference = try ChildProcess(
        name: "python_reference.py", executable: python,
        arguments: [
            environment.pythonScript, "--url", "ws://127.0.0.1:\(port)", "--games", "\(games)", "--seconds", "\(window)",
            "--output", "{dir}/result.json", "--sim-pid", "\(sim.processIdentifier)",
        ])
    defer { reference.cleanUp() }
    let status = await reference.waitForExit()
    await sim.stop()
    guard status == 0 else {
        throw NeuroError(code: .benchFailed, message: "python_reference.py exited with status \(status)")
    }
    let output = try reference.jsonObject("result.json")
    var result = RoundtripResult(
        games: games, results: output["results"] as? Int ?? 0, seconds: output["seconds"] as? Double ?? 0,
        cpuSeconds: output["cpu_seconds"] as? Double ?? 0, failures: output["failures"] as? Int ?? 0)
    result.read(simReport: try sim.jsonObject("report.json"))
    return result
}

// MARK: - Idle

/// Resident memory of N connected, idle games.
struct IdleResult: Sendable {
    var games: Int
    var residentBefore: Int
    var residentAfter: Int
    var bytesPerGame: Double { games > 0 ? Double(residentAfter - residentBefore) / Double(games) : 0 }
}

func runIdle(games: Int, in environment: BenchEnvironment) async throws -> IdleResult {
    // No flood, no unforced actions, and the game never forces: the connections stay idle.
    let (sim, port) = try await environment.startSim(["--no-cross-game-checks"])
    defer { sim.cleanUp() }
    let url = "ws://127.0.0.1:\(port)"
    let probe = ConnectionProbe()
    let connector = ProbingConnector(base: environment.connector, probe: probe)
    var before = 0
    var after = 0
    try await withThrowingDiscardingTaskGroup { group in
        func play(_ session: GameSession<BenchGame>) {
            group.addTask {
                _ = try? await connector.withConnection(to: url) { try await session.play(on: $0) }
            }
        }
        // One warm-up game first, not counted: the event loop threads, NIO's and the runtime's
        // first allocations are a fixed cost, not a per-game one.
        play(
            GameSession(
                title: "Warm-up", plugin: BenchGame(),
                options: GameSessionOptions(
                    savesAfterEveryAction: false, watchesForAbandonedForces: false, logger: environment.logger)))
        do {
            try await waitUntil("the warm-up game's registration", timeout: environment.phaseTimeout) {
                probe.snapshot.registrations >= 1
            }
            try await Task.sleep(for: .seconds(1))
            before = ResourceUsage.residentBytes() ?? 0
            for index in 0..<games {
                play(
                    GameSession(
                        title: "Bench \(index)", plugin: BenchGame(),
                        options: GameSessionOptions(
                            savesAfterEveryAction: false, watchesForAbandonedForces: false, logger: environment.logger)))
            }
            try await waitUntil("\(games) registrations", timeout: environment.phaseTimeout) {
                probe.snapshot.registrations >= games + 1
            }
            // Let the last frames and buffers settle before reading the memory.
            try await Task.sleep(for: .seconds(1))
            after = ResourceUsage.residentBytes() ?? 0
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }
    return IdleResult(games: games, residentBefore: before, residentAfter: after)
}

// MARK: - Storm

/// Time for N supervised games to connect and register, then to come back after a restart.
struct StormResult: Sendable {
    var games: Int
    var connectSeconds: Double
    var reconnectSeconds: Double
    var backoffSeconds: Double
}

func runStorm(games: Int, restartAfter: Double, in environment: BenchEnvironment) async throws -> StormResult {
    let (sim, port) = try await environment.startSim(["--no-cross-game-checks", "--fault", "\(restartAfter):restart"])
    defer { sim.cleanUp() }
    let start = ContinuousClock.now
    let probe = ConnectionProbe()
    let connector = ProbingConnector(base: environment.connector, probe: probe)
    let backoff = Duration.milliseconds(1)
    let policy = RestartPolicy(initialDelay: backoff, maximumDelay: backoff, jitter: 0, healthyAfter: .milliseconds(1))
    let supervisors = (0..<games).map { index in
        GameSupervisor(
            game: GameSession(
                title: "Bench \(index)", plugin: BenchGame(),
                options: GameSessionOptions(
                    savesAfterEveryAction: false, watchesForAbandonedForces: false, logger: environment.logger)),
            url: "ws://127.0.0.1:\(port)", restartPolicy: policy, connector: connector, clock: ContinuousClock(),
            seed: UInt64(index), logger: environment.logger)
    }
    var result = StormResult(games: games, connectSeconds: 0, reconnectSeconds: 0, backoffSeconds: backoff.inSeconds)
    // The games run as neuro-host runs them, in a `GameHost`, and stop (each saying goodbye,
    // all at once) on the group's graceful shutdown.
    var supervisionConfiguration = ServiceGroupConfiguration(
        services: [.init(service: GameHost(supervisors: supervisors, logger: environment.logger))],
        logger: environment.logger)
    // Bounded: at 2,000 games some supervisors did not return from the graceful shutdown once
    // NeuroSim had stopped, and the storm never printed its table.
    supervisionConfiguration.maximumGracefulShutdownDuration = .seconds(10)
    supervisionConfiguration.maximumCancellationDuration = .seconds(5)
    let supervision = ServiceGroup(configuration: supervisionConfiguration)
    try await withThrowingDiscardingTaskGroup { group in
        group.addTask { try await supervision.run() }
        do {
            try await waitUntil("\(games) registrations", timeout: environment.phaseTimeout) {
                probe.snapshot.registrations >= games
            }
            result.connectSeconds = ((probe.registrationInstant(games) ?? start) - start).inSeconds
            guard probe.snapshot.disconnections == 0 else {
                throw NeuroError(
                    code: .benchFailed,
                    message: "games disconnected before all \(games) registered; raise --restart-after")
            }
            try await waitUntil("\(games) re-registrations after the restart", timeout: environment.phaseTimeout) {
                probe.snapshot.registrations >= 2 * games
            }
            let restart = probe.snapshot.firstDisconnection ?? start
            result.reconnectSeconds = ((probe.registrationInstant(2 * games) ?? restart) - restart).inSeconds
        } catch {
            await supervision.triggerGracefulShutdown()
            await sim.stop()
            throw error
        }
        await supervision.triggerGracefulShutdown()
        await sim.stop()
    }
    return result
}

// MARK: - Echo floor

/// Round trips per second of bare websocket ping-pong: the wire's own limit.
struct FloorResult: Sendable {
    var games: Int
    var roundTrips: Int
    var seconds: Double
    var cpuSeconds: Double
    /// Send-to-echo times of the round trips in the window, measured by each client.
    var latency = LatencyHistogram()
    var throughput: Double { seconds > 0 ? Double(roundTrips) / seconds : 0 }
}

/// A frame the size of an `action` (the echo is the size of its result).
let floorFrame = #"{"command":"action","data":{"id":"a1b2c3d4","name":"move","data":"{\"x\":3,\"y\":4,\"speed\":\"walk\"}"}}"#

func runFloor(games: Int, seconds window: Double, in environment: BenchEnvironment) async throws -> FloorResult {
    let server = try ChildProcess(
        name: "echo server", executable: environment.benchPath, arguments: ["echo-server", "--port-file", "{dir}/port"])
    defer { server.cleanUp() }
    let port: Int
    do {
        port = try await server.port()
    } catch {
        await server.stop()
        throw error
    }
    let connector = environment.connector
    let roundTrips = Counter()
    let connected = Counter()
    let stopping = Counter()
    let measuring = Counter()  // 1 during the window: round trips then record their latency
    let latency = LatencyCollector()
    var result = FloorResult(games: games, roundTrips: 0, seconds: 0, cpuSeconds: 0)
    try await withThrowingDiscardingTaskGroup { group in
        for _ in 0..<games {
            group.addTask {
                let own = try? await connector.withConnection(to: "ws://127.0.0.1:\(port)") { transport in
                    await withTaskExecutorPreference(transport.preferredTaskExecutor) {
                        var own = LatencyHistogram()
                        connected.add()
                        while stopping.value == 0 {
                            let sent = ContinuousClock.now
                            guard (try? await transport.send(floorFrame)) != nil,
                                case .text? = try? await transport.receive()
                            else { break }
                            roundTrips.add()
                            if measuring.value == 1 { own.record(.now - sent) }
                        }
                        return own
                    }
                }
                if let own { latency.merge(own) }
            }
        }
        defer { stopping.add() }
        try await waitUntil("\(games) echo connections", timeout: environment.phaseTimeout) {
            connected.value >= games
        }
        measuring.add()
        let (startCount, startCPU, start) = (roundTrips.value, ResourceUsage.cpuSeconds(), ContinuousClock.now)
        try await Task.sleep(for: .seconds(window))
        let (endCount, endCPU, end) = (roundTrips.value, ResourceUsage.cpuSeconds(), ContinuousClock.now)
        measuring.add()
        result.roundTrips = endCount - startCount
        result.cpuSeconds = endCPU - startCPU
        result.seconds = (end - start).inSeconds
    }
    await server.stop()
    result.latency = latency.histogram
    return result
}

/// Latencies merged from many tasks.
final class LatencyCollector: Sendable {
    private let merged = Mutex(LatencyHistogram())
    var histogram: LatencyHistogram { merged.withLock { $0 } }
    func merge(_ other: LatencyHistogram) { merged.withLock { $0.merge(other) } }
}

/// A counter shared by many tasks.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .relaxed) }
    func add() { count.add(1, ordering: .relaxed) }
}
