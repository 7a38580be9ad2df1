/// The clock of a ``NeuroSimulator``, reduced to what a connection needs: the time since the
/// simulator started, and a sleep until such a time. Any `Clock<Duration>` can drive it.
struct NeuroSimClock: Sendable {
    /// The time elapsed since the simulator started.
    let now: @Sendable () -> Duration
    /// Sleeps until the given time since the simulator started.
    let sleep: @Sendable (Duration) async throws -> Void

    init<C: Clock<Duration>>(_ clock: C) {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleep = { deadline in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil) }
    }
}
