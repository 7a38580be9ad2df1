import Foundation
import GameSessions
import Logging
import NeuroAPI
import NeuroDashboard
import NeuroHost
import Synchronization

/// The round trip with the games run the way `neuro-host` runs them (a `GameHost` of
/// supervisors), with or without the dashboard. With it, the games record their activity, the
/// dashboard serves, and a separate `curl` process reads its live stream for the whole run, so
/// the figures include building a snapshot every second (encoding the first whole, then what
/// changed).
func runHostRoundtrip(
    games: Int, seconds window: Double, rate: Double, withDashboard: Bool, in environment: BenchEnvironment
) async throws -> RoundtripResult {
    let (sim, port) = try await environment.startSim(roundtripSimArguments(rate: rate))
    defer { sim.cleanUp() }
    let url = "ws://127.0.0.1:\(port)"
    let supervisors = (0..<games).map { index in
        GameSupervisor(
            game: GameSession(
                title: "Bench \(index)", plugin: BenchGame(),
                options: GameSessionOptions(
                    savesAfterEveryAction: false, watchesForAbandonedForces: false,
                    activity: withDashboard ? GameActivity() : nil, logger: environment.logger)),
            url: url, restartPolicy: RestartPolicy(), connector: environment.connector, clock: ContinuousClock(),
            seed: UInt64(index), logger: environment.logger)
    }
    let host = GameHost(supervisors: supervisors, logger: environment.logger)
    func accepted() -> Int { supervisors.reduce(0) { $0 + $1.game.statistics.actionsAccepted } }
    let (ports, portContinuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
    let dashboard = DashboardServer(
        model: DashboardModel(games: { host }, url: { url }), configuration: DashboardConfiguration(),
        logger: environment.logger
    ) { portContinuation.yield($0) }

    var result = RoundtripResult(games: games, results: 0, seconds: 0, cpuSeconds: 0, failures: 0)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await host.run() }
        var reader: Process?
        if withDashboard {
            group.addTask { try await dashboard.run() }
            var iterator = ports.makeAsyncIterator()
            guard let dashboardPort = await iterator.next() else {
                throw NeuroError(code: .benchFailed, message: "the dashboard did not start")
            }
            // A browser's part, in a process of its own: read the live stream until stopped.
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            curl.arguments = ["-sN", "http://127.0.0.1:\(dashboardPort)/api/events"]
            curl.standardOutput = FileHandle.nullDevice
            try curl.run()
            reader = curl
        }
        defer { reader?.terminate() }
        // Cancelling stops the games (no reconnects) and the dashboard; then NeuroSim reports.
        try await measureWindowThenStop(
            &group, waitingFor: "every game's first action", timeout: environment.phaseTimeout,
            until: { supervisors.allSatisfy { $0.game.statistics.actionsAccepted > 0 } }, seconds: window, sim: sim,
            accepted: accepted, into: &result)
    }
    result.failures = supervisors.reduce(0) { $0 + $1.game.statistics.failures }
    result.read(simReport: try sim.jsonObject("report.json"))
    return result
}
