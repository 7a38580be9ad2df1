import Logging
import NeuroAPI
import NeuroTestSupport
import Testing

@testable import NeuroSim

/// NeuroSim behaving like the real server, over a real websocket: force retries, result
/// timeouts, speech, `actions/reregister_all`, shutdown requests, strict mode.
@Suite(.timeLimit(.minutes(1)))
struct WirePlayTests {
    @Test func aFailingForceIsRetriedThenAbandonedWithoutAWord() async throws {
        let simulator = try await WireHarness.run({
            $0.forceDelay = .zero
            $0.forceRetries = 2
        }) { wire in
            let game = try await wire.startGame()
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
            try await game.send("actions/force", data: SessionHarness.force(["wait"]))
            var answered: [String] = []
            for _ in 0..<3 {
                let action = try await game.receiveAction()
                answered.append(action.id)
                try await game.answer(action, success: false, message: "Not now.")
            }
            _ = try await wire.fixture.next { event -> Void? in
                if case .resultReceived(_, let result, _) = event, result.id == answered.last { return () }
                return nil
            }
            let connection = try wire.connection(of: "Game")
            #expect(!connection.hasPendingForce)
            #expect(connection.statistics.abandonedForces == 1)
            #expect(connection.statistics.forceRetries == 2)
            await game.transport.close(code: .normalClosure, reason: nil)
            let after = try await game.drain()
            #expect(!after.contains { if case .action = $0 { true } else { false } }, "nothing after the abandon: \(after)")
            #expect(Set(answered).count == 3)
        }
        let totals = simulator.report().totals
        #expect(totals.abandonedForces == 1)
        #expect(totals.forcedActionsSent == 3)
        #expect(totals.violations == 0, "abandoning is Neuro's doing, not the game's")
    }

    @Test func aResultAfterItsTimeoutIsFlaggedAndDiscarded() async throws {
        let simulator = try await WireHarness.run({
            $0.forceDelay = .zero
            $0.resultTimeout = .milliseconds(100)
            $0.forceRetries = 0
        }) { wire in
            let game = try await wire.startGame()
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
            try await game.send("actions/force", data: SessionHarness.force(["wait"]))
            let action = try await game.receiveAction()
            let timeout = try await wire.diagnostic(.resultTimeout)
            #expect(timeout.message.contains(action.id))
            try await game.answer(action, success: true)
            let late = try await wire.diagnostic(.resultAfterTimeout)
            #expect(late.message.contains(action.id))
            #expect(try !wire.connection(of: "Game").hasPendingForce, "abandoned after the timeout (no retries)")
            await game.transport.close(code: .normalClosure, reason: nil)
        }
        let totals = simulator.report().totals
        #expect(totals.results == 0, "the late result was discarded")
        #expect(totals.lateResults == 1)
        #expect(totals.abandonedForces == 1)
    }

    @Test func speechFinishedFollowsEachAction() async throws {
        let rounds = 12
        let simulator = try await WireHarness.run({
            $0.forceDelay = .zero
            $0.sendsSpeechFinished = true
            $0.speechInterval = .zero
            $0.speechCancellationShare = 0.5
            $0.seed = 21
        }) { wire in
            let game = try await wire.startGame()
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
            var answers: [[SpeechFinished]] = []
            for _ in 0..<rounds {
                try await game.send("actions/force", data: SessionHarness.force(["wait"]))
                let action = try await game.receiveAction()
                var speech: [SpeechFinished] = []
                for _ in 0...SpeechSchedule.maximumNonFinalMessages {
                    guard case .speechFinished(let message)? = try await game.receive() else {
                        Issue.record("only speech_finished follows an action")
                        return
                    }
                    speech.append(message)
                    if message.isFinal { break }
                }
                answers.append(speech)
                try await game.answer(action, success: true)
            }
            for speech in answers {
                #expect(speech.last?.isFinal == true, "\(speech)")
                #expect(speech.dropLast().allSatisfy { !$0.isFinal && $0.isCancelled == nil })
            }
            #expect(answers.contains { $0.last?.isCancelled == true && $0.last?.reason == "interrupted" })
            #expect(answers.contains { $0.last?.isCancelled == false })
            #expect(answers.contains { $0.count > 1 }, "several non-final messages, sometimes")
            await game.transport.close(code: .normalClosure, reason: nil)
        }
        #expect(simulator.report().totals.speechMessagesSent >= rounds)
        #expect(simulator.report().violationCount == 0)
    }

