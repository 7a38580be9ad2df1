import Testing

@testable import NeuroDashboard

/// The charts' history: a pure value with explicit time, so every number is exact.
@Suite struct DashboardHistoryTests {
    static func games(_ results: Int...) -> [DashboardHistory.GameSample] {
        results.map { DashboardHistory.GameSample(results: $0) }
    }

    @Test func slowPlayReadsAsItsRateNotAsZero() {
        // One result every 2 s, sampled every second: a 1 s rate reads 0 half the time.
        var history = DashboardHistory()
        var rates: [Double] = []
        for second in 0...30 {
            history.record(at: Double(second), failures: 0, reconnects: 0, games: Self.games(second / 2))
            if second >= 10 { rates.append(history.resultsPerSecond) }
        }
        #expect(rates.allSatisfy { abs($0 - 0.5) <= 0.1 }, "every rate over the 10 s window is about 0.5: \(rates)")
        #expect(history.points.count == 31)
    }

    @Test func theRateFollowsAChangeWithinTheWindow() {
        var history = DashboardHistory()
        for second in 0...20 {
            history.record(at: Double(second), failures: 0, reconnects: 0, games: Self.games(second * 4))
        }
        #expect(history.resultsPerSecond == 4)
        for second in 21...40 {
            history.record(at: Double(second), failures: 0, reconnects: 0, games: Self.games(80))
        }
        #expect(history.resultsPerSecond == 0, "no result in the last 10 s")
    }

    @Test func aSampleSoonerThanTheSpacingIsSkipped() {
        var history = DashboardHistory()
        let taken = [0, 0.5, 1].map { history.record(at: $0, failures: 0, reconnects: 0, games: Self.games(3)) }
        #expect(taken == [true, false, true])
        #expect(history.points.map(\.secondsRunning) == [0, 1])
    }

    @Test func aGapWithoutWatchersGivesTheRateOverTheGap() {
        var history = DashboardHistory()
        history.record(at: 0, failures: 0, reconnects: 0, games: Self.games(0))
        history.record(at: 100, failures: 0, reconnects: 0, games: Self.games(50))
        #expect(history.resultsPerSecond == 0.5)
    }

    @Test func failuresAndReconnectsMarkTheSampleTheyHappenedIn() {
        var history = DashboardHistory()
        history.record(at: 0, failures: 2, reconnects: 1, games: Self.games(5))
        history.record(at: 1, failures: 2, reconnects: 1, games: Self.games(6))
        history.record(at: 2, failures: 5, reconnects: 3, games: Self.games(9))
        #expect(history.points.map(\.newFailures) == [0, 0, 3])
        #expect(history.points.map(\.newReconnects) == [0, 0, 2])
    }

    @Test func latencyPercentilesCountEachActionOnceOverTheWindow() {
        var history = DashboardHistory()
        let first = (1...10).map { (sequence: $0, seconds: Double($0) / 1000) }
        history.record(at: 0, failures: 0, reconnects: 0, games: [.init(results: 0)])
        history.record(at: 1, failures: 0, reconnects: 0, games: [.init(results: 10, latencies: first)])
        #expect(abs((history.points.last?.latencyP50Milliseconds ?? 0) - 5) < 1e-9)
        #expect(abs((history.points.last?.latencyP99Milliseconds ?? 0) - 10) < 1e-9)
        // The same records again (the activity log keeps its newest ten) add nothing.
        history.record(at: 2, failures: 0, reconnects: 0, games: [.init(results: 10, latencies: first)])
        #expect(abs((history.points.last?.latencyP50Milliseconds ?? 0) - 5) < 1e-9)
        // Twelve seconds later the window holds none.
        history.record(at: 14, failures: 0, reconnects: 0, games: [.init(results: 10, latencies: first)])
        #expect(history.points.last?.latencyP50Milliseconds == nil)
        #expect(history.points.first?.latencyP50Milliseconds == nil, "the first sample only learns where the logs are")
    }

    @Test func aLogThatStartsAgainIsReadFromItsStart() {
        var history = DashboardHistory()
        history.record(at: 0, failures: 0, reconnects: 0, games: [.init(results: 0)])
        history.record(at: 1, failures: 0, reconnects: 0, games: [.init(results: 50, latencies: [(50, 0.001)])])
        history.record(at: 12, failures: 0, reconnects: 0, games: [.init(results: 2, latencies: [(1, 0.004), (2, 0.004)])])
        #expect(abs((history.points.last?.latencyP50Milliseconds ?? 0) - 4) < 1e-9, "\(history.points)")
    }

    @Test func theHistoryKeepsAtMostItsCapacity() {
        var history = DashboardHistory(capacity: 5)
        for second in 0..<50 {
            history.record(at: Double(second), failures: 0, reconnects: 0, games: Self.games(second))
        }
        #expect(history.points.map(\.secondsRunning) == [45, 46, 47, 48, 49])
    }

    @Test func aSparklineCountsResultsPerBucket() {
        var history = DashboardHistory(bucketSeconds: 10, bucketCount: 3)
        for second in 0...35 {
            // Game 0: a result a second; game 1: 5 results at second 12 only.
            history.record(at: Double(second), failures: 0, reconnects: 0, games: Self.games(second, second >= 12 ? 5 : 0))
        }
        #expect(history.sparkline(ofGame: 0) == [10, 10, 5], "two full buckets and the one under way")
        #expect(history.sparkline(ofGame: 1) == [5, 0, 0])
        #expect(history.sparkline(ofGame: 2) == [])
    }

    @Test func percentilesUseTheNearestRank() {
        #expect(DashboardHistory.percentile(0.5, of: []) == nil)
        #expect(DashboardHistory.percentile(0.5, of: [7]) == 7)
        #expect(DashboardHistory.percentile(0.99, of: (1...100).map(Double.init)) == 99)
        #expect(DashboardHistory.percentile(0.5, of: [1, 2, 3, 4]) == 2)
    }
}
