import CoreMetrics
import Metrics
import NeuroHost
import Prometheus
import Synchronization

/// The host's metrics, recorded through swift-metrics into a Prometheus registry of the
/// dashboard's own (no global `MetricsSystem` bootstrap), rendered by `GET /metrics`.
///
/// | metric | kind | labels |
/// |---|---|---|
/// | `neuro_actions_total` | counter | `game` |
/// | `neuro_action_failures_total` | counter | `game` |
/// | `neuro_reconnects_total` | counter | `game` |
/// | `neuro_session_uptime_seconds` | gauge | `game` |
/// | `neuro_action_result_latency_seconds` | histogram | `game` |
/// | `neuro_force_slot_wait_seconds` | histogram | `url` |
///
/// The counters follow the games' own counters: each ``update(from:)`` adds what changed
/// since the previous one. Latencies and force-slot waits are taken from the games'
/// activity logs and the slots.
public final class DashboardMetrics: Sendable {
    private struct Seen {
        var actions: [String: Int] = [:]
        var failures: [String: Int] = [:]
        var reconnects: [String: Int] = [:]
    }

    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let seen = Mutex(Seen())

    /// Creates empty metrics.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        let buckets: [Duration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30),
            .seconds(60),
        ]
        factory.defaultDurationHistogramBuckets = buckets
        self.factory = factory
    }

    /// Brings the metrics up to date with the games now.
    public func update(from host: GameHost<ContinuousClock>?) {
        guard let host else { return }
        for supervisor in host.supervisors {
            let status = supervisor.status
            let dimensions = [("game", status.title)]
            let (actions, failures, reconnects) = seen.withLock { seen in
                defer {
                    seen.actions[status.title] = status.actionsHandled
                    seen.failures[status.title] = status.failures
                    seen.reconnects[status.title] = status.reconnects
                }
                // A relayed game that came back has a new row whose counts start again from 0.
                func delta(_ now: Int, _ before: Int?) -> Int { now >= (before ?? 0) ? now - (before ?? 0) : now }
                return (
                    delta(status.actionsHandled, seen.actions[status.title]),
                    delta(status.failures, seen.failures[status.title]),
                    delta(status.reconnects, seen.reconnects[status.title])
                )
            }
            // Created every time: the factory hands back the registry's one metric per name and labels.
            Counter(label: "neuro_actions_total", dimensions: dimensions, factory: factory).increment(by: max(0, actions))
            Counter(label: "neuro_action_failures_total", dimensions: dimensions, factory: factory).increment(
                by: max(0, failures))
            Counter(label: "neuro_reconnects_total", dimensions: dimensions, factory: factory).increment(
                by: max(0, reconnects))
            Gauge(label: "neuro_session_uptime_seconds", dimensions: dimensions, factory: factory).record(
                status.secondsInCurrentSession ?? 0)
            for (rule, count) in status.relayChecks ?? [:] {
                Gauge(label: "neuro_relay_checks", dimensions: dimensions + [("rule", rule)], factory: factory).record(count)
            }
            let latency = Timer(label: "neuro_action_result_latency_seconds", dimensions: dimensions, factory: factory)
            for sample in supervisor.game.activity?.takeLatencies() ?? [] { latency.recordNanoseconds(sample.nanoseconds) }
        }
        for (url, slot) in host.forceSlots {
            let wait = Timer(label: "neuro_force_slot_wait_seconds", dimensions: [("url", url)], factory: factory)
            for sample in slot.takeRecordedWaits() { wait.recordNanoseconds(sample.waited.nanoseconds) }
        }
    }

    /// The metrics in Prometheus text format (version 0.0.4).
    public func prometheusText() -> String {
        registry.emitToString()
    }
}

extension Duration {
    fileprivate var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