    /// Only performance notes may come from a correct game on a busy machine.
    static func expectNoDiagnosticButLateness(_ report: NeuroSimReport) {
        let seen = Set(report.diagnosticsByRule.keys)
        #expect(seen.isSubset(of: [.lateStartup, .lateResult]), "\(report.violations) \(report.notes)")
    }

    @Test func reregisterAllForgetsTheGameUntilItRegistersAndForcesAgain() async throws {
        let simulator = try await WireHarness.run({ $0.forceDelay = .zero }) { wire in
            let game = try await wire.startGame()
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
            try await game.send("actions/force", data: SessionHarness.force(["jump"]))
            let pending = try await game.receiveAction()
            try await wire.simulator.send(.reregisterAllActions)
            let forgotten = try wire.connection(of: "Game")
            #expect(forgotten.registeredActions.isEmpty)
            #expect(!forgotten.hasPendingForce)
            #expect(forgotten.pendingActionIDs == [pending.id], "the action sent still awaits its result")
            #expect(try await game.receive() == .reregisterAllActions)
            // What the SDK does: register again, force again, then answer the action.
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
            try await game.send("actions/force", data: SessionHarness.force(["jump"]))
            try await game.answer(pending, success: true)
            _ = try await wire.fixture.next { event -> Void? in
                if case .resultReceived(_, let result, _) = event, result.id == pending.id { return () }
                return nil
            }
            let resynchronised = try wire.connection(of: "Game")
            #expect(resynchronised.registeredActions == ["jump", "wait"])
            #expect(!resynchronised.hasPendingForce, "the answer resolved the force the game re-sent")
            try await game.playOneForcedAction(watching: wire.fixture)
            await game.transport.close(code: .normalClosure, reason: nil)
        }
        Self.expectNoDiagnosticButLateness(simulator.report())
        #expect(simulator.report().totals.results == 2)
    }

    /// Randy's habit (`--reregister-on-connect`): the game's startup frames cross the request.
    @Test func reregisterAllAtConnectFlagsNothingAGameReSends() async throws {
        let simulator = try await WireHarness.run({
            $0.forceDelay = .zero
            $0.sendsReregisterAllOnConnect = true
        }) { wire in
            let game = try await wire.connect()
            try await game.send("startup")
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
            try await game.send("actions/force", data: SessionHarness.force(["jump", "wait"]))
            var seen: [NeuroCommand] = []
            for _ in 0..<3 {
                guard let command = try await game.receive() else { break }
                seen.append(command)
                if command == .reregisterAllActions { break }
            }
            #expect(seen.contains(.reregisterAllActions))
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
            try await game.send("actions/force", data: SessionHarness.force(["jump", "wait"]))
            let action = try await game.receiveAction()
            try await game.answer(action, success: true)
            _ = try await wire.fixture.next { event -> Void? in
                if case .resultReceived(_, let result, _) = event, result.id == action.id { return () }
                return nil
            }
            #expect(try !wire.connection(of: "Game").hasPendingForce)
            await game.transport.close(code: .normalClosure, reason: nil)
            let rest = try await game.drain()
            #expect(!rest.contains { if case .action = $0 { true } else { false } }, "one force, one action: \(rest)")
        }
        Self.expectNoDiagnosticButLateness(simulator.report())
    }

