import Foundation

extension RestartPolicy {
    /// The wait before restarting after the `number`-th consecutive failure.
    ///
    /// The wait is `initialDelay × severity × multiplier^(number-1)` capped at `maximumDelay`,
    /// then reduced by a random fraction of up to `jitter` of itself, and rounded to whole
    /// milliseconds. Jitter only ever shortens a wait, so `maximumDelay` is a true maximum and
    /// the wait lies in `[(1 - jitter) × capped, capped]`. Out-of-range policy values (from code
    /// rather than `games.json`, which is validated) are clamped rather than trusted.
    ///
    /// ```swift
    /// var random = SeededRandomNumberGenerator(seed: 1)
    /// let wait = policy.delay(afterFailure: 3, kind: .connectionRefused, using: &random)
    /// ```
    ///
    /// - Parameters:
    ///   - number: the count of consecutive failures so far, from 1 (values below 1 count as 1).
    ///   - kind: why the last session ended; an HTTP error waits longer.
    ///   - random: the source of the jitter; a seeded generator makes the waits reproducible.
    package func delay(
        afterFailure number: Int,
        kind: FailureKind,
        using random: inout some RandomNumberGenerator
    ) -> Duration {
        let cap = max(maximumDelay.inSeconds, 0)
        let start = max(initialDelay.inSeconds, 0) * kind.severity
        let growth = multiplier.isFinite ? max(multiplier, 1) : 1
        let exponent = Double(max(number, 1) - 1)
        // `0 × ∞` would be NaN, so a zero start stays zero however large the exponent.
        var wait = start == 0 ? 0 : min(start * Foundation.pow(growth, exponent), cap)
        if !wait.isFinite { wait = cap }
        let spread = jitter.isFinite ? min(max(jitter, 0), 1) : 0
        // 53 random bits give a uniform fraction in [0, 1) that is the same on every platform.
        let fraction = Double(random.next() >> 11) * 0x1p-53
        wait -= wait * spread * fraction
        // Clamped so that a policy built in code with an absurd maximum cannot overflow Int64.
        return .milliseconds(Int64(min((wait * 1000).rounded(), 1e15)))
    }
}
