import Synchronization

/// A clock that moves only when a test advances it, so waits are checked exactly and no test
/// sleeps. Every sleep is recorded: as a duration from the clock's now (``requestedSleeps``,
/// ``waitForSleeps(_:)``) and, for sleeps that have to wait, as a deadline on ``sleeps``.
public final class ManualClock: Clock, Sendable {
    public struct Instant: InstantProtocol {
        public var offset: Duration
        public init(offset: Duration) { self.offset = offset }
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [Int: Sleeper] = [:]
        var nextID = 0
        var requested: [Duration] = []
        var requestWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())
    private let deadlines: AsyncStream<Instant>.Continuation
    /// The deadline of every sleep that had to wait, as it is asked for.
    public let sleeps: AsyncStream<Instant>

    public init() { (sleeps, deadlines) = AsyncStream.makeStream() }

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .zero }

    /// Every sleep asked for, in order, as a duration from the clock's now then.
    public var requestedSleeps: [Duration] { state.withLock { $0.requested } }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (resumeNow, waiters) = state.withLock { state -> (Bool, [CheckedContinuation<Void, Never>]) in
                    state.requested.append(state.now.duration(to: deadline))
                    let ready = state.requestWaiters.filter { $0.count <= state.requested.count }
                    state.requestWaiters.removeAll { $0.count <= state.requested.count }
                    if deadline <= state.now || Task.isCancelled { return (true, ready.map(\.continuation)) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return (false, ready.map(\.continuation))
                }
                for waiter in waiters { waiter.resume() }
                if resumeNow {
                    if Task.isCancelled { continuation.resume(throwing: CancellationError()) } else { continuation.resume() }
                } else {
                    deadlines.yield(deadline)
                }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward, waking every sleeper whose deadline has come.
    public func advance(by duration: Duration) {
        advance(to: now.advanced(by: duration))
    }

    /// Moves the clock to `instant`, waking every sleeper whose deadline has come.
    public func advance(to instant: Instant) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = instant
            let due = state.sleepers.filter { $0.value.deadline <= instant }
            for key in due.keys { state.sleepers.removeValue(forKey: key) }
            return Array(due.values)
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Returns once at least `count` sleeps have been asked for in total.
    public func waitForSleeps(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let isReady = state.withLock { state -> Bool in
                if state.requested.count >= count { return true }
                state.requestWaiters.append((count, continuation))
                return false
            }
            if isReady { continuation.resume() }
        }
    }

    /// The deadline of the next sleep past the clock's now, from `sleeps`: a sleep asked for
    /// again until a deadline already waited for is a re-check, not a poll.
    public func nextDeadline(in sleeps: inout AsyncStream<Instant>.Iterator) async -> Instant? {
        while let deadline = await sleeps.next() {
            if deadline > now { return deadline }
        }
        return nil
    }
}
