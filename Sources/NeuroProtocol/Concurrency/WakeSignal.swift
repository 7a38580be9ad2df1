import Synchronization

/// A wake-up for one sleeping task of an owner, kept in the owner's `Mutex`-guarded state: the
/// package's one "sleep until a deadline or until woken" primitive, behind the force slot's
/// timeout check, NeuroSim's connection timer and the reconnecting service's backoff wait.
///
/// The owner raises it under its lock when something the sleeper must look at changed (a
/// nearer deadline, a control) and resumes what ``raise()`` returns after the lock is released.
/// A raise while nobody sleeps is kept, once, for the next sleep, so a change between two
/// sleeps is never missed.
///
/// ```swift
/// struct State { var deadline: Duration?; var wake = WakeSignal() }
/// // The sleeper (the owner's method):
/// let reason = await WakeSignal.sleep(until: deadline, on: clock) { await self.state.waitUntilRaised(\.wake) }
/// // The owner:
/// let woken = state.withLock { state in state.deadline = sooner; return state.wake.raise() }
/// woken?.resume(returning: true)
/// ```
package struct WakeSignal: Sendable {
    /// Why a sleep ended.
    package enum Ending: Sendable, Hashable {
        /// The deadline came.
        case deadline
        /// The signal was raised.
        case raised
        /// The task was cancelled.
        case cancelled
    }

    /// Whether a raise is kept for the next sleep.
    package fileprivate(set) var isRaised = false
    fileprivate var waiters = Waiters<Int, Bool>()

    /// Creates a signal that is not raised.
    package init() {}

    /// Raises the signal; returns the sleeper to resume with `true` after the owner's lock is
    /// released, or `nil` when nobody sleeps (the raise is then kept for the next sleep).
    package mutating func raise() -> Waiters<Int, Bool>.Waiter? {
        isRaised = true
        return waiters.take(0)
    }

    /// Drops a kept raise (the owner has looked at the change itself).
    package mutating func lower() {
        isRaised = false
    }
}

extension WakeSignal {
    /// Sleeps on `clock` until `deadline` — with none, until raised or cancelled — unless
    /// `untilRaised` (the owner's `Mutex/waitUntilRaised(_:)` on this signal) returns first.
    ///
    /// Two children per timed sleep (the clock's sleep and the wake-up), never per raise:
    /// whichever ends first ends both.
    /// - Returns: why the sleep ended.
    package static func sleep(
        until deadline: Duration?, on clock: ElapsedClock, orUntil untilRaised: @escaping @Sendable () async -> Bool
    ) async -> Ending {
        guard let deadline else {
            return await untilRaised() ? .raised : .cancelled
        }
        let ending = await withTaskGroup(of: Ending.self) { group in
            group.addTask {
                do {
                    try await clock.sleep(until: deadline)
                    return .deadline
                } catch {
                    return .cancelled
                }
            }
            group.addTask { await untilRaised() ? .raised : .cancelled }
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            return first
        }
        return Task.isCancelled ? .cancelled : ending
    }
}

extension Mutex {
    /// Returns `true` once the signal is raised (taking the raise), `false` when cancelled.
    package func waitUntilRaised(_ signal: WritableKeyPath<Value, WakeSignal> & Sendable) async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let ready = withLock { state -> Bool? in
                    if state[keyPath: signal].isRaised {
                        state[keyPath: signal].isRaised = false
                        return true
                    }
                    // Checked under the lock: a cancellation handler that ran first found no
                    // sleeper to resume.
                    if Task.isCancelled { return false }
                    let replaced = state[keyPath: signal].waiters.take(0)
                    assert(replaced == nil, "two tasks sleep on one wake signal")
                    _ = state[keyPath: signal].waiters.park(continuation, as: 0)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            withLock { $0[keyPath: signal].waiters.take(0) }?.resume(returning: false)
        }
    }
}
