/// How a game whose connection or plugin failed is restarted (by `neuro-host`'s supervisors,
/// among others): capped exponential backoff with jitter, forever or up to a limit.
///
/// The *n*-th consecutive failure waits `initialDelay × multiplier^(n-1)`, capped at
/// `maximumDelay`, then shortened by up to `jitter` of itself at random, so many games that
/// lost the same server do not reconnect in lockstep. A refused websocket handshake (an HTTP
/// error) starts ``httpErrorFactor`` times higher. A session that stayed up for `healthyAfter`
/// resets the count. See `delay(afterFailure:kind:using:)` and its bookkeeping, `BackoffState`.
///
/// In `games.json` every field is optional and durations are seconds:
///
/// ```json
/// "restartPolicy": {
///     "initialDelay": 1, "maximumDelay": 60, "multiplier": 2, "jitter": 0.2,
///     "maximumRestarts": null, "healthyAfter": 30
/// }
/// ```
public struct RestartPolicy: Sendable, Hashable {
    /// The wait before the first restart. Default 1 second.
    public var initialDelay: Duration
    /// The longest wait between restarts, jitter included. Default 60 seconds.
    public var maximumDelay: Duration
    /// How much each consecutive failure multiplies the wait. Default 2.
    public var multiplier: Double
    /// The fraction (0...1) of each wait that is taken off at random. Default 0.2.
    public var jitter: Double
    /// How many restarts in a row, without a healthy session in between, before the game gives
    /// up; `nil` (the default) restarts forever. `0` never restarts.
    public var maximumRestarts: Int?
    /// How long a session must stay up to count as healthy, resetting the backoff. Default 30
    /// seconds.
    public var healthyAfter: Duration

    /// How many times higher the waits start after an HTTP error from the handshake than after
    /// a refused connection: an HTTP error means a server is there and answered no, which a
    /// quick retry will not change.
    public static let httpErrorFactor: Double = 4

    /// Creates a policy; every parameter has the documented default.
    public init(
        initialDelay: Duration = .seconds(1),
        maximumDelay: Duration = .seconds(60),
        multiplier: Double = 2,
        jitter: Double = 0.2,
        maximumRestarts: Int? = nil,
        healthyAfter: Duration = .seconds(30)
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = multiplier
        self.jitter = jitter
        self.maximumRestarts = maximumRestarts
        self.healthyAfter = healthyAfter
    }
}
