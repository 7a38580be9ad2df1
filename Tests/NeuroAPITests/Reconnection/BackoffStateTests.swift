import NeuroAPI
import Testing

/// Consecutive failures, the reset after a healthy session, and the restart limit.
@Suite struct BackoffStateTests {
    /// No jitter, so waits are exact: 1, 2, 4, 8 … seconds, capped at 60, healthy after 30 s.
    static let steady = RestartPolicy(jitter: 0)

    @Test func consecutiveFailuresGrowTheWait() {
        var state = BackoffState(policy: Self.steady)
        var random = SeededRandomNumberGenerator(seed: 1)
        let decisions = (0..<8).map { _ in state.recordFailure(.connectionRefused, after: .zero, using: &random) }
        #expect(decisions == [1, 2, 4, 8, 16, 32, 60, 60].map { .restart(after: .seconds($0)) })
        #expect(state.consecutiveFailures == 8)
        #expect(!state.isAtLimit)
    }

    @Test func aHealthySessionResetsTheBackoff() {
        var state = BackoffState(policy: Self.steady)
        var random = SeededRandomNumberGenerator(seed: 1)
        for _ in 0..<4 { _ = state.recordFailure(.connectionRefused, after: .zero, using: &random) }
        // A session that ran, but not long enough, keeps growing the wait.
        #expect(state.recordFailure(.dropped, after: .seconds(29), using: &random) == .restart(after: .seconds(16)))
        // One that stayed up for healthyAfter starts over.
        #expect(state.recordFailure(.dropped, after: .seconds(30), using: &random) == .restart(after: .seconds(1)))
        #expect(state.consecutiveFailures == 1)
        #expect(state.recordFailure(.dropped, after: .zero, using: &random) == .restart(after: .seconds(2)))
    }

    @Test func recordHealthyResetsWithoutAFailure() {
        var state = BackoffState(policy: Self.steady)
        var random = SeededRandomNumberGenerator(seed: 1)
        for _ in 0..<3 { _ = state.recordFailure(.pingTimeout, after: .zero, using: &random) }
        state.recordHealthy()
        #expect(state.consecutiveFailures == 0)
        #expect(state.recordFailure(.pingTimeout, after: .zero, using: &random) == .restart(after: .seconds(1)))
    }

    @Test func theLimitGivesUpAfterMaximumRestarts() {
        var policy = Self.steady
        policy.maximumRestarts = 3
        var state = BackoffState(policy: policy)
        var random = SeededRandomNumberGenerator(seed: 1)
        let decisions = (0..<5).map { _ in state.recordFailure(.pluginError, after: .zero, using: &random) }
        #expect(
            decisions == [
                .restart(after: .seconds(1)), .restart(after: .seconds(2)), .restart(after: .seconds(4)), .giveUp, .giveUp,
            ]
        )
        #expect(state.hasGivenUp)
        #expect(state.isAtLimit)
        // Giving up is final: neither a healthy report nor a long session revives the game.
        state.recordHealthy()
        #expect(state.recordFailure(.dropped, after: .seconds(3600), using: &random) == .giveUp)
    }

    @Test func theLimitCountsOnlyRestartsSinceTheLastHealthySession() {
        var policy = Self.steady
        policy.maximumRestarts = 2
        var state = BackoffState(policy: policy)
        var random = SeededRandomNumberGenerator(seed: 1)
        for _ in 0..<10 {
            #expect(state.recordFailure(.dropped, after: .seconds(60), using: &random) == .restart(after: .seconds(1)))
            #expect(state.recordFailure(.connectionRefused, after: .zero, using: &random) == .restart(after: .seconds(2)))
            #expect(state.isAtLimit)
        }
        #expect(state.recordFailure(.connectionRefused, after: .zero, using: &random) == .giveUp)
    }

    @Test func zeroMaximumRestartsNeverRestarts() {
        var policy = Self.steady
        policy.maximumRestarts = 0
        var state = BackoffState(policy: policy)
        var random = SeededRandomNumberGenerator(seed: 1)
        #expect(state.isAtLimit)
        #expect(state.recordFailure(.other, after: .seconds(100), using: &random) == .giveUp)
    }

    @Test func httpErrorsBackOffHarderThanRefusedConnections() {
        var refused = BackoffState(policy: Self.steady)
        var rejected = BackoffState(policy: Self.steady)
        var random = SeededRandomNumberGenerator(seed: 1)
        for number in 1...4 {
            let refusedWait = refused.recordFailure(.connectionRefused, after: .zero, using: &random)
            let rejectedWait = rejected.recordFailure(.httpError, after: .zero, using: &random)
            #expect(refusedWait == .restart(after: .seconds(1 << (number - 1))))
            #expect(rejectedWait == .restart(after: .seconds(4 << (number - 1))))
        }
    }
}
