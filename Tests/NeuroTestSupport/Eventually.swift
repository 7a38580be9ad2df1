import Foundation

/// A condition that did not hold in time.
public struct ConditionTimedOut: Error, CustomStringConvertible {
    public var condition: String
    public var timeout: Duration

    public var description: String { "timed out after \(timeout) waiting until \(condition)" }
}

/// How much longer than usual tests may wait here: `NEURO_TEST_TIME_SCALE` (e.g. 3 under
/// ThreadSanitizer, which runs everything several times slower), 1 by default. Scales only
/// how long a bounded wait may take, never what a test asserts.
public let testTimeScale: Double = {
    guard let text = ProcessInfo.processInfo.environment["NEURO_TEST_TIME_SCALE"], let scale = Double(text), scale >= 1
    else { return 1 }
    return scale
}()

/// Waits until `condition` holds, checking it every 20 ms for at most `timeout` (times
/// ``testTimeScale``).
///
/// For observable state that has no event to await (a status, a report); the poll is bounded
/// in time and so in count.
/// - Throws: ``ConditionTimedOut`` naming the condition, which fails the test.
public func eventually(
    _ condition: String,
    timeout: Duration = .seconds(20),
    isTrue: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let timeout = timeout * testTimeScale
    let deadline = clock.now.advanced(by: timeout)
    while try await !isTrue() {
        guard clock.now < deadline else { throw ConditionTimedOut(condition: condition, timeout: timeout) }
        try await Task.sleep(for: .milliseconds(20))
    }
}
