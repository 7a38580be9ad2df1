import ServiceLifecycle

/// The status reporter: hands every game's status to a closure at a fixed interval, until the
/// process shuts down gracefully.
///
/// Last in `neuro-host`'s `ServiceGroup`, so it is the first service to stop; whoever runs the
/// group reports the final statuses once it has returned.
///
/// ```swift
/// let reporter = StatusReporter(interval: .seconds(1), statuses: { host.statuses }) { statuses in
///     print(StatusView.table(statuses))
/// }
/// ```
package struct StatusReporter: Service {
    /// How often the statuses are reported.
    package let interval: Duration
    private let statuses: @Sendable () -> [GameStatus]
    private let report: @Sendable ([GameStatus]) -> Void

    /// Creates a reporter.
    /// - Parameters:
    ///   - interval: how often the statuses are reported.
    ///   - statuses: a snapshot of every game (``GameHost/statuses``).
    ///   - report: shows one snapshot.
    package init(
        interval: Duration,
        statuses: @escaping @Sendable () -> [GameStatus],
        report: @escaping @Sendable ([GameStatus]) -> Void
    ) {
        self.interval = interval
        self.statuses = statuses
        self.report = report
    }

    /// Reports at once, then every ``interval`` until a graceful shutdown or cancellation.
    package func run() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            report(statuses())
            do {
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
