/// A compact log-linear histogram of latencies, accurate to about 1.6 %: constant memory per
/// connection however long a flood runs, and mergeable for the report.
public struct LatencyHistogram: Sendable, Hashable {
    /// Sub-buckets per power of two; the relative error is at most `1 / subBucketCount`.
    private static let subBucketBits = 6
    private static let subBucketCount = 1 << subBucketBits

    private var counts: [UInt64] = []
    /// How many samples were recorded.
    public private(set) var count: UInt64 = 0
    /// The largest sample, exactly.
    public private(set) var maximum: Duration = .zero

    /// Creates an empty histogram.
    public init() {}

    /// Records one latency (negative values count as zero).
    public mutating func record(_ latency: Duration) {
        let microseconds = max(0, Self.microseconds(latency))
        let index = Self.bucketIndex(UInt64(microseconds))
        if index >= counts.count { counts.append(contentsOf: repeatElement(0, count: index + 1 - counts.count)) }
        counts[index] += 1
        count += 1
        maximum = max(maximum, latency)
    }

    /// Adds another histogram's samples.
    public mutating func merge(_ other: LatencyHistogram) {
        if other.counts.count > counts.count {
            counts.append(contentsOf: repeatElement(0, count: other.counts.count - counts.count))
        }
        for (index, value) in other.counts.enumerated() { counts[index] += value }
        count += other.count
        maximum = max(maximum, other.maximum)
    }

    /// The latency below which `fraction` of the samples lie (e.g. `0.99`); `nil` when empty.
    public func percentile(_ fraction: Double) -> Duration? {
        guard count > 0 else { return nil }
        let rank = max(1, UInt64((fraction * Double(count)).rounded(.up)))
        var seen: UInt64 = 0
        for (index, value) in counts.enumerated() {
            seen += value
            if seen >= rank { return min(.microseconds(Self.upperBound(ofBucket: index)), maximum) }
        }
        return maximum
    }

    private static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    private static func bucketIndex(_ value: UInt64) -> Int {
        guard value >= UInt64(subBucketCount) else { return Int(value) }
        let magnitude = 63 - value.leadingZeroBitCount  // ≥ subBucketBits
        let shift = magnitude - subBucketBits
        let subBucket = Int(value >> UInt64(shift)) - subBucketCount
        return subBucketCount + shift * subBucketCount + subBucket
    }

    private static func upperBound(ofBucket index: Int) -> Int64 {
        guard index >= subBucketCount else { return Int64(index) }
        let shift = (index - subBucketCount) / subBucketCount
        let subBucket = (index - subBucketCount) % subBucketCount
        return Int64((subBucketCount + subBucket + 1) << shift) - 1
    }
}
