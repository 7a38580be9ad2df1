#if NEURO_TSAN
    import NeuroProtocol

    /// In ThreadSanitizer builds the tests' `Mutex` is one the sanitizer can see (see
    /// `SanitizerVisibleMutex`).
    typealias Mutex<Value> = SanitizerVisibleMutex<Value>
#endif
