/// A condition that did not hold in time.
public struct ConditionTimedOut: Error, CustomStringConvertible {
    public var condition: String
    public var timeout: Duration

    public var description: String { "timed out after \(timeout) waiting until \(condition)" }
}

/// Waits until `condition` holds, checking it every 20 ms for at most `timeout`.
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
    let deadline = clock.now.advanced(by: timeout)
    while try await !isTrue() {
        guard clock.now < deadline else { throw ConditionTimedOut(condition: condition, timeout: timeout) }
        try await Task.sleep(for: .milliseconds(20))
    }
}
