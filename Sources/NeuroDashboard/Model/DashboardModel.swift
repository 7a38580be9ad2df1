import Foundation
import GameSessions
import NeuroAPI
import NeuroHost
import Synchronization

/// Builds ``DashboardSnapshot``s from the running games and keeps what the charts need: the
/// recent samples (``DashboardSnapshot/history``, rates over a sliding 10 s window) and each
/// game's results per 10 s bucket for its sparkline.
///
/// The games are read only when a snapshot is asked for: with nobody watching, the model
/// costs nothing (and the charts show a gap for the time nobody watched).
public final class DashboardModel: Sendable {
    private struct Sampling {
        var history = DashboardHistory()
        var verdict: DashboardSnapshot.Verdict?
        var report: JSONValue?
        var reportAt: Double?
    }

    private let games: @Sendable () -> GameHost<ContinuousClock>?
    private let url: @Sendable () -> String?
    private let hasSimulator: Bool
    private let neuroSimReport: @Sendable () -> JSONValue?
    private let started = ContinuousClock.now
    private let sampling = Mutex(Sampling())

    /// Creates a model.
    /// - Parameters:
    ///   - games: the games, once created (`nil` before, as with `neuro-host --simulate`).
    ///   - url: the URL every game plays against, when one.
    ///   - hasSimulator: whether the simulator's controls are available.
    ///   - neuroSimReport: the in-process simulator's report so far, as `neuro-sim --report`
    ///     writes it (`HostSummary.neuroSim`); `nil` (the default) without a simulator.
    public init(
        games: @escaping @Sendable () -> GameHost<ContinuousClock>?,
        url: @escaping @Sendable () -> String? = { nil },
        hasSimulator: Bool = false,
        neuroSimReport: @escaping @Sendable () -> JSONValue? = { nil }
    ) {
        self.games = games
        self.url = url
        self.hasSimulator = hasSimulator
        self.neuroSimReport = neuroSimReport
    }

    /// The games, once created.
    public var host: GameHost<ContinuousClock>? { games() }

    /// Every game's status, as in the summary.
    public var statuses: [GameStatus] { games()?.statuses ?? [] }

    /// What the summary says now (`GET /api/status`), NeuroSim's report so far included.
    package func summary() -> HostSummary {
        HostSummary(
            secondsRunning: Self.seconds(started.duration(to: .now)), url: url(), games: statuses,
            neuroSim: recentReport())
    }

    /// A snapshot of everything, now; takes a chart sample when the last is a second old.
    public func snapshot() -> DashboardSnapshot {
        let now = ContinuousClock.now
        let at = Self.seconds(started.duration(to: now))
        let host = games()
        var rows = host.map { host in host.supervisors.enumerated().map { Self.game($1, index: $0) } } ?? []
        let slots = (host?.forceSlots ?? [:]).sorted { $0.key < $1.key }.map { url, slot in
            let snapshot = slot.snapshot
            return DashboardSnapshot.ForceSlot(
                url: url, holder: snapshot.holder, secondsHeld: snapshot.heldSince.map { Self.seconds($0.duration(to: now)) },
                waiting: snapshot.waiting.prefix(DashboardSnapshot.waitingShown).map {
                    .init(game: $0.game, seconds: Self.seconds($0.since.duration(to: now)))
                },
                waitingCount: snapshot.waiting.count)
        }
        let actions = rows.reduce(0) { $0 + $1.status.actionsHandled }
        let failures = rows.reduce(0) { $0 + $1.status.failures }
        let reconnects = rows.reduce(0) { $0 + $1.status.reconnects }
        let samples = rows.map { row in
            DashboardHistory.GameSample(
                results: row.status.actionsHandled + row.status.failures,
                latencies: row.actions.map { ($0.sequence, $0.latencySeconds) })
        }
        let (points, rate, sparklines) = sampling.withLock { sampling in
            sampling.history.record(at: at, failures: failures, reconnects: reconnects, games: samples)
            return (
                sampling.history.points, sampling.history.resultsPerSecond,
                samples.indices.map { sampling.history.sparkline(ofGame: $0) }
            )
        }
        for index in rows.indices { rows[index].recentResults = sparklines[index] }
        let verdict = recentVerdict()
        return DashboardSnapshot(
            secondsRunning: at, url: url(), hasSimulator: hasSimulator, games: rows, forceSlots: slots,
            totals: .init(
                actions: actions, failures: failures, results: actions + failures, reconnects: reconnects,
                resultsPerSecond: rate),
            history: points, neuroSim: verdict)
    }

    /// NeuroSim's report, built at most once a second (it covers every game) and shared by the
    /// summary and the snapshots, whoever asks.
    private func recentReport() -> JSONValue? {
        let at = Self.seconds(started.duration(to: .now))
        if let cached = sampling.withLock({ sampling in sampling.reportAt.map { at - $0 < 1 } == true ? sampling.report : nil }) {
            return cached
        }
        // Built outside the lock: two callers at once may both build it, and either result is right.
        let report = neuroSimReport()
        sampling.withLock { sampling in
            sampling.report = report
            sampling.reportAt = at
            sampling.verdict = nil
        }
        return report
    }

    /// The verdict read from ``recentReport()``, kept as long as the report is.
    private func recentVerdict() -> DashboardSnapshot.Verdict? {
        let report = recentReport()
        if let verdict = sampling.withLock({ $0.verdict }) { return verdict }
        let verdict = report.flatMap(DashboardSnapshot.Verdict.init(report:))
        sampling.withLock { $0.verdict = verdict }
        return verdict
    }

    private static func game(_ supervisor: GameSupervisor<ContinuousClock>, index: Int) -> DashboardSnapshot.Game {
        let snapshot = supervisor.snapshot
        let view = supervisor.game.view
        let activity = supervisor.game.activity?.snapshot
        return DashboardSnapshot.Game(
            index: index, status: snapshot.status, url: snapshot.url, restarts: snapshot.restarts,
            isPaused: snapshot.isPaused, secondsUntilReconnect: snapshot.secondsUntilReconnect,
            force: view.pendingForce.map { .init(state: $0.state, query: $0.query, actionNames: $0.actionNames) },
            contexts: activity?.contexts ?? [], actions: activity?.actions ?? [],
            registeredActions: view.registeredActions.map {
                .init(name: $0.name, description: $0.description, hasData: $0.schema != nil)
            })
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
