#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A lock with `Mutex`'s `withLock`, on a pthread mutex: what every module's `Mutex` is in a
/// ThreadSanitizer build (`-Xswiftc -DNEURO_TSAN`, see `.ci/run` and `docs/RELIABILITY.md`).
///
/// Why: on Linux, `Synchronization.Mutex` locks with futexes in code ThreadSanitizer does not
/// instrument, so it cannot see the lock's happens-before edges and reports every access
/// under it as a race (ten lines with four threads appending under a `Mutex` give reports;
/// the same under a pthread mutex give none). Swapping the lock, not suppressing reports,
/// keeps every real race reportable. Never used outside such builds.
package final class SanitizerVisibleMutex<Value>: @unchecked Sendable {
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// Creates a lock guarding `value`.
    package init(_ value: Value) {
        self.value = value
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the guarded value, under the lock.
    package func withLock<Result, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
