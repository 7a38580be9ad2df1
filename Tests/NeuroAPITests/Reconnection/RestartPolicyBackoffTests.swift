import Foundation
import NeuroAPI
import Testing

/// The waits of ``RestartPolicy/delay(afterFailure:kind:using:)``: deterministic, capped, jittered.
@Suite struct RestartPolicyBackoffTests {
    /// The default policy: 1 s doubling to 60 s, 20 % jitter.
    static let policy = RestartPolicy()

    static func delays(_ policy: RestartPolicy, kind: RestartPolicy.FailureKind, seed: UInt64, count: Int) -> [Duration] {
        var random = SeededRandomNumberGenerator(seed: seed)
        return (1...count).map { policy.delay(afterFailure: $0, kind: kind, using: &random) }
    }

    @Test func fixedSeedGivesExactDelays() {
        // Computed independently from SplitMix64 and the documented formula.
        #expect(
            Self.delays(Self.policy, kind: .connectionRefused, seed: 42, count: 8)
                == [852, 1936, 3777, 7449, 15878, 26443, 57379, 50392].map { .milliseconds($0) }
        )
    }

    @Test func httpErrorsStartFourTimesHigher() {
        #expect(
            Self.delays(Self.policy, kind: .httpError, seed: 42, count: 8)
                == [3407, 7744, 15108, 29797, 59544, 49581, 57379, 50392].map { .milliseconds($0) }
        )
        var steady = Self.policy
        steady.jitter = 0
        #expect(
            Self.delays(steady, kind: .httpError, seed: 1, count: 6) == [4, 8, 16, 32, 60, 60].map { .seconds($0) }
        )
        #expect(
            Self.delays(steady, kind: .connectionRefused, seed: 1, count: 6) == [1, 2, 4, 8, 16, 32].map { .seconds($0) }
        )
    }

    @Test(arguments: RestartPolicy.FailureKind.allCases)
    func withoutJitterTheDelaysAreCappedExponential(kind: RestartPolicy.FailureKind) {
        let policy = RestartPolicy(initialDelay: .milliseconds(250), maximumDelay: .seconds(10), multiplier: 3, jitter: 0)
        let start = kind == .httpError ? 1000 : 250
        let expected = (0..<12).map { step in Duration.milliseconds(min(start * Int(pow(3, Double(step))), 10_000)) }
        #expect(Self.delays(policy, kind: kind, seed: 9, count: 12) == expected)
    }

    @Test func jitterStaysWithinItsBoundsOverManySeeds() {
        let policy = RestartPolicy(initialDelay: .seconds(1), maximumDelay: .seconds(30), multiplier: 2, jitter: 0.5)
        var smallest = Duration.seconds(1000)
        var largest = Duration.zero
        for seed in UInt64(0)..<500 {
            var random = SeededRandomNumberGenerator(seed: seed)
            for number in 1...8 {
                let nominal = Duration.milliseconds(min(1000 << (number - 1), 30_000))
                let delay = policy.delay(afterFailure: number, kind: .dropped, using: &random)
                #expect(delay <= nominal)
                #expect(delay >= nominal / 2)
                if number == 8 {
                    smallest = min(smallest, delay)
                    largest = max(largest, delay)
                }
            }
        }
        // The jitter really spreads the waits over most of the allowed range.
        #expect(smallest < .seconds(16))
        #expect(largest > .seconds(29))
    }

    @Test func differentSeedsGiveDifferentDelays() {
        let first = Self.delays(Self.policy, kind: .pingTimeout, seed: 1, count: 5)
        let second = Self.delays(Self.policy, kind: .pingTimeout, seed: 2, count: 5)
        #expect(first != second)
        #expect(first == Self.delays(Self.policy, kind: .pingTimeout, seed: 1, count: 5))
    }

    @Test func hugeFailureCountsStayAtTheCap() {
        var random = SeededRandomNumberGenerator(seed: 3)
        var steady = Self.policy
        steady.jitter = 0
        #expect(steady.delay(afterFailure: 10_000, kind: .other, using: &random) == .seconds(60))
        #expect(steady.delay(afterFailure: .max, kind: .httpError, using: &random) == .seconds(60))
        #expect(steady.delay(afterFailure: 0, kind: .other, using: &random) == .seconds(1))
        #expect(steady.delay(afterFailure: -5, kind: .other, using: &random) == .seconds(1))
    }

    @Test func absurdPoliciesBuiltInCodeAreClampedNotTrusted() {
        var random = SeededRandomNumberGenerator(seed: 4)
        let negative = RestartPolicy(initialDelay: .seconds(-5), maximumDelay: .seconds(-1), multiplier: -2, jitter: 7)
        #expect(negative.delay(afterFailure: 3, kind: .other, using: &random) == .zero)
        let notANumber = RestartPolicy(initialDelay: .seconds(2), maximumDelay: .seconds(60), multiplier: .nan, jitter: .nan)
        #expect(notANumber.delay(afterFailure: 5, kind: .other, using: &random) == .seconds(2))
        let enormous = RestartPolicy(
            initialDelay: .seconds(Int64.max / 2), maximumDelay: .seconds(Int64.max), multiplier: 1e300, jitter: 0)
        #expect(enormous.delay(afterFailure: 9, kind: .httpError, using: &random) == .milliseconds(1_000_000_000_000_000))
    }
}
