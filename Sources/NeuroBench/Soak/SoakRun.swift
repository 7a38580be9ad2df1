import Foundation
import GamePlugins
import Logging
import NeuroAPI
import NeuroSim
import Synchronization

/// `neuro-bench soak`'s settings.
struct SoakOptions: Sendable {
    var games = 50
    var seconds = 120.0
    /// Seconds of faults before the first measurement of the host's memory and descriptors.
    var warmup = 30.0
    var seed: UInt64 = 1
    /// Unforced actions per second per game.
    var rate = 2.0
    /// Seconds between two injected faults.
    var faultInterval = 2.0
    /// A game that throws on one action in this many (``FaultyGame``).
    var throwOneIn = 100
    var rssTolerance = 0.10
    var fdTolerance = 5
    /// How long a connection must stay up after an action for a missing result to be lost.
    var grace: Duration = .seconds(10)
    /// The faults injected, at random among these.
    var faults = SoakFault.injected
    /// Print a progress line this often.
    var progressInterval: Duration = .seconds(10)
}

/// One soak: NeuroSim in this process (every frame counted by a ``SoakLedger``), the
/// ``StallingRelay`` in front of it for the ``FaultyGame``s, and `neuro-host` as a child
/// process (`neuro-bench soak-host`, the built-in games and ``FaultyGame``), so the host's own
/// memory and descriptors are measured apart from NeuroSim's.
///
/// Faults are injected one at a time, at random (seeded), every ``SoakOptions/faultInterval``;
/// each is checked as it goes (the game answers, comes back, registers again). After the
/// warm-up and at the end the faults pause until every game is connected again, and the
/// host's resident memory and open descriptors are read from `/proc`.
final class SoakRun: Sendable {
    /// The host's handshake timeout (`WebSocketConfiguration`'s default): a stalled handshake
    /// must end within it, plus this much for a busy machine.
    static let handshakeTimeout: Duration = .seconds(10)
    static let handshakeSlack: Duration = .seconds(10)
    /// How long a game may take to come back after a fault, or all of them after a restart.
    static let recoveryTimeout: Duration = .seconds(60)

    let options: SoakOptions
    let environment: BenchEnvironment
    let ledger: SoakLedger
    /// The built-in games' NeuroSim (forces only) and the faulty games' (unforced actions).
    let forcing: SoakNeuro
    let unforced: SoakNeuro
    private let relayPort = Mutex(0)
    private let failures = Mutex<[String]>([])
    private let injected = Mutex<[SoakFault: Int]>([:])

    init(options: SoakOptions, environment: BenchEnvironment) {
        self.options = options
        self.environment = environment
        let ledger = SoakLedger(grace: options.grace)
        self.ledger = ledger
        var configuration = NeuroSimConfiguration()
        configuration.seed = options.seed
        configuration.forceDelay = .milliseconds(20)
        // Some actions carry bad data on purpose, and random moves are often refused; a forced
        // action that fails twice is given up silently, as the real Neuro does after her
        // retries: the abandoned forces (the host withdraws them after half a second here).
        configuration.badDataShare = 0.02
        configuration.forceRetries = 1
        forcing = SoakNeuro(name: "forcing", configuration: configuration, ledger: ledger, logger: environment.logger)
        configuration.seed = options.seed &+ 1
        configuration.unforcedActionRate = options.rate
        unforced = SoakNeuro(name: "unforced", configuration: configuration, ledger: ledger, logger: environment.logger)
    }

    var neuros: [SoakNeuro] { [forcing, unforced] }

    /// The titles of the games: every built-in kind and the faulty game, in turn.
    var titles: [String] { (0..<options.games).map { Self.title(index: $0) } }

    static let kinds: [any GamePlugin.Type] = GameCatalog.builtIn.plugins + [FaultyGame.self]

    static func title(index: Int) -> String {
        "\(kinds[index % kinds.count].defaultTitle) \(index + 1)"
    }

    static func isFaulty(_ title: String?) -> Bool { title?.hasPrefix(FaultyGame.defaultTitle + " ") == true }

    /// The titles of the games that play on `neuro`.
    func titles(on neuro: SoakNeuro) -> [String] {
        titles.filter { Self.isFaulty($0) == (neuro === unforced) }
    }

