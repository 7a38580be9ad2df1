import NeuroAPI
import Testing

@testable import NeuroSim

/// The diagnostics that depend on time, on what NeuroSim sent, or on state across messages,
/// and how NeuroSim plays like the real server: all on the pure session, with explicit times.
@Suite struct SessionDiagnosticsTests {
    // MARK: Startup

    @Test func aStartupLaterThanTheThresholdIsAPerformanceNote() {
        var onTime = SessionHarness()
        _ = onTime.session.start(at: .zero)
        onTime.advance(by: .milliseconds(500))
        onTime.send("startup")
        #expect(onTime.diagnosedRules.isEmpty)

        var late = SessionHarness()
        _ = late.session.start(at: .zero)
        late.advance(by: .milliseconds(501))
        late.send("startup")
        #expect(late.diagnosedRules == [.lateStartup])
        #expect(late.rules.isEmpty, "a note, not a violation")
        late.send("startup")
        #expect(late.diagnosedRules == [.lateStartup, .multipleStartups], "only the first startup can be late")
    }

    @Test func noAcknowledgementBeforeTheSpecHadOne() throws {
        let spec = try NeuroSimSpec(parsing: "2026-06-30")
        var harness = SessionHarness { $0.spec = spec }
        #expect(harness.send("startup").sentCommands.isEmpty)
    }

    @Test func aSecondClientOfOneGameIsAnErrorUntilTheFirstEnds() {
        let registry = CrossGameRegistry()
        var first = SessionHarness(connectionID: 1, registry: registry)
        var second = SessionHarness(connectionID: 2, registry: registry)
        first.send("startup")
        second.send("startup")
        #expect(second.rules == [.duplicateGameClient])
        #expect(second.effects.violations.first?.message.contains("connection 1") == true)
        first.session.finish()
        var third = SessionHarness(connectionID: 3, registry: registry)
        third.send("startup")
        #expect(third.rules == [.duplicateGameClient], "the second is still connected")
        second.session.finish()
        var fourth = SessionHarness(connectionID: 4, registry: registry)
        third.session.finish()
        fourth.send("startup")
        #expect(fourth.rules.isEmpty, "a reconnect after the old connection ended")
    }

    // MARK: Registering under each spec

    @Test func aChangedReregistrationReplacesTheDefinitionSinceAugust2026() throws {
        var harness = SessionHarness { $0.forceDelay = .zero }
        harness.startAndRegister()
        harness.send("actions/register", data: #"{"actions":[{"name":"jump","description":"Jump, any height."}]}"#)
        #expect(harness.diagnosedRules.isEmpty, "legal: it replaces")
        #expect(harness.session.registeredNames == ["jump", "wait"])
        harness.send("actions/force", data: SessionHarness.force(["jump"]))
        let action = try #require(harness.effects.actions.last)
        #expect(action.name == "jump")
        #expect(action.data == nil, "the new definition has no schema")
    }

    @Test func aReregistrationWasAnErrorBeforeAugust2026AndKeptTheFirstDefinition() throws {
        var harness = SessionHarness {
            $0.spec = .july2026
            $0.forceDelay = .zero
        }
        harness.startAndRegister()
        harness.send("actions/register", data: #"{"actions":[{"name":"jump","description":"Jump, any height."}]}"#)
        harness.send("actions/register", data: #"{"actions":[{"name":"wait","description":"Wait."}]}"#)
        #expect(harness.rules == [.duplicateRegistration, .duplicateRegistration], "changed or not")
        harness.send("actions/force", data: SessionHarness.force(["jump"]))
        #expect(try #require(harness.effects.actions.last).data != nil, "Neuro ignored the second definition")
    }

    // MARK: Results

    @Test func lateResultsAndFailuresWithoutAMessageAreDiagnosed() throws {
        var harness = SessionHarness { $0.forceDelay = .zero }
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["wait"]))
        let first = try #require(harness.effects.actions.last)
        harness.advance(by: .milliseconds(500))
        harness.send("action/result", data: #"{"id":"\#(first.id)","success":false,"message":" "}"#)
        #expect(harness.diagnosedRules == [.failureWithoutMessage], "500 ms is not late yet")
        let retry = try #require(harness.effects.actions.last)
        harness.advance(by: .milliseconds(501))
        harness.send("action/result", data: #"{"id":"\#(retry.id)","success":true,"message":"Now `fly`."}"#)
        #expect(harness.diagnosedRules == [.failureWithoutMessage, .lateResult, .mentionsUnregisteredAction])
    }

    // MARK: Force retries

    @Test func aFailingForceIsRetriedThenAbandonedSilently() throws {
        var harness = SessionHarness {
            $0.forceDelay = .zero
            $0.forceRetries = 2
        }
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["wait"]))
        for _ in 0..<3 {
            let action = try #require(harness.effects.actions.last)
            harness.send("action/result", data: #"{"id":"\#(action.id)","success":false,"message":"No."}"#)
        }
        #expect(harness.effects.actions.count == 3, "the first answer and two retries")
        let sentBefore = harness.effects.sentCommands.count
        harness.advance(by: .seconds(60))
        #expect(harness.effects.sentCommands.count == sentBefore, "abandoned without a word")
        #expect(!harness.session.hasPendingForce)
        #expect(harness.session.statistics.forceRetries == 2)
        #expect(harness.session.statistics.abandonedForces == 1)
        #expect(harness.diagnosedRules.isEmpty)
        harness.send("actions/force", data: SessionHarness.force(["wait"]))
        #expect(harness.effects.actions.count == 4, "a new force is answered again")
    }

    @Test func aTimeoutCountsAsAFailureOfTheForcedAction() throws {
        var harness = SessionHarness {
            $0.forceDelay = .zero
            $0.forceRetries = 1
            $0.resultTimeout = .seconds(1)
        }
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["wait"]))
        harness.advance(by: .seconds(1))
        #expect(harness.effects.actions.count == 2, "retried once")
        harness.advance(by: .seconds(1))
        #expect(harness.effects.actions.count == 2)
        #expect(!harness.session.hasPendingForce)
        #expect(harness.rules == [.resultTimeout, .resultTimeout])
        #expect(harness.session.statistics.abandonedForces == 1)
    }

