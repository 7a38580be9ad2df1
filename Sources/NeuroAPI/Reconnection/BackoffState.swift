/// The restart bookkeeping of one game: consecutive failures, when to retry, when to give up.
///
/// A pure value: the supervisor reports each ended session with how long it ran, and gets back
/// either the wait before the next attempt or the verdict that the game has used up its
/// ``RestartPolicy/maximumRestarts``. A session that ran for at least
/// ``RestartPolicy/healthyAfter`` resets the count first, so a host that runs for weeks is not
/// worn down by occasional blips.
///
/// ```swift
/// var backoff = BackoffState(policy: game.restartPolicy)
/// switch backoff.recordFailure(.connectionRefused, after: uptime, using: &random) {
/// case .restart(let wait): try await Task.sleep(for: wait)
/// case .giveUp: logger.error("giving up", metadata: ["neuro.game": "\(game.title)"])
/// }
/// ```
package struct BackoffState: Sendable, Hashable {
    /// What to do after a failure.
    package enum Decision: Sendable, Hashable {
        /// Start the game again after this wait.
        case restart(after: Duration)
        /// The policy's limit is reached: stop this game (and say so loudly).
        case giveUp
    }

    /// The policy being followed.
    package var policy: RestartPolicy
    /// Failures since the last healthy session (or since the start).
    package private(set) var consecutiveFailures: Int
    /// Restarts granted since the last healthy session (or since the start).
    package private(set) var consecutiveRestarts: Int
    /// Whether the game has given up; once set, every further failure also gives up.
    package private(set) var hasGivenUp: Bool

    /// Creates fresh bookkeeping for a policy.
    package init(policy: RestartPolicy) {
        self.policy = policy
        consecutiveFailures = 0
        consecutiveRestarts = 0
        hasGivenUp = false
    }

    /// Whether another failure now would give up rather than restart.
    package var isAtLimit: Bool {
        if hasGivenUp { return true }
        guard let maximumRestarts = policy.maximumRestarts else { return false }
        return consecutiveRestarts >= maximumRestarts
    }

    /// Records that a session ended and decides what happens next.
    ///
    /// - Parameters:
    ///   - kind: why it ended.
    ///   - uptime: how long the session ran; `Duration/zero` when it never connected. At least
    ///     ``RestartPolicy/healthyAfter`` resets the count before this failure is counted.
    ///   - random: the source of the jitter.
    /// - Returns: the wait before the next attempt, or ``Decision/giveUp``.
    package mutating func recordFailure(
        _ kind: RestartPolicy.FailureKind,
        after uptime: Duration,
        using random: inout some RandomNumberGenerator
    ) -> Decision {
        if !hasGivenUp && uptime >= policy.healthyAfter && uptime > .zero {
            recordHealthy()
        }
        consecutiveFailures += 1
        if isAtLimit {
            hasGivenUp = true
            return .giveUp
        }
        consecutiveRestarts += 1
        return .restart(after: policy.delay(afterFailure: consecutiveFailures, kind: kind, using: &random))
    }

    /// Records that the current session has been healthy for ``RestartPolicy/healthyAfter``,
    /// resetting the counts (the supervisor may call this from a timer instead of waiting for
    /// the session to end). Does nothing after the game gave up.
    package mutating func recordHealthy() {
        guard !hasGivenUp else { return }
        consecutiveFailures = 0
        consecutiveRestarts = 0
    }
}