    /// Runs the soak and returns what it found.
    func run() async throws -> SoakResult {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for neuro in neuros { group.addTask { try await neuro.run() } }
            defer {
                for neuro in neuros { neuro.server.stop() }
                group.cancelAll()
            }
            try await waitUntil("both NeuroSims to listen", timeout: .seconds(30)) {
                neuros.allSatisfy { $0.port != 0 }
            }
            let relay = StallingRelay(targetPort: unforced.port)
            group.addTask { try await relay.run(onListening: { port in self.relayPort.withLock { $0 = port } }) }
            try await waitUntil("the relay to listen", timeout: .seconds(30)) { relayPort.withLock { $0 } != 0 }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("neuro-soak-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let config = directory.appendingPathComponent("games.json").path
            try Data(gamesJSON(saveDirectory: directory.appendingPathComponent("saves").path).utf8)
                .write(to: URL(fileURLWithPath: config))
            let host = try ChildProcess(
                name: "neuro-host", executable: environment.benchPath,
                arguments: [
                    "soak-host", "--config", config, "--status", "off", "--log-level", "critical", "--no-dashboard",
                    // First come, first served: the faults keep games away, and in turns each
                    // absent game's turn would idle the slot for the turn wait.
                    "--abandoned-force-timeout", "0.5", "--seed", String(options.seed), "--force-order", "arrival",
                    "--summary", directory.appendingPathComponent("summary.json").path,
                ])
            defer { host.cleanUp() }
            do {
                let result = try await soak(host: host, relay: relay)
                await host.stop()
                return finish(result)
            } catch {
                await host.stop()
                throw error
            }
        }
    }

    /// The faults, the two measurements and the checks, while the host runs.
    private func soak(host: ChildProcess, relay: StallingRelay) async throws -> SoakResult {
        let start = ContinuousClock.now
        let titles = self.titles
        try await waitUntil("\(options.games) games to connect", timeout: environment.phaseTimeout) {
            isEveryGameConnected(titles, relay: relay)
        }
        var result = SoakResult(
            games: options.games, seconds: options.seconds, warmupSeconds: options.warmup, seed: options.seed,
            rssTolerance: options.rssTolerance, fdTolerance: options.fdTolerance)
        var random = SeededRandomNumberGenerator(seed: options.seed)
        var progressAt = start + options.progressInterval
        func reportProgress() {
            guard ContinuousClock.now >= progressAt else { return }
            progressAt += options.progressInterval
            printProgress(since: start, relay: relay)
        }
        try await injectFaults(until: start + .seconds(options.warmup), relay: relay, random: &random, tick: reportProgress)
        try await quiesce("after the warm-up", relay: relay)
        (result.rssAfterWarmupKB, result.fdsAfterWarmup) = try measure(host)
        try await injectFaults(until: start + .seconds(options.seconds), relay: relay, random: &random, tick: reportProgress)
        try await quiesce("at the end", relay: relay)
        (result.rssEndKB, result.fdsEnd) = try measure(host)
        result.tally = ledger.tally
        // NeuroSim's own count at the same moment (the violations are read once the host has
        // stopped, so that its goodbyes are checked too).
        let counted = neuros.reduce(into: NeuroSimStatistics()) { $0.merge($1.simulator.report().totals) }
        (result.neuroSimActionsSent, result.neuroSimResults) = (counted.actionsSent, counted.results)
        result.faults[.stalledHandshake] = relay.stalls.count
        for (index, stall) in relay.stalls.enumerated() {
            guard let closedAt = stall.closedAt else {
                record("stalled handshake \(index + 1) was never closed by the game")
                continue
            }
            if closedAt - stall.openedAt > Self.handshakeTimeout + Self.handshakeSlack {
                record("stalled handshake \(index + 1) lasted \(closedAt - stall.openedAt), beyond the game's timeout")
            }
        }
        return result
    }