    // MARK: reregister_all

    @Test func reregisterAllExpectsTheActionsAgain() {
        var silent = SessionHarness()
        silent.startAndRegister()
        silent.session.noteSent(.reregisterAllActions, at: silent.now)
        #expect(silent.session.nextDeadline == .seconds(5))
        silent.advance(by: .milliseconds(4999))
        #expect(silent.diagnosedRules.isEmpty)
        silent.advance(by: .milliseconds(1))
        #expect(silent.rules == [.missingReregistration])

        var correct = SessionHarness()
        correct.startAndRegister()
        correct.session.noteSent(.reregisterAllActions, at: correct.now)
        correct.send("actions/register", data: SessionHarness.jumpAndWait)
        correct.advance(by: .seconds(10))
        #expect(correct.diagnosedRules.isEmpty)

        var empty = SessionHarness()
        empty.send("startup")
        empty.session.noteSent(.reregisterAllActions, at: empty.now)
        empty.advance(by: .seconds(10))
        #expect(empty.diagnosedRules.isEmpty, "nothing was registered, nothing is expected")
    }

    /// Randy's habit: `actions/reregister_all` right at connect. The game's startup frames and
    /// its answer to the request can come in any order; none of them is diagnosed.
    @Test func reregisterAllAtConnectFlagsNoReSentFrame() throws {
        var harness = SessionHarness { $0.sendsReregisterAllOnConnect = true }
        #expect(harness.session.start(at: .zero) == [.send(.reregisterAllActions)])
        // Sent before the game read the request…
        harness.send("startup")
        harness.send("actions/register", data: SessionHarness.jumpAndWait)
        harness.send("actions/force", data: SessionHarness.force(["jump", "wait"]))
        // …and its answer to it.
        harness.send("actions/register", data: SessionHarness.jumpAndWait)
        harness.send("actions/force", data: SessionHarness.force(["jump", "wait"]))
        harness.advance(by: .milliseconds(500))
        #expect(harness.diagnosedRules.isEmpty)
        let action = try #require(harness.effects.actions.last)
        #expect(harness.effects.actions.count == 1, "one force, answered once")
        harness.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
        #expect(!harness.session.hasPendingForce)
        // Once the window has closed the usual rules apply again.
        harness.advance(by: .seconds(5))
        harness.send("actions/register", data: #"{"actions":[{"name":"wait","description":"Wait."}]}"#)
        #expect(harness.diagnosedRules == [.identicalReregistration])
    }

    /// Mid-game: a forced action awaits its result when the request goes out; the game sent a
    /// new force before it read the request, then re-registers and re-sends it.
    @Test func reregisterAllMidGameFlagsNoReSentFrame() throws {
        var harness = SessionHarness { $0.forceDelay = .zero }
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["wait"]))
        let pending = try #require(harness.effects.actions.last)
        harness.session.noteSent(.reregisterAllActions, at: harness.now)
        #expect(harness.session.registeredNames.isEmpty)
        #expect(!harness.session.hasPendingForce)
        harness.send("action/result", data: #"{"id":"\#(pending.id)","success":true,"message":"Done."}"#)
        harness.send("actions/force", data: SessionHarness.force(["jump"], query: "Jump with `jump`."))
        harness.send("actions/unregister", data: #"{"action_names":["wait"]}"#)
        harness.send("actions/register", data: SessionHarness.jumpAndWait)
        harness.send("actions/force", data: SessionHarness.force(["jump"], query: "Jump with `jump`."))
        #expect(harness.diagnosedRules.isEmpty)
        #expect(harness.effects.actions.last?.name == "jump")
    }

    // MARK: Shutdown

    @Test func aShutdownRequestExpectsShutdownReady() {
        var silent = SessionHarness()
        silent.startAndRegister()
        silent.session.noteSent(.gracefulShutdownRequest(wantsShutdown: true), at: silent.now)
        #expect(silent.session.nextDeadline == .seconds(10))
        silent.advance(by: .seconds(10))
        #expect(silent.rules == [.missingShutdownReady])

        var ready = SessionHarness()
        ready.startAndRegister()
        ready.session.noteSent(.immediateShutdownRequest, at: ready.now)
        ready.send("shutdown/ready")
        ready.advance(by: .seconds(20))
        #expect(ready.diagnosedRules.isEmpty)
        ready.send("actions/force", data: SessionHarness.force(["wait"]))
        #expect(ready.rules == [.forceAfterShutdownReady])

        var cancelled = SessionHarness()
        cancelled.startAndRegister()
        cancelled.session.noteSent(.gracefulShutdownRequest(wantsShutdown: true), at: cancelled.now)
        cancelled.session.noteSent(.gracefulShutdownRequest(wantsShutdown: false), at: cancelled.now)
        cancelled.advance(by: .seconds(20))
        cancelled.send("actions/force", data: SessionHarness.force(["wait"]))
        #expect(cancelled.diagnosedRules.isEmpty)
    }

    // MARK: Speech

    @Test func speechFollowsEveryActionWithNonFinalMessagesThenAFinalOne() throws {
        var harness = SessionHarness {
            $0.forceDelay = .zero
            $0.sendsSpeechFinished = true
            $0.speechInterval = .milliseconds(100)
            $0.speechCancellationShare = 0.5
            $0.seed = 3
        }
        harness.startAndRegister()
        var answers: [[SpeechFinished]] = []
        for _ in 0..<20 {
            harness.send("actions/force", data: SessionHarness.force(["wait"]))
            let action = try #require(harness.effects.actions.last)
            harness.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
            let before = harness.effects.sentCommands.count
            harness.advance(by: .milliseconds(300))
            answers.append(
                harness.effects.sentCommands.dropFirst(before).compactMap {
                    if case .speechFinished(let speech) = $0 { speech } else { nil }
                })
        }
        for speech in answers {
            #expect(speech.last?.isFinal == true)
            #expect(speech.dropLast().allSatisfy { !$0.isFinal }, "non-final messages, then one final")
            #expect((1...3).contains(speech.count))
        }
        #expect(answers.contains { $0.last?.isCancelled == true && $0.last?.reason == "interrupted" })
        #expect(answers.contains { $0.last?.isCancelled == false })
        #expect(answers.contains { $0.count > 1 })
        #expect(harness.session.statistics.speechMessagesSent == answers.map(\.count).reduce(0, +))
    }

    @Test func theNextActionCutsShortAnAnswerStillBeingSpoken() throws {
        var harness = SessionHarness {
            $0.isFlooding = true
            $0.sendsSpeechFinished = true
            $0.speechInterval = .seconds(1)
        }
        harness.startAndRegister()
        let first = try #require(harness.effects.actions.last)
        let effects = harness.send("action/result", data: #"{"id":"\#(first.id)","success":true,"message":"Done."}"#)
        let commands = effects.sentCommands
        #expect(commands.first == .speechFinished(SpeechFinished(isFinal: true, isCancelled: true, reason: "interrupted")))
        guard case .action? = commands.last else {
            Issue.record("the next action follows the cut: \(commands)")
            return
        }
    }

    @Test func noSpeechBeforeTheSpecHadIt() {
        var harness = SessionHarness {
            $0.isFlooding = true
            $0.sendsSpeechFinished = true
            $0.speechInterval = .zero
            $0.spec = .july2026
        }
        harness.startAndRegister()
        harness.advance(by: .seconds(1))
        #expect(!harness.effects.sentCommands.contains { if case .speechFinished = $0 { true } else { false } })
    }

    // MARK: Strict mode and counting

    @Test func strictModeClosesOnErrorsOnly() {
        var harness = SessionHarness { $0.isStrict = true }
        harness.startAndRegister()
        harness.send("actions/register", data: #"{"actions":[{"name":"pass","description":""}]}"#)
        harness.send("actions/unregister", data: #"{"action_names":[]}"#)
        #expect(harness.diagnosedRules == [.emptyDescription, .emptyUnregister])
        #expect(!harness.session.isFinished, "a warning and a note do not close")
        harness.send("actions/dance")
        #expect(harness.session.isFinished)
        #expect(harness.effects.contains { if case .close(.policyViolation, _) = $0 { true } else { false } })
    }

    @Test func everyDiagnosticIsCountedButOnlyAHundredOfARuleAreEmitted() {
        var harness = SessionHarness()
        harness.send("startup")
        for _ in 0..<150 { harness.send("actions/dance") }
        #expect(harness.session.statistics.diagnosticsByRule[.unknownCommand] == 150)
        #expect(harness.rules.count == SimulatedConnection.maximumEmittedPerRule)
    }
}
