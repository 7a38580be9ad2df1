#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's limit on open file descriptors: each game holds one socket (two with
/// `--simulate`, NeuroSim's end in the same process), so thousands of games need more than
/// the usual soft limit of 1,024.
enum DescriptorLimit {
    /// Raises the soft limit to the hard one; returns the soft limit now in force, or `nil` when
    /// it cannot be read.
    static func raiseToHardLimit() -> UInt64? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return UInt64(raised.rlim_max) }
        }
        return UInt64(limit.rlim_cur)
    }

    /// The descriptors `games` games need: a socket each (two with NeuroSim in the process),
    /// and some for the process itself (the dashboard, saves, logs).
    static func needed(games: Int, simulate: Bool) -> UInt64 {
        UInt64(games) * (simulate ? 2 : 1) + 64
    }
}
