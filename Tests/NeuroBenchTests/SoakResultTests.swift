import NeuroAPI
import Testing

@testable import NeuroBench

/// What fails a soak, and the JSON keys issue #29 names.
@Suite struct SoakResultTests {
    static func passing() -> SoakResult {
        var result = SoakResult(games: 50, seconds: 120, warmupSeconds: 30, seed: 1)
        result.tally = ActionLedger.Tally(results: 1_000)
        result.rssAfterWarmupKB = 40_000
        result.rssEndKB = 44_000
        result.fdsAfterWarmup = 120
        result.fdsEnd = 125
        return result
    }

    @Test func aCleanRunWithinTheTolerancesPasses() {
        #expect(Self.passing().problems == [])
    }

    /// A break of one correctness rule, and a word of the problem it must cause.
    enum Breakage: String, CaseIterable, Sendable {
        case lost, duplicate, unknown, unansweredThrow, violations, noResults, notRecovered

        var words: String {
            switch self {
            case .lost: "lost"
            case .duplicate: "duplicate"
            case .unknown: "never sent"
            case .unansweredThrow: "without answering"
            case .violations: "violations"
            case .noResults: "no action"
            case .notRecovered: "came back"
            }
        }

        func apply(to result: inout SoakResult) {
            switch self {
            case .lost: result.tally.lost = 1
            case .duplicate: result.tally.duplicates = 1
            case .unknown: result.tally.unknownResults = 1
            case .unansweredThrow: result.tally.throwsUnanswered = 1
            case .violations: result.violationCount = 2
            case .noResults: result.tally.results = 0
            case .notRecovered: result.failures = ["Hangman 2 never came back"]
            }
        }
    }

    @Test(arguments: Breakage.allCases)
    func eachCorrectnessFailureFailsTheSoak(_ breakage: Breakage) throws {
        var result = Self.passing()
        breakage.apply(to: &result)
        let problem = try #require(result.correctnessProblems.first)
        #expect(problem.contains(breakage.words))
        #expect(result.problems.count == 1)
    }

    @Test func memoryGrowthAboveTenPercentAndMoreThanFiveDescriptorsFail() {
        var result = Self.passing()
        result.rssEndKB = 44_001
        #expect(result.resourceProblems.count == 1)
        #expect(result.resourceProblems.first?.contains("resident memory") == true)
        result = Self.passing()
        result.fdsEnd = 126
        #expect(result.resourceProblems.first?.contains("descriptors") == true)
        result.fdsEnd = 114
        #expect(result.resourceProblems.count == 1)
        #expect(result.correctnessProblems == [])
    }

    @Test func theJSONHasTheKeysOfTheIssue() throws {
        var result = Self.passing()
        result.faults = [.drop: 3, .restart: 1]
        result.violationCount = 0
        guard case .object(let object) = result.jsonValue else {
            Issue.record("the soak's JSON is not an object")
            return
        }
        #expect(object["results"] == .integer(1_000))
        #expect(object["lost"] == .integer(0))
        #expect(object["duplicates"] == .integer(0))
        #expect(object["violationCount"] == .integer(0))
        #expect(object["rssAfterWarmupKB"] == .integer(40_000))
        #expect(object["rssEndKB"] == .integer(44_000))
        #expect(object["fdsAfterWarmup"] == .integer(120))
        #expect(object["fdsEnd"] == .integer(125))
        let faults = try #require(object["faults"]?.objectValue)
        #expect(faults["drop"] == .integer(3))
        #expect(faults["restart"] == .integer(1))
        #expect(faults["stalledHandshake"] == .integer(0))
        #expect(faults.count == 9)
        #expect(object["faultKindsInjected"] == .integer(2))
        #expect(object["passed"] == .bool(true))
    }
}
