import Foundation
import GameSessions
import NeuroAPI
import NeuroHost
import Synchronization

/// Builds ``DashboardSnapshot``s from the running games and keeps what a rate needs (the
/// previous totals), so that results per second come out of two samples.
///
/// The games are read only when a snapshot is asked for: with nobody watching, the model
/// costs nothing.
public final class DashboardModel: Sendable {
    private struct Previous {
        var results = 0
        var at: ContinuousClock.Instant?
        var rate = 0.0
    }

    private let games: @Sendable () -> GameHost<ContinuousClock>?
    private let url: @Sendable () -> String?
    private let hasSimulator: Bool
    private let neuroSimReport: @Sendable () -> JSONValue?
    private let started = ContinuousClock.now
    private let previous = Mutex(Previous())

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
    public func summary() -> HostSummary {
        HostSummary(
            secondsRunning: Self.seconds(started.duration(to: .now)), url: url(), games: statuses,
            neuroSim: neuroSimReport())
    }

    /// A snapshot of everything, now.
    public func snapshot() -> DashboardSnapshot {
        let now = ContinuousClock.now
        let host = games()
        let rows = host.map { host in host.supervisors.enumerated().map { Self.game($1, index: $0) } } ?? []
        let slots = (host?.forceSlots ?? [:]).sorted { $0.key < $1.key }.map { url, slot in
            let snapshot = slot.snapshot
            return DashboardSnapshot.ForceSlot(
                url: url, holder: snapshot.holder, secondsHeld: snapshot.heldSince.map { Self.seconds($0.duration(to: now)) },
                waiting: snapshot.waiting.map { .init(game: $0.game, seconds: Self.seconds($0.since.duration(to: now))) })
        }
        let actions = rows.reduce(0) { $0 + $1.status.actionsHandled }
        let failures = rows.reduce(0) { $0 + $1.status.failures }
        let reconnects = rows.reduce(0) { $0 + $1.status.reconnects }
        let rate = previous.withLock { previous in
            Self.rate(results: actions + failures, at: now, previous: &previous)
        }
        return DashboardSnapshot(
            secondsRunning: Self.seconds(started.duration(to: now)), url: url(), hasSimulator: hasSimulator, games: rows,
            forceSlots: slots,
            totals: .init(actions: actions, failures: failures, reconnects: reconnects, resultsPerSecond: rate))
    }

    /// Results per second since the previous sample at least 250 ms ago; the previous rate
    /// in between.
    private static func rate(results: Int, at now: ContinuousClock.Instant, previous: inout Previous) -> Double {
        guard let at = previous.at else {
            previous = Previous(results: results, at: now, rate: 0)
            return 0
        }
        let elapsed = seconds(at.duration(to: now))
        guard elapsed >= 0.25 else { return previous.rate }
        let rate = Double(max(0, results - previous.results)) / elapsed
        previous = Previous(results: results, at: now, rate: rate)
        return rate
    }

    private static func game(_ supervisor: GameSupervisor<ContinuousClock>, index: Int) -> DashboardSnapshot.Game {
        let snapshot = supervisor.snapshot
        let core = supervisor.game.component.client.core
        let activity = supervisor.game.activity?.snapshot
        return DashboardSnapshot.Game(
            index: index, status: snapshot.status, url: snapshot.url, restarts: snapshot.restarts,
            isPaused: snapshot.isPaused, secondsUntilReconnect: snapshot.secondsUntilReconnect,
            force: core.pendingForce.map { .init(state: $0.state, query: $0.query, actionNames: $0.actionNames) },
            contexts: activity?.contexts ?? [], actions: activity?.actions ?? [],
            registeredActions: core.registeredActions.map {
                .init(name: $0.name, description: $0.description, hasData: $0.schema != nil)
            })
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