    /// A correct game on the SDK, against a NeuroSim that sends `actions/reregister_all` at
    /// connect: no diagnostic (before August 2026's replacement rule, NeuroSim reported its
    /// re-registration as duplicates).
    @Test func anSDKGameAgainstReregisterAllAtConnectGetsNoDiagnostic() async throws {
        let simulator = try await WireHarness.run({
            $0.forceDelay = .zero
            $0.sendsReregisterAllOnConnect = true
        }) { wire in
            var logger = Logger(label: "test.game")
            logger.logLevel = .critical
            let jump = Action(
                name: "jump", description: "Jump.",
                schema: ["type": "object", "properties": ["height": ["type": "integer"]], "required": ["height"]])
            try await withNeuroComponent(
                gameTitle: "SDK Game", url: "ws://127.0.0.1:\(wire.port)",
                connector: WebSocketConnector(logger: logger), logger: logger
            ) { component, events in
                try await component.registerActions([
                    HandledAction(jump) { _, _ in .success("You jumped.") },
                    HandledAction(Action(name: "wait", description: "Wait.")) { _, _ in .success("You waited.") },
                ])
                for _ in 0..<3 {
                    try await component.client.forceActions(named: ["jump", "wait"], query: "Move.")
                    for await event in events {
                        if case .actionHandled = event { break }
                    }
                }
            }
        }
        Self.expectNoDiagnosticButLateness(simulator.report())
        #expect(simulator.report().totals.results == 3)
    }

    @Test func aShutdownRequestIsAnsweredWithShutdownReady() async throws {
        // NeuroSim's timeouts run on a clock only the test moves: no time passes between two
        // steps however busy the machine is, and the timeout passes when the test says.
        let clock = ManualClock()
        let simulator = try await WireHarness.run(clock: clock, { $0.shutdownReadyTimeout = .seconds(2) }) { wire in
            let game = try await wire.startGame()
            try await wire.simulator.send(.gracefulShutdownRequest(wantsShutdown: true))
            #expect(try await game.receive() == .gracefulShutdownRequest(wantsShutdown: true))
            try await game.send("shutdown/ready")
            // A frame NeuroSim notes (an empty unregister): once noted, it has read the ready.
            try await game.send("actions/unregister", data: #"{"action_names":[]}"#)
            _ = try await wire.diagnostic(.emptyUnregister)
            // The answered request is not diagnosed when its time is over.
            clock.advance(by: .seconds(3))
            try await wire.simulator.send(.gracefulShutdownRequest(wantsShutdown: true))
            try await wire.simulator.send(.gracefulShutdownRequest(wantsShutdown: false))
            try await wire.simulator.send(.immediateShutdownRequest)
            // Only the immediate request is left unanswered (the cancel ended the graceful one).
            clock.advance(by: .seconds(3))
            let missing = try await wire.diagnostic(.missingShutdownReady)
            #expect(missing.message.contains("2"), "\(missing.message)")
            await game.transport.close(code: .normalClosure, reason: nil)
        }
        // Performance notes aside, which a busy machine may add.
        let diagnostics = simulator.report().diagnosticsByRule.filter { $0.key.severity != .performance }
        #expect(diagnostics == [.emptyUnregister: 1, .missingShutdownReady: 1])
    }

    @Test func strictModeClosesOnTheFirstErrorOnly() async throws {
        let simulator = try await WireHarness.run({
            $0.isStrict = true
            $0.forceDelay = .zero
        }) { wire in
            let game = try await wire.startGame()
            try await game.send("actions/register", data: #"{"actions":[{"name":"wait","description":""}]}"#)
            try await game.send("actions/unregister", data: #"{"action_names":["ghost"]}"#)
            try await game.send("actions/force", data: SessionHarness.force(["wait"]))
            try await game.answer(try await game.receiveAction(), success: false)
            #expect(try await game.receiveAction().name == "wait", "still open after a warning and a note")
            try await game.send("actions/dance")
            let close = try await game.transport.receive()
            guard case .closed(let code, let reason) = close else {
                Issue.record("expected a close frame, got \(close)")
                return
            }
            #expect(code == .policyViolation)
            #expect(reason?.hasPrefix("unknownCommand: ") == true)
        }
        let rules = Set(simulator.report().diagnosticsByRule.keys)
        #expect(rules.isSuperset(of: [.emptyDescription, .unregisterUnknown, .failureWithoutMessage, .unknownCommand]))
    }
}
