import NeuroAPI
import Testing

@testable import NeuroSim

/// The 2026-08-21 protocol: the newest and default; a result timeout of 20 s (30 s before); a
/// successful result without a message is a warning (not before); and a force need not be
/// retried after a timeout.
@Suite struct LateAugustSpecTests {
    @Test func itIsTheNewestAndTheDefault() throws {
        #expect(try NeuroSimSpec(parsing: "2026-08-21") == .newest)
        #expect(NeuroSimSpec.newest == .lateAugust2026)
        #expect(NeuroSimSpec.lateAugust2026 > .august2026)
        #expect(NeuroSimConfiguration().spec == .lateAugust2026)
        #expect(NeuroSimConfiguration().resultTimeout == .seconds(20))
        #expect(NeuroSimSpec.lateAugust2026.resultTimeout == .seconds(20))
        #expect(NeuroSimSpec.august2026.resultTimeout == .seconds(30))
        #expect(NeuroSimSpec.lateAugust2026.expectsSuccessMessages)
        #expect(!NeuroSimSpec.august2026.expectsSuccessMessages)
    }

    @Test func theNewRuleIsAWarningOfTheNewSpecOnly() {
        #expect(ConformanceRule.successWithoutMessage.severity == .warning)
        #expect(ConformanceRule.successWithoutMessage.applies(under: .lateAugust2026))
        #expect(!ConformanceRule.successWithoutMessage.applies(under: .august2026))
        #expect(ConformanceRule.successWithoutMessage.summary.contains("2026-08-21"))
    }

    /// Answers NeuroSim's forced `wait` with `result` (JSON without the id).
    static func answerForcedWait(
        _ result: String, _ configure: @escaping (inout NeuroSimConfiguration) -> Void = { _ in }
    ) throws -> SessionHarness {
        var harness = SessionHarness {
            $0.forceDelay = .zero
            configure(&$0)
        }
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["wait"]))
        let action = try #require(harness.effects.actions.first)
        harness.send("action/result", data: #"{"id":"\#(action.id)",\#(result)}"#)
        return harness
    }

    @Test(arguments: [#""success":true"#, ##""success":true,"message":"""##, ##""success":true,"message":"  ""##])
    func aSuccessWithoutAMessageIsAWarning(result: String) throws {
        let harness = try Self.answerForcedWait(result)
        #expect(harness.rules == [.successWithoutMessage])
        let diagnostic = try #require(harness.effects.violations.first)
        #expect(diagnostic.message.contains("succeeded without a message"))
        #expect(diagnostic.command == "action/result")
    }

    @Test func aSuccessSayingWhatChangedIsClean() throws {
        let harness = try Self.answerForcedWait(#""success":true,"message":"You waited a turn.""#)
        #expect(harness.diagnosedRules.isEmpty)
    }

    @Test func beforeTheNewSpecASuccessNeedsNoMessage() throws {
        let harness = try Self.answerForcedWait(#""success":true"#) { $0.spec = .august2026 }
        #expect(harness.diagnosedRules.isEmpty)
    }

    @Test func aForceIsAbandonedAtItsFirstTimeoutWhenNotRetried() throws {
        var harness = SessionHarness {
            $0.forceDelay = .zero
            $0.forceRetries = 3
            $0.resultTimeout = .seconds(1)
            $0.isForceRetriedAfterTimeout = false
        }
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["wait"]))
        harness.advance(by: .seconds(1))
        #expect(harness.effects.actions.count == 1, "not retried")
        #expect(!harness.session.hasPendingForce)
        #expect(harness.session.statistics.abandonedForces == 1)
        #expect(harness.session.statistics.forceRetries == 0)
    }

    @Test func aFailedResultIsStillRetriedWhenTimeoutsAreNot() throws {
        var harness = SessionHarness {
            $0.forceDelay = .zero
            $0.forceRetries = 1
            $0.isForceRetriedAfterTimeout = false
        }
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["wait"]))
        let action = try #require(harness.effects.actions.first)
        harness.send("action/result", data: #"{"id":"\#(action.id)","success":false,"message":"Not now."}"#)
        #expect(harness.effects.actions.count == 2, "retried")
    }
}
