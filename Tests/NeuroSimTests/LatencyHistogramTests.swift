import Testing

@testable import NeuroSim

@Suite struct LatencyHistogramTests {
    @Test func percentilesAreWithinTwoPercent() throws {
        var histogram = LatencyHistogram()
        for microseconds in 1...10_000 { histogram.record(.microseconds(microseconds)) }
        let p50 = try #require(histogram.percentile(0.5))
        let p99 = try #require(histogram.percentile(0.99))
        #expect(abs(Double(p50.components.attoseconds) / 1e12 - 5_000) <= 100)
        #expect(abs(Double(p99.components.attoseconds) / 1e12 - 9_900) <= 200)
        #expect(histogram.maximum == .microseconds(10_000))
        #expect(histogram.count == 10_000)
    }

    @Test func emptyHistogramHasNoPercentile() {
        #expect(LatencyHistogram().percentile(0.5) == nil)
    }

    @Test func mergeAddsSamples() {
        var first = LatencyHistogram()
        var second = LatencyHistogram()
        first.record(.milliseconds(1))
        second.record(.seconds(2))
        first.merge(second)
        #expect(first.count == 2)
        #expect(first.maximum == .seconds(2))
        #expect(first.percentile(1) == .seconds(2))
    }
}
