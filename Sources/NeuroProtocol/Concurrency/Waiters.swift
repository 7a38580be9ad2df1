import Synchronization

/// Tasks suspended until their owner's state lets them go, each under a key: the package's one
/// mutex-and-continuation helper, behind the component's connection and end waiters, the
/// client's turns, the force slot's grants and its timeout check, and NeuroSim's timer.
///
/// It lives inside the owner's `Mutex`-guarded state, so deciding to wait and parking are one
/// step under the owner's lock (`Mutex.wait(in:as:ifCancelled:until:)`), and so are changing
/// the state and taking the waiters to wake. Resume what ``take(_:)`` and ``takeAll()`` return
/// after the lock is released.
///
/// ```swift
/// struct State { var isOpen = false; var waiters = Waiters<Int, Bool>() }
/// // Waiting:
/// let isOpen = await state.wait(in: \.waiters, as: id, ifCancelled: false) { $0.isOpen ? true : nil }
/// // Waking:
/// let woken = state.withLock { state in state.isOpen = true; return state.waiters.takeAll() }
/// for waiter in woken { waiter.resume(returning: true) }
/// ```
package struct Waiters<Key: Hashable & Sendable, Result: Sendable>: Sendable {
    /// A parked task.
    package typealias Waiter = CheckedContinuation<Result, Never>

    private var parked: [Key: Waiter] = [:]

    /// Creates an empty set.
    package init() {}

    /// Whether no task waits.
    package var isEmpty: Bool { parked.isEmpty }

    /// Takes out the task waiting under `key`, to resume.
    package mutating func take(_ key: Key) -> Waiter? { parked.removeValue(forKey: key) }

    /// Takes out every waiting task, to resume.
    package mutating func takeAll() -> [Waiter] {
        defer { parked.removeAll() }
        return Array(parked.values)
    }

    /// Parks a task; a task already parked under `key` is handed back, to be resumed.
    mutating func park(_ waiter: Waiter, as key: Key) -> Waiter? {
        parked.updateValue(waiter, forKey: key)
    }
}

extension Mutex {
    /// Returns what `decide` returns under the lock, or, when it returns `nil`, waits under
    /// `key` until the owner takes the task out of `waiters` and resumes it.
    ///
    /// - Parameters:
    ///   - waiters: where in the guarded state the task waits.
    ///   - key: the task's key, unique among the tasks waiting there at once (a task already
    ///     waiting under it gets `ifCancelled`).
    ///   - ifCancelled: returned at once when the task is (or gets) cancelled; `nil` waits
    ///     through cancellation (a turn that must be taken whatever happens).
    ///   - decide: under the lock, the result to return at once, or `nil` to wait.
    package func wait<Key: Hashable & Sendable, Result: Sendable>(
        in waiters: WritableKeyPath<Value, Waiters<Key, Result>> & Sendable,
        as key: Key,
        ifCancelled: Result?,
        until decide: (inout Value) -> Result?
    ) async -> Result {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
                let (ready, replaced) = withLock { state -> (Result?, Waiters<Key, Result>.Waiter?) in
                    if let result = decide(&state) { return (result, nil) }
                    // Checked under the lock: a cancellation handler that ran first found no
                    // waiter to resume.
                    if let ifCancelled, Task.isCancelled { return (ifCancelled, nil) }
                    return (nil, state[keyPath: waiters].park(continuation, as: key))
                }
                assert(replaced == nil || ifCancelled != nil, "two uncancellable waits under one key")
                if let replaced, let ifCancelled { replaced.resume(returning: ifCancelled) }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            guard let ifCancelled else { return }
            withLock { $0[keyPath: waiters].take(key) }?.resume(returning: ifCancelled)
        }
    }
}
