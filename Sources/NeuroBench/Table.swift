import Foundation

/// Markdown tables of the results, ready for docs/BENCHMARKS.md.
enum Table {
    static func number(_ value: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", value) }
    static func optional(_ value: Double?, _ digits: Int = 2) -> String { value.map { number($0, digits) } ?? "–" }
    static func milliseconds(_ duration: Duration?) -> String { optional(duration.map { $0.inSeconds * 1e3 }) }

    /// A table with `header`, every column right-aligned, one line per row.
    static func markdown(_ header: [String], _ rows: [[String]]) -> String {
        let lines =
            [header, header.map { _ in "---:" }] + rows
        return lines.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
    }

    static func roundtrip(_ rows: [(RoundtripResult, RoundtripResult?)]) -> String {
        markdown(
            [
                "games", "Swift results/s", "p50 ms", "p99 ms", "max ms", "CPU s / 100k", "failures", "violations",
                "Python results/s", "Python p50 ms", "Python p99 ms", "Python CPU s / 100k", "Python violations",
                "Swift/Python", "CPU Python/Swift",
            ],
            rows.map { swift, python in
                let ratio = python.map { $0.throughput > 0 ? number(swift.throughput / $0.throughput, 1) + "×" : "–" }
                let cpuRatio = python.map { swift.cpuPer100k > 0 ? number($0.cpuPer100k / swift.cpuPer100k, 1) + "×" : "–" }
                return [
                    "\(swift.games)", number(swift.throughput), optional(swift.latencyP50), optional(swift.latencyP99),
                    optional(swift.latencyMax), number(swift.cpuPer100k, 2), "\(swift.failures)", "\(swift.violations)",
                    python.map { number($0.throughput) } ?? "–", optional(python?.latencyP50), optional(python?.latencyP99),
                    python.map { number($0.cpuPer100k, 2) } ?? "–", python.map { "\($0.violations)" } ?? "–", ratio ?? "–",
                    cpuRatio ?? "–",
                ]
            })
    }

    /// The round trip under `neuro-host`'s supervisors, without and with the dashboard.
    static func dashboard(_ rows: [(off: RoundtripResult, on: RoundtripResult)]) -> String {
        markdown(
            [
                "games", "off results/s", "off p50 ms", "off p99 ms", "off CPU s / 100k", "on results/s", "on p50 ms",
                "on p99 ms", "on CPU s / 100k", "on/off results", "violations",
            ],
            rows.map { off, on in
                [
                    "\(off.games)", number(off.throughput), optional(off.latencyP50), optional(off.latencyP99),
                    number(off.cpuPer100k, 2), number(on.throughput), optional(on.latencyP50), optional(on.latencyP99),
                    number(on.cpuPer100k, 2), off.throughput > 0 ? number(on.throughput / off.throughput, 2) + "×" : "–",
                    "\(off.violations + on.violations)",
                ]
            })
    }

    /// Per number of games: the throughput and CPU ratios of the interleaved pairs, their median and range.
    static func roundtripRatios(_ rows: [(RoundtripResult, RoundtripResult?)]) -> String {
        let counts = rows.map(\.0.games).reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
        return markdown(
            ["games", "pairs", "Swift/Python median", "range", "CPU Python/Swift median", "range"],
            counts.map { count in
                let pairs = rows.filter { $0.0.games == count }.compactMap { swift, python in python.map { (swift, $0) } }
                let speed = pairs.compactMap { $1.throughput > 0 ? $0.throughput / $1.throughput : nil }.sorted()
                let cpu = pairs.compactMap { $0.cpuPer100k > 0 ? $1.cpuPer100k / $0.cpuPer100k : nil }.sorted()
                return ["\(count)", "\(pairs.count)", median(speed), range(speed), median(cpu), range(cpu)]
            })
    }

    private static func median(_ sorted: [Double]) -> String {
        guard !sorted.isEmpty else { return "–" }
        let middle = sorted.count / 2
        let value = sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
        return number(value, 1) + "×"
    }

    private static func range(_ sorted: [Double]) -> String {
        guard let low = sorted.first, let high = sorted.last else { return "–" }
        return number(low, 1) + "–" + number(high, 1) + "×"
    }

    static func hotPath(_ rows: [HotPathResult]) -> String {
        markdown(
            ["actions", "seconds", "ns per action", "bytes sent per action"],
            rows.map { row in
                [
                    "\(row.actions)", number(row.seconds, 3), number(row.nanosecondsPerAction),
                    number(Double(row.bytesSent) / Double(max(row.actions, 1)), 1),
                ]
            })
    }

    static func idle(_ rows: [IdleResult]) -> String {
        markdown(
            ["games", "RSS before MB", "RSS after MB", "KB per game"],
            rows.map { row in
                [
                    "\(row.games)", number(Double(row.residentBefore) / 1_048_576, 1),
                    number(Double(row.residentAfter) / 1_048_576, 1), number(row.bytesPerGame / 1024, 1),
                ]
            })
    }

    static func storm(_ rows: [StormResult]) -> String {
        markdown(
            ["games", "connect + register s", "reconnect + re-register after restart s", "backoff s"],
            rows.map { row in
                [
                    "\(row.games)", number(row.connectSeconds, 3), number(row.reconnectSeconds, 3),
                    number(row.backoffSeconds, 3),
                ]
            })
    }

    static func floor(_ rows: [FloorResult]) -> String {
        markdown(
            ["clients", "echo round trips/s", "p50 ms", "p99 ms", "max ms", "CPU s / 100k"],
            rows.map { row in
                let cpu = row.roundTrips > 0 ? row.cpuSeconds / Double(row.roundTrips) * 100_000 : 0
                return [
                    "\(row.games)", number(row.throughput), milliseconds(row.latency.percentile(0.5)),
                    milliseconds(row.latency.percentile(0.99)),
                    milliseconds(row.latency.count > 0 ? row.latency.maximum : nil), number(cpu, 2),
                ]
            })
    }
}
