/// The dashboard's recent past, for its charts: host-wide samples (results per second over a
/// sliding window, result latency p50/p99, new failures and reconnects) and, per game, the
/// results of each bucket of time for its sparkline.
///
/// A pure value with explicit time (`at` is seconds on any monotonic scale; the model uses
/// seconds since the dashboard started), so it is tested without a clock. It keeps at most
/// ``capacity`` samples, at least ``sampleSpacing`` apart: nothing grows without bound.
struct DashboardHistory: Sendable {
    /// One game's counters at a sample.
    struct GameSample: Sendable {
        /// Results sent so far (accepted and failed).
        var results: Int
        /// The game's newest action records: sequence number and latency in seconds.
        var latencies: [(sequence: Int, seconds: Double)] = []
    }

    private struct Total: Sendable {
        var at: Double
        var results: Int
        var failures: Int
        var reconnects: Int
        var latencies: [Double]
    }

    /// How many samples are kept (300 one second apart: five minutes).
    let capacity: Int
    /// The sliding window of the rates and the latency percentiles, in seconds.
    let window: Double
    /// The least time between two samples, in seconds; a snapshot asked for sooner reuses the last.
    let sampleSpacing: Double
    /// The length of one sparkline bucket, in seconds.
    let bucketSeconds: Double
    /// How many buckets a sparkline has.
    let bucketCount: Int

    /// The points of the charts, oldest first.
    private(set) var points: [DashboardSnapshot.Point] = []
    private var totals: [Total] = []
    private var lastSequences: [Int] = []
    private var bucketStart: Double?
    private var bucketBase: [Int] = []
    private var buckets: [[Int]] = []
    private var latestResults: [Int] = []

    /// Creates an empty history.
    init(
        capacity: Int = 300, window: Double = 10, sampleSpacing: Double = 1, bucketSeconds: Double = 10,
        bucketCount: Int = 30
    ) {
        self.capacity = max(2, capacity)
        self.window = max(0.001, window)
        self.sampleSpacing = max(0, sampleSpacing)
        self.bucketSeconds = max(0.001, bucketSeconds)
        self.bucketCount = max(1, bucketCount)
    }

    /// Results per second over the last ``window`` seconds (0 before two samples).
    var resultsPerSecond: Double { points.last?.resultsPerSecond ?? 0 }

    /// Records a sample, unless the previous one is less than ``sampleSpacing`` old.
    /// - Parameters:
    ///   - at: now, in seconds.
    ///   - failures: failure results so far, over every game.
    ///   - reconnects: reconnections so far, over every game.
    ///   - games: each game's counters, in index order.
    /// - Returns: whether a sample was taken.
    @discardableResult
    mutating func record(at: Double, failures: Int, reconnects: Int, games: [GameSample]) -> Bool {
        if let last = totals.last, at - last.at < sampleSpacing { return false }
        let results = games.reduce(0) { $0 + $1.results }
        if lastSequences.count != games.count {
            lastSequences = games.map { $0.latencies.last?.sequence ?? 0 }
        }
        var latencies: [Double] = []
        for (index, game) in games.enumerated() {
            // A log that starts again (a relayed game that came back) numbers from 1 again.
            if let newest = game.latencies.last?.sequence, newest < lastSequences[index] { lastSequences[index] = 0 }
            for record in game.latencies where record.sequence > lastSequences[index] {
                latencies.append(record.seconds)
            }
            lastSequences[index] = max(lastSequences[index], game.latencies.last?.sequence ?? 0)
        }
        let previous = totals.last
        totals.append(Total(at: at, results: results, failures: failures, reconnects: reconnects, latencies: latencies))
        while let first = totals.first, at - first.at > window + sampleSpacing, totals.count > 2 {
            totals.removeFirst()
        }
        var base = totals.first { at - $0.at <= window + sampleSpacing / 2 } ?? totals[0]
        // Nobody asked for a while: the rate over the gap since the previous sample.
        if base.at == at, totals.count >= 2 { base = totals[totals.count - 2] }
        let elapsed = at - base.at
        let rate = elapsed > 0 ? Double(max(0, results - base.results)) / elapsed : 0
        let windowLatencies = totals.filter { at - $0.at < window }.flatMap(\.latencies).sorted()
        let point = DashboardSnapshot.Point(
            secondsRunning: at, resultsPerSecond: rate,
            latencyP50Milliseconds: Self.percentile(0.5, of: windowLatencies).map { $0 * 1000 },
            latencyP99Milliseconds: Self.percentile(0.99, of: windowLatencies).map { $0 * 1000 },
            newFailures: previous.map { max(0, failures - $0.failures) } ?? 0,
            newReconnects: previous.map { max(0, reconnects - $0.reconnects) } ?? 0)
        points.append(point)
        if points.count > capacity { points.removeFirst(points.count - capacity) }
        recordBuckets(at: at, results: games.map(\.results))
        return true
    }

    /// One game's results per bucket, oldest first, the bucket under way last (empty for an
    /// unknown index).
    func sparkline(ofGame index: Int) -> [Int] {
        guard buckets.indices.contains(index) else { return [] }
        return buckets[index] + [max(0, latestResults[index] - bucketBase[index])]
    }

    private mutating func recordBuckets(at: Double, results: [Int]) {
        if bucketBase.count != results.count {
            bucketBase = results
            buckets = Array(repeating: [], count: results.count)
            bucketStart = at
        }
        latestResults = results
        guard var start = bucketStart else { return }
        // At most one bucket per game closes here per bucket passed; a long silence closes
        // them all at once, bounded by bucketCount.
        var closed = 0
        while at - start >= bucketSeconds && closed < bucketCount {
            for index in results.indices {
                buckets[index].append(closed == 0 ? max(0, results[index] - bucketBase[index]) : 0)
                if buckets[index].count > bucketCount - 1 { buckets[index].removeFirst() }
            }
            start += bucketSeconds
            closed += 1
        }
        if closed > 0 {
            bucketBase = results
            bucketStart = at - start >= bucketSeconds ? at : start
        }
    }

    /// The nearest-rank percentile of sorted values; `nil` for none.
    static func percentile(_ fraction: Double, of sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(sorted.count - 1, max(0, rank))]
    }
}
