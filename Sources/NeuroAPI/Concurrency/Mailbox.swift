import Synchronization

/// A value handed from any task to the one task that waits for it: the package's one
/// hand-written mutex-and-continuation waiter, shared by NeuroSim's timer wake-up and the
/// force slot's grants and its timeout checks.
///
/// A value delivered while nobody waits is kept (the latest one) for the next ``receive()``.
/// Cancelling the waiting task ends its wait with `CancellationError`. One task waits at a
/// time: a second ``receive()`` while one waits ends the earlier wait with `CancellationError`.
///
/// ```swift
/// let wakeup = Mailbox<Void>()
/// wakeup.deliver(())          // from anywhere
/// try await wakeup.receive()  // in the one waiting task
/// ```
package final class Mailbox<Value: Sendable>: Sendable {
    private enum State {
        case empty
        case holding(Value)
        case waiting(CheckedContinuation<Value, any Error>)
    }

    private let state = Mutex(State.empty)

    /// Creates an empty mailbox.
    package init() {}

    /// Whether a delivered value waits to be received.
    package var isHolding: Bool {
        state.withLock { state in
            if case .holding = state { return true }
            return false
        }
    }

    /// Hands `value` to the waiting task, or keeps it, in place of any kept value, for the next
    /// ``receive()``.
    package func deliver(_ value: Value) {
        let waiter = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            if case .waiting(let waiter) = state {
                state = .empty
                return waiter
            }
            state = .holding(value)
            return nil
        }
        waiter?.resume(returning: value)
    }

    /// Drops the kept value, if any.
    package func discard() {
        state.withLock { state in
            if case .holding = state { state = .empty }
        }
    }

    /// Returns the kept value at once, or waits for the next delivery.
    /// - Throws: `CancellationError` when the task is cancelled first (or another task starts
    ///   waiting).
    package func receive() async throws(CancellationError) -> Value {
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                    let (ready, replaced) = state.withLock {
                        state -> (Result<Value, any Error>?, CheckedContinuation<Value, any Error>?) in
                        var replaced: CheckedContinuation<Value, any Error>?
                        switch state {
                        case .holding(let value):
                            state = .empty
                            return (.success(value), nil)
                        case .waiting(let earlier):
                            replaced = earlier
                        case .empty:
                            break
                        }
                        // Checked under the lock: a cancellation handler that ran first found
                        // no waiter to resume.
                        if Task.isCancelled {
                            state = .empty
                            return (.failure(CancellationError()), replaced)
                        }
                        state = .waiting(continuation)
                        return (nil, replaced)
                    }
                    replaced?.resume(throwing: CancellationError())
                    if let ready { continuation.resume(with: ready) }
                }
            } onCancel: {
                let waiter = state.withLock { state -> CheckedContinuation<Value, any Error>? in
                    guard case .waiting(let waiter) = state else { return nil }
                    state = .empty
                    return waiter
                }
                waiter?.resume(throwing: CancellationError())
            }
        } catch {
            throw CancellationError()
        }
    }
}
