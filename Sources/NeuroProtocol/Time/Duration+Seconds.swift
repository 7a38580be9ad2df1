extension Duration {
    /// The duration in seconds, with its fraction: the one conversion from `Duration` to a
    /// number of seconds that reports, logs, backoff arithmetic and recordings use.
    ///
    /// ```swift
    /// Duration.milliseconds(1_500).inSeconds  // 1.5
    /// ```
    package var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
