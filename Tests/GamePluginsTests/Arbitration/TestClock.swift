import Synchronization

/// A clock that moves only when the test advances it, and reports every sleep it is asked
/// for, so a test awaits the sleep instead of sleeping itself.
final class TestClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [Int: (deadline: Instant, continuation: CheckedContinuation<Void, any Error>)] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())
    private let requests: AsyncStream<Instant>.Continuation
    /// The deadline of every sleep that had to wait, as it is asked for.
    let sleeps: AsyncStream<Instant>

    init() { (sleeps, requests) = AsyncStream.makeStream() }

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .zero }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let result = state.withLock { state -> Result<Void, any Error>? in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers[id] = (deadline, continuation)
                    return nil
                }
                if let result {
                    continuation.resume(with: result)
                } else {
                    requests.yield(deadline)
                }
            }
        } onCancel: {
            state.withLock { $0.sleepers.removeValue(forKey: id) }?.continuation.resume(throwing: CancellationError())
        }
    }

    /// The deadline of the next sleep past the clock's now: a sleep asked for again until a
    /// deadline already waited for is a re-check, not a poll.
    func nextDeadline(in sleeps: inout AsyncStream<Instant>.Iterator) async -> Instant? {
        while let deadline = await sleeps.next() {
            if deadline > now { return deadline }
        }
        return nil
    }

    /// Moves the clock to `instant`, waking every sleep that is due.
    func advance(to instant: Instant) {
        let due = state.withLock { state in
            state.now = instant
            let due = state.sleepers.filter { $0.value.deadline <= instant }
            for id in due.keys { state.sleepers[id] = nil }
            return due.values.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }
}
