import ArgumentParser
import Foundation
import GameSessions
import Logging
import NeuroAPI
import NeuroHost
import NeuroRelay
import ServiceLifecycle

/// The relayed round trip: N outside games (the bench game on its own websocket, as any SDK's
/// game would connect) answer a NeuroSim flood through `neuro-host`'s relay, against the same
/// games connected straight to NeuroSim. The added latency is the relay's p50/p99 minus the
/// direct run's, both measured by NeuroSim (action sent → result read).
func runRelayRoundtrip(
    games: Int, seconds window: Double, throughRelay: Bool, in environment: BenchEnvironment
) async throws -> RoundtripResult {
    let (sim, port) = try await environment.startSim(roundtripSimArguments(rate: 0))
    defer { sim.cleanUp() }
    let neuroURL = "ws://127.0.0.1:\(port)"
    let connector = environment.connector
    let host = GameHost<ContinuousClock>(
        supervisors: [], forceSlots: [neuroURL: ForceSlot(logger: environment.logger)], relayURL: neuroURL,
        logger: environment.logger)
    let (relayPorts, relayContinuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
    let relay = GameRelay(
        configuration: RelayConfiguration(host: "127.0.0.1", port: 0, url: neuroURL), host: { host }, connector: connector,
        logger: environment.logger
    ) { relayContinuation.yield($0) }
    let sessions = (0..<games).map {
        GameSession(
            title: "Outside \($0)", plugin: BenchGame(),
            options: GameSessionOptions(
                savesAfterEveryAction: false, watchesForAbandonedForces: false, logger: environment.logger))
    }
    func accepted() -> Int { sessions.reduce(0) { $0 + $1.statistics.actionsAccepted } }
    var result = RoundtripResult(games: games, results: 0, seconds: 0, cpuSeconds: 0, failures: 0)
    try await withThrowingTaskGroup(of: Void.self) { group in
        var url = neuroURL
        if throughRelay {
            group.addTask { await host.run() }
            group.addTask { try await relay.run() }
            var iterator = relayPorts.makeAsyncIterator()
            guard let relayPort = await iterator.next() else {
                throw NeuroError(code: .benchFailed, message: "the relay did not start")
            }
            url = "ws://127.0.0.1:\(relayPort)"
        }
        for session in sessions {
            group.addTask { [url] in _ = try? await connector.withConnection(to: url) { try await session.play(on: $0) } }
        }
        try await measureWindowThenStop(
            &group, waitingFor: "every outside game's first action", timeout: environment.phaseTimeout,
            until: { sessions.allSatisfy { $0.statistics.actionsAccepted > 0 } }, seconds: window, sim: sim,
            accepted: accepted, into: &result)
    }
    result.failures = sessions.reduce(0) { $0 + $1.statistics.failures }
    result.read(simReport: try sim.jsonObject("report.json"))
    return result
}

extension Table {
    /// The relayed round trip beside the direct one.
    static func relay(_ rows: [(direct: RoundtripResult, relayed: RoundtripResult)]) -> String {
        markdown(
            [
                "outside games", "direct results/s", "direct p50 ms", "direct p99 ms", "relayed results/s", "relayed p50 ms",
                "relayed p99 ms", "added p50 ms", "added p99 ms", "relayed CPU s / 100k", "violations",
            ],
            rows.map { direct, relayed in
                func added(_ through: Double?, _ straight: Double?) -> String {
                    guard let through, let straight else { return "–" }
                    return number(through - straight, 2)
                }
                return [
                    "\(direct.games)", number(direct.throughput), optional(direct.latencyP50), optional(direct.latencyP99),
                    number(relayed.throughput), optional(relayed.latencyP50), optional(relayed.latencyP99),
                    added(relayed.latencyP50, direct.latencyP50), added(relayed.latencyP99, direct.latencyP99),
                    number(relayed.cpuPer100k, 2), "\(direct.violations + relayed.violations)",
                ]
            })
    }
}

extension NeuroBenchCommand {
    struct Relay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "N outside games through neuro-host's relay against the same games straight to NeuroSim.")
        @Option(help: "Numbers of outside games, comma-separated.") var games = "10,100"
        @Option(help: "Seconds measured per run (after every game has answered once).") var seconds = 10.0
        @OptionGroup var paths: PathOptions

        func run() async throws {
            let environment = try paths.environment()
            var rows: [(RoundtripResult, RoundtripResult)] = []
            for count in try parseCounts(games) {
                let direct = try await runRelayRoundtrip(games: count, seconds: seconds, throughRelay: false, in: environment)
                let relayed = try await runRelayRoundtrip(games: count, seconds: seconds, throughRelay: true, in: environment)
                rows.append((direct, relayed))
                print(Table.relay([(direct, relayed)]))
            }
            print(Table.relay(rows))
        }
    }
}
