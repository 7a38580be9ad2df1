/// An injected clock reduced to what the package's timers need: the time elapsed since the
/// clock was made, and a sleep until such a time. Any `Clock<Duration>` drives it, so a test
/// gives a manual clock and a timer moves only when the test advances it.
///
/// The one clock abstraction of the package: the force slot, NeuroSim's connections and the
/// reconnecting service's backoff all keep their deadlines as elapsed times of one of these.
///
/// ```swift
/// let clock = ElapsedClock(ContinuousClock())
/// try await clock.sleep(until: clock.now() + .seconds(1))
/// ```
package struct ElapsedClock: Sendable {
    /// The time elapsed since the clock was made.
    package let now: @Sendable () -> Duration
    /// Sleeps until the given elapsed time; throws `CancellationError` when cancelled first.
    package let sleep: @Sendable (_ until: Duration) async throws -> Void

    /// Wraps a clock, starting now.
    package init<C: Clock<Duration>>(_ clock: C) {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleep = { deadline in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil) }
    }

    /// Sleeps until the given elapsed time; throws `CancellationError` when cancelled first.
    package func sleep(until deadline: Duration) async throws {
        try await sleep(deadline)
    }
}