    /// NeuroSim's report, the faults counted and the failures recorded, once the host has
    /// stopped (its goodbyes are checked too).
    private func finish(_ partial: SoakResult) -> SoakResult {
        var result = partial
        let reports = neuros.map { ($0.name, $0.simulator.report()) }
        var totals = NeuroSimStatistics()
        for (name, report) in reports {
            totals.merge(report.totals)
            result.violations += report.violations.prefix(20).map { "\(name) NeuroSim: \($0.description)" }
            result.reconnects += report.games.reduce(0) { $0 + $1.reconnects }
        }
        result.violationCount = totals.violations
        result.violationsByRule = Dictionary(
            uniqueKeysWithValues: totals.violationsByRule.map { ($0.key.rawValue, $0.value) })

        for (fault, count) in injected.withLock({ $0 }) { result.faults[fault, default: 0] += count }
        result.faults[.pluginThrow] = result.tally.throwsAnswered + result.tally.throwsUnanswered
        result.faults[.abandonedForce] = totals.abandonedForces
        result.failures = failures.withLock { $0 }
        return result
    }

    /// Whether every game has exactly one connection up and no stalled handshake is open.
    private func isEveryGameConnected(_ titles: [String], relay: StallingRelay) -> Bool {
        let events = ledger.titles
        return titles.allSatisfy { events[$0]?.liveConnections == 1 } && relay.stallsWaiting == 0
            && relay.stalls.allSatisfy { $0.closedAt != nil }
    }

    /// Waits until every game is connected again and no handshake is stalled, then lets the
    /// last frames settle.
    private func quiesce(_ when: String, relay: StallingRelay) async throws {
        let titles = self.titles
        try await waitUntil(
            "every game connected and no stalled handshake open \(when)",
            timeout: Self.recoveryTimeout + Self.handshakeTimeout
        ) {
            isEveryGameConnected(titles, relay: relay)
        }
        // A settled reading: the reconnects' buffers released, the saves written.
        try await Task.sleep(for: .seconds(2))
    }

    /// The host's resident memory (KB) and open descriptors.
    private func measure(_ host: ChildProcess) throws -> (Int, Int) {
        let pid = String(host.processIdentifier)
        guard let resident = ResourceUsage.residentKilobytes(ofProcess: pid),
            let descriptors = ResourceUsage.openDescriptors(ofProcess: pid)
        else {
            throw NeuroError(code: .benchFailed, message: "cannot read /proc/\(pid) of the host (did it exit?)")
        }
        return (resident, descriptors)
    }

    func record(_ failure: String) { failures.withLock { $0.append(failure) } }

    func count(_ fault: SoakFault) { injected.withLock { $0[fault, default: 0] += 1 } }

    private func printProgress(since start: ContinuousClock.Instant, relay: StallingRelay) {
        let tally = ledger.tally
        let faults = injected.withLock { $0 }.values.reduce(0, +) + relay.stalls.count
        print(
            "soak: \(Int((ContinuousClock.now - start).inSeconds)) s, \(tally.results) results, \(tally.lost) lost, "
                + "\(tally.duplicates) duplicates, \(faults) faults, \(neuros.reduce(0) { $0 + $1.simulator.violations.count }) violations"
        )
        fflush(nil)
    }

    /// `games.json` for the host: the built-in games on NeuroSim, the faulty ones on the relay.
    func gamesJSON(saveDirectory: String) -> String {
        let (neuroSim, relay) = (forcing.port, relayPort.withLock { $0 })
        let games: [JSONValue] = (0..<options.games).map { index in
            let kind = Self.kinds[index % Self.kinds.count]
            var game: JSONObject = ["plugin": .string(kind.id), "title": .string(Self.title(index: index))]
            if kind.id == FaultyGame.id {
                game["url"] = .string("ws://127.0.0.1:\(relay)")
                game["settings"] = ["throwOneIn": .integer(Int64(options.throwOneIn))]
            }
            return .object(game)
        }
        let file: JSONValue = [
            "url": .string("ws://127.0.0.1:\(neuroSim)"),
            "saveDirectory": .string(saveDirectory),
            "restartPolicy": [
                "initialDelay": 0.2, "maximumDelay": 2, "multiplier": 2, "jitter": 0.2, "maximumRestarts": .null,
                "healthyAfter": 5,
            ],
            "games": .array(games),
        ]
        return JSONWriter.string(from: file)
    }
}
