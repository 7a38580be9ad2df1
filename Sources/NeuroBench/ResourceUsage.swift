import Foundation

#if canImport(Glibc)
    // Glibc imports RUSAGE_SELF as an enum case; getrusage takes its raw value.
    private let rusageSelf = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
    private let rusageSelf = RUSAGE_SELF
#endif

/// What the bench reads about its own process (CPU time, resident memory) and about a child's
/// (resident memory, open descriptors).
enum ResourceUsage {
    /// User plus system CPU seconds of this process so far (`getrusage(RUSAGE_SELF)`).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        guard getrusage(rusageSelf, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The resident set size in bytes (`VmRSS` in `/proc/self/status`); `nil` where there is
    /// no such file (not Linux).
    static func residentBytes() -> Int? {
        residentKilobytes(ofProcess: "self").map { $0 * 1024 }
    }

    /// The resident set size of process `pid` (or `self`) in kilobytes (`VmRSS` in
    /// `/proc/{pid}/status`); `nil` where there is no such file.
    static func residentKilobytes(ofProcess pid: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes
        }
        return nil
    }

    /// How many file descriptors process `pid` has open (the entries of `/proc/{pid}/fd`);
    /// `nil` where it cannot be read.
    static func openDescriptors(ofProcess pid: String) -> Int? {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"))?.count
    }
}
