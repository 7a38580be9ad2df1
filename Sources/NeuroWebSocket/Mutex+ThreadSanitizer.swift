#if NEURO_TSAN
    import NeuroProtocol

    /// In ThreadSanitizer builds this module's `Mutex` is a lock the sanitizer can see
    /// (`SanitizerVisibleMutex`, which says why); in every other build it is Synchronization's.
    typealias Mutex<Value> = SanitizerVisibleMutex<Value>
#endif
