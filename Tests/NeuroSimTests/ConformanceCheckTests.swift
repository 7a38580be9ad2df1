import NeuroAPI
import Testing

@testable import NeuroSim

@Suite struct ConformanceCheckTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var isStarted = true
        var before: [String] = []
        var frame: String
        var rule: ConformanceRule
        var spec = NeuroSimSpec.newest
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "not JSON", frame: #"{"command":"#, rule: .invalidJSON),
        Case(name: "not an object", frame: "[1,2]", rule: .notAnObject),
        Case(name: "unknown command", frame: SessionHarness.frame("actions/dance"), rule: .unknownCommand),
        Case(
            name: "missing field", frame: SessionHarness.frame("context", data: #"{"message":"hi"}"#),
            rule: .invalidFields),
        Case(
            name: "extra field", frame: SessionHarness.frame("context", data: #"{"message":"hi","silent":true,"loud":1}"#),
            rule: .invalidFields),
        Case(
            name: "mistyped field", frame: SessionHarness.frame("context", data: #"{"message":5,"silent":true}"#),
            rule: .invalidFields),
        Case(name: "extra envelope key", frame: #"{"command":"context","game":"Game","when":1}"#, rule: .invalidFields),
        Case(name: "no game key", frame: #"{"command":"shutdown/ready"}"#, rule: .invalidFields),
        Case(name: "data not an object", frame: #"{"command":"context","game":"Game","data":[]}"#, rule: .invalidFields),
        Case(
            name: "message before startup", isStarted: false,
            frame: SessionHarness.frame("context", data: #"{"message":"hi","silent":true}"#), rule: .messageBeforeStartup),
        Case(
            name: "game changes", frame: SessionHarness.frame("context", data: #"{"message":"hi","silent":true}"#, game: "Other"),
            rule: .gameChanged),
        Case(
            name: "invalid action name",
            frame: SessionHarness.frame("actions/register", data: #"{"actions":[{"name":"Jump Now","description":"x"}]}"#),
            rule: .invalidActionName),
        Case(
            name: "schema not an object schema",
            frame: SessionHarness.frame(
                "actions/register", data: #"{"actions":[{"name":"run","description":"x","schema":{"type":"string"}}]}"#),
            rule: .invalidSchema),
        Case(
            name: "discouraged keyword",
            frame: SessionHarness.frame(
                "actions/register",
                data: #"{"actions":[{"name":"run","description":"x","schema":{"type":"object","additionalProperties":false}}]}"#
            ),
            rule: .discouragedSchemaKeyword),
        Case(
            name: "registered twice (before 2026-08-20)",
            frame: SessionHarness.frame("actions/register", data: #"{"actions":[{"name":"jump","description":"x"}]}"#),
            rule: .duplicateRegistration, spec: .july2026),
        Case(
            name: "registered again unchanged",
            frame: SessionHarness.frame("actions/register", data: #"{"actions":[{"name":"wait","description":"Wait."}]}"#),
            rule: .identicalReregistration),
        Case(
            name: "empty force", frame: SessionHarness.frame("actions/force", data: SessionHarness.force([])), rule: .emptyForce),
        Case(
            name: "force of an unregistered action",
            frame: SessionHarness.frame("actions/force", data: SessionHarness.force(["jump", "fly"])),
            rule: .forceUnregisteredAction),
        Case(
            name: "second force while one is pending",
            before: [SessionHarness.frame("actions/force", data: SessionHarness.force(["jump"]))],
            frame: SessionHarness.frame("actions/force", data: SessionHarness.force(["wait"])), rule: .forceWhilePending),
        Case(
            name: "result for an id never sent",
            frame: SessionHarness.frame("action/result", data: #"{"id":"nope","success":true,"message":"Done."}"#),
            rule: .unknownResultID),
        Case(name: "second startup", frame: SessionHarness.frame("startup"), rule: .multipleStartups),
        Case(
            name: "null schema",
            frame: SessionHarness.frame(
                "actions/register", data: #"{"actions":[{"name":"pass","description":"P.","schema":null}]}"#),
            rule: .nullSchema),
        Case(
            name: "empty schema",
            frame: SessionHarness.frame(
                "actions/register", data: #"{"actions":[{"name":"pass","description":"P.","schema":{}}]}"#),
            rule: .emptySchema),
        Case(
            name: "empty description",
            frame: SessionHarness.frame("actions/register", data: #"{"actions":[{"name":"pass","description":"  "}]}"#),
            rule: .emptyDescription),
        Case(
            name: "keyword outside what Neuro handles",
            frame: SessionHarness.frame(
                "actions/register",
                data:
                    #"{"actions":[{"name":"pick","description":"P.","schema":{"type":"object","properties":{"c":{"type":"array","uniqueItems":true}}}}]}"#
            ),
            rule: .unsupportedSchemaKeyword),
        Case(
            name: "not a valid JSON schema",
            frame: SessionHarness.frame(
                "actions/register",
                data: #"{"actions":[{"name":"pick","description":"P.","schema":{"type":"object","required":"n"}}]}"#),
            rule: .invalidSchema),
        Case(
            name: "schema nothing satisfies",
            frame: SessionHarness.frame(
                "actions/register",
                data:
                    #"{"actions":[{"name":"pick","description":"P.","schema":{"type":"object","properties":{"n":{"type":"integer","minimum":5,"maximum":1}},"required":["n"]}}]}"#
            ),
            rule: .unsatisfiableSchema),
        Case(
            name: "empty unregister", frame: SessionHarness.frame("actions/unregister", data: #"{"action_names":[]}"#),
            rule: .emptyUnregister),
        Case(
            name: "unregister of a name never registered",
            frame: SessionHarness.frame("actions/unregister", data: #"{"action_names":["ghost"]}"#), rule: .unregisterUnknown),
        Case(
            name: "unregister of a name no longer registered",
            before: [SessionHarness.frame("actions/unregister", data: #"{"action_names":["wait"]}"#)],
            frame: SessionHarness.frame("actions/unregister", data: #"{"action_names":["wait"]}"#), rule: .unregisterInactive),
        Case(
            name: "context naming an action still unregistered when Neuro acts",
            before: [SessionHarness.frame("context", data: #"{"message":"Now `fly`!","silent":true}"#)],
            frame: SessionHarness.frame("actions/force", data: SessionHarness.force(["jump"])),
            rule: .contextMentionsUnregisteredAction),
        Case(
            name: "force query naming an unregistered action",
            frame: SessionHarness.frame("actions/force", data: SessionHarness.force(["jump"], query: "Jump or `fly`.")),
            rule: .mentionsUnregisteredAction),
        Case(
            name: "force state naming an unregistered action",
            frame: SessionHarness.frame(
                "actions/force", data: #"{"state":"You may `fly`.","query":"Go.","action_names":["jump"]}"#),
            rule: .mentionsUnregisteredAction),
        Case(
            name: "bad force priority",
            frame: SessionHarness.frame("actions/force", data: #"{"query":"q","action_names":["jump"],"priority":"urgent"}"#),
            rule: .invalidFields),
    ]

    @Test(arguments: cases)
    func detectsViolation(_ testCase: Case) throws {
        var harness = SessionHarness { $0.spec = testCase.spec }
        if testCase.isStarted { harness.startAndRegister() }
        for frame in testCase.before { harness.sendRaw(frame) }
        #expect(harness.diagnosedRules.isEmpty, "the preamble is clean")
        let effects = harness.sendRaw(testCase.frame)
        let diagnostic = try #require(effects.diagnostics.first)
        #expect(diagnostic.rule == testCase.rule)
        #expect(diagnostic.connectionID == 1)
        #expect(!diagnostic.message.isEmpty)
        #expect(harness.session.statistics.diagnosticsByRule[testCase.rule] == 1)
    }

    @Test func binaryFrameIsAViolation() throws {
        var harness = SessionHarness()
        harness.startAndRegister()
        let effects = harness.session.receive(.binary([1, 2, 3]), at: .zero)
        let violation = try #require(effects.violations.first)
        #expect(violation.rule == .binaryFrame)
        #expect(violation.game == "Game")
        #expect(harness.session.statistics.messagesByCommand["<binary>"] == 1)
    }

    @Test func violationNamesGameCommandAndKey() throws {
        var harness = SessionHarness()
        harness.startAndRegister()
        let effects = harness.send("action/result", data: #"{"id":"x","success":"yes"}"#)
        let violation = try #require(effects.violations.first)
        #expect(violation.game == "Game")
        #expect(violation.command == "action/result")
        #expect(violation.message.contains("success"))
    }

    @Test func cleanGameHasNoViolations() {
        var harness = SessionHarness { $0.forceDelay = .zero }
        harness.startAndRegister()
        harness.send("context", data: #"{"message":"Hello","silent":false}"#)
        harness.send("actions/force", data: SessionHarness.force(["jump", "wait"]))
        for action in harness.effects.actions {
            harness.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
        }
        harness.send("actions/unregister", data: #"{"action_names":["jump","never"]}"#)
        harness.send("shutdown/ready")
        #expect(harness.rules.isEmpty)
        #expect(harness.session.statistics.results == 1)
        #expect(harness.session.registeredNames == ["wait"])
    }

    @Test func resultAnsweredTwiceIsADuplicate() throws {
        var harness = SessionHarness { $0.forceDelay = .zero }
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["wait"]))
        let action = try #require(harness.effects.actions.first)
        harness.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
        #expect(harness.rules.isEmpty)
        harness.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
        #expect(harness.rules == [.duplicateResult])
    }

    @Test func resultThatNeverArrivesTimesOut() throws {
        var harness = SessionHarness {
            $0.forceDelay = .zero
            $0.resultTimeout = .seconds(2)
        }
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["wait"]))
        let action = try #require(harness.effects.actions.first)
        #expect(harness.session.nextDeadline == .seconds(2))
        harness.advance(by: .milliseconds(1999))
        #expect(harness.rules.isEmpty)
        harness.advance(by: .milliseconds(1))
        #expect(harness.rules == [.resultTimeout])
        // The force is retried, and the late answer is counted, not reported twice.
        #expect(harness.effects.actions.count == 2)
        harness.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
        #expect(harness.rules == [.resultTimeout, .resultAfterTimeout], "flagged and discarded")
        #expect(harness.session.statistics.lateResults == 1)
        #expect(harness.session.statistics.results == 0)
    }

    @Test func strictModeClosesWithPolicyViolation() throws {
        var harness = SessionHarness { $0.isStrict = true }
        harness.startAndRegister()
        let effects = harness.send("actions/dance")
        let close = try #require(
            effects.compactMap { effect -> (WebSocketCloseCode, String)? in
                if case .close(let code, let reason) = effect { (code, reason) } else { nil }
            }.first)
        #expect(close.0 == .policyViolation)
        #expect(close.1.hasPrefix("unknownCommand: "))
        #expect(harness.session.isFinished)
        #expect(harness.send("actions/dance").isEmpty, "nothing is processed after the close")
    }

    @Test func closeReasonFitsInAFrame() {
        let violation = NeuroSimDiagnostic(
            rule: .invalidFields, connectionID: 1, game: "G", command: "context", message: String(repeating: "é", count: 200))
        #expect(SimulatedConnection.closeReason(for: violation).utf8.count <= 123)
    }

    /// Two games on one character (one `CrossGameRegistry`): "First" started and registered
    /// its actions (with NeuroSim's `forceDelay` when given; after NeuroSim opened its
    /// connection with `actions/reregister_all`, as Randy does, when `firstOpensWithReregisterAll`),
    /// "Second" started and registered `run`.
    static func twoGamesOnOneCharacter(
        firstForceDelay: Duration? = nil, firstOpensWithReregisterAll: Bool = false
    ) -> (first: SessionHarness, second: SessionHarness) {
        let registry = CrossGameRegistry()
        var first = SessionHarness(
            {
                if let firstForceDelay { $0.forceDelay = firstForceDelay }
                $0.sendsReregisterAllOnConnect = firstOpensWithReregisterAll
            }, connectionID: 1, registry: registry)
        var second = SessionHarness(connectionID: 2, registry: registry)
        if firstOpensWithReregisterAll {
            #expect(first.session.start(at: first.now) == [.send(.reregisterAllActions)])
        }
        first.startAndRegister(game: "First")
        second.send("startup", game: "Second")
        second.send("actions/register", data: #"{"actions":[{"name":"run","description":"Run."}]}"#, game: "Second")
        return (first, second)
    }

    @Test func forceWhileAnotherGamesForceIsPending() {
        var (first, second) = Self.twoGamesOnOneCharacter()
        first.send("actions/force", data: SessionHarness.force(["jump"]), game: "First")
        #expect(first.rules.isEmpty)
        second.send("actions/force", data: SessionHarness.force(["run"]), game: "Second")
        #expect(second.rules == [.forceWhileOtherGamePending])
    }

    /// Two games on one character: "First" forced `jump` and `wait` (not yet due) and then
    /// unregistered `unregistered`; "Second" registered `run` and forces it.
    static func secondForcesAfterFirstUnregistered(_ unregistered: [String]) -> (first: SessionHarness, second: SessionHarness) {
        var (first, second) = Self.twoGamesOnOneCharacter(firstForceDelay: .seconds(60))
        first.send("actions/force", data: SessionHarness.force(["jump", "wait"]), game: "First")
        let names = unregistered.map { "\"\($0)\"" }.joined(separator: ",")
        first.send("actions/unregister", data: #"{"action_names":[\#(names)]}"#, game: "First")
        #expect(first.session.hasPendingForce == (unregistered.count < 2))
        second.send("actions/force", data: SessionHarness.force(["run"]), game: "Second")
        return (first, second)
    }

    /// A game that withdraws its force by unregistering its actions frees the one slot at
    /// once, before the force would have fallen due (the host hands the slot on 50 ms later,
    /// NeuroSim's timer may fire later than that on a busy machine).
    @Test func forceSlotIsFreedWhenEveryForcedActionIsUnregistered() {
        let (first, second) = Self.secondForcesAfterFirstUnregistered(["jump", "wait"])
        #expect(first.rules.isEmpty)
        #expect(second.rules.isEmpty)
    }

    /// While one of its actions is still registered, the force stands: another game's force
    /// breaks the slot.
    @Test func aForceWithOneActionLeftStillHoldsTheSlot() {
        let (_, second) = Self.secondForcesAfterFirstUnregistered(["jump"])
        #expect(second.rules == [.forceWhileOtherGamePending])
    }

    /// Two games on one character: "First" forced and got its action (NeuroSim answers at
    /// once); "Second" registered `run`.
    static func firstGameForced() throws -> (first: SessionHarness, second: SessionHarness, action: NeuroAction) {
        var (first, second) = Self.twoGamesOnOneCharacter(firstForceDelay: .zero)
        first.send("actions/force", data: SessionHarness.force(["wait"]), game: "First")
        let action = try #require(first.effects.actions.first)
        return (first, second, action)
    }

    @Test func forceSlotIsFreedWhenTheForceIsAnswered() throws {
        var (first, second, action) = try Self.firstGameForced()
        first.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#, game: "First")
        second.send("actions/force", data: SessionHarness.force(["run"]), game: "Second")
        #expect(second.rules.isEmpty)
    }

    /// The hand-off read out of order: the host wrote the first game's result before the
    /// second game's force, but NeuroSim reads the second connection first. The result is a
    /// success, so the slot was handed on in order: no diagnostic.
    @Test func aForceReadBeforeTheSuccessThatFreedTheSlotIsNoClash() throws {
        var (first, second, action) = try Self.firstGameForced()
        second.send("actions/force", data: SessionHarness.force(["run"]), game: "Second")
        first.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#, game: "First")
        #expect(second.rules.isEmpty)
        #expect(first.rules.isEmpty)
    }

    /// `actions/reregister_all` while the first game's forced action is out: the game re-sends
    /// its force, and the old action's success ends it. The host handed the slot on after that
    /// success, so a force of the second game read before it is an orderly hand-off, not a clash.
    @Test func aForceReadBeforeTheSuccessThatAnsweredAReSentForceIsNoClash() throws {
        var (first, second, action) = try Self.firstGameForced()
        first.session.noteSent(.reregisterAllActions, at: first.now)
        first.send("actions/register", data: SessionHarness.jumpAndWait, game: "First")
        first.send("actions/force", data: SessionHarness.force(["wait"]), game: "First")
        second.send("actions/force", data: SessionHarness.force(["run"]), game: "Second")
        first.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#, game: "First")
        #expect(second.rules.isEmpty)
        #expect(first.rules.isEmpty)
        #expect(!first.session.hasPendingForce)
    }

    /// Randy's `actions/reregister_all` at connect, read by the first game after it forced: it
    /// re-sends that force, and NeuroSim reads the re-sent force only after the second game's
    /// force (the host handed the slot on after the first game's success, and NeuroSim read the
    /// second connection first). The re-sent force is the first game's claim on the slot again,
    /// already being answered, not a new force breaking the second game's.
    @Test func aReSentForceReadAfterTheNextGamesForceIsNoClash() throws {
        var (first, second) = Self.twoGamesOnOneCharacter(firstForceDelay: .zero, firstOpensWithReregisterAll: true)
        first.send("actions/force", data: SessionHarness.force(["wait"]), game: "First")
        let action = try #require(first.effects.actions.first)
        second.send("actions/force", data: SessionHarness.force(["run"]), game: "Second")
        first.send("actions/register", data: SessionHarness.jumpAndWait, game: "First")
        first.send("actions/force", data: SessionHarness.force(["wait"]), game: "First")
        first.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#, game: "First")
        #expect(first.rules.isEmpty, "\(first.effects.violations)")
        #expect(second.rules.isEmpty, "\(second.effects.violations)")
        #expect(!first.session.hasPendingForce)
        #expect(second.session.hasPendingForce)
    }

    /// The same order, but the first game's forced action fails: its force was pending all
    /// along (Neuro retries it), so the second game's force broke the one slot.
    @Test func aForceWhileTheOtherForcedActionIsOutAndThenFailsIsAClash() throws {
        var (first, second, action) = try Self.firstGameForced()
        second.send("actions/force", data: SessionHarness.force(["run"]), game: "Second")
        #expect(second.rules.isEmpty)
        first.send("action/result", data: #"{"id":"\#(action.id)","success":false,"message":"No."}"#, game: "First")
        #expect(first.rules == [.forceWhileOtherGamePending])
        #expect(first.effects.violations.first?.message.contains("\"Second\"") == true)
    }

    /// `shutdown/graceful` not wanting shutdown, after the game said `shutdown/ready`: the
    /// shutdown is off and the game plays on; its next force is no violation.
    @Test func aCancelledGracefulShutdownLetsAReadyGameForceAgain() {
        var game = SessionHarness()
        game.startAndRegister()
        game.session.noteSent(.gracefulShutdownRequest(wantsShutdown: true), at: game.now)
        game.send("shutdown/ready")
        game.session.noteSent(.gracefulShutdownRequest(wantsShutdown: false), at: game.now)
        game.send("actions/force", data: SessionHarness.force(["wait"]))
        #expect(game.rules.isEmpty, "\(game.effects.violations)")
        // Without the cancellation, the same force is one.
        var ready = SessionHarness()
        ready.startAndRegister()
        ready.session.noteSent(.gracefulShutdownRequest(wantsShutdown: true), at: ready.now)
        ready.send("shutdown/ready")
        ready.send("actions/force", data: SessionHarness.force(["wait"]))
        #expect(ready.rules == [.forceAfterShutdownReady])
    }

    /// An action sent by hand (the dashboard's sender) is expected like NeuroSim's own: its
    /// result is no unknown id, and a second one is a violation.
    @Test func aHandSentActionsResultIsExpected() {
        var game = SessionHarness()
        game.startAndRegister()
        game.session.noteSent(.action(NeuroAction(id: "by-hand-1", name: "wait")), at: game.now)
        game.send("action/result", data: #"{"id":"by-hand-1","success":true,"message":"Waited."}"#)
        #expect(game.rules.isEmpty, "\(game.effects.violations)")
        game.send("action/result", data: #"{"id":"by-hand-1","success":true,"message":"Waited."}"#)
        #expect(game.rules.count == 1, "\(game.rules)")
    }

    /// The dashboard's sender during a force: an action the force names, sent by hand, answers
    /// the force as Neuro's own choice would, so the slot is free after its success (the host
    /// hands it on then) and NeuroSim sends no forced action of its own for it.
    @Test func aHandSentActionOfTheActiveForceAnswersIt() {
        var (first, second) = Self.twoGamesOnOneCharacter(firstForceDelay: .seconds(60))
        first.send("actions/force", data: SessionHarness.force(["wait"]), game: "First")
        first.session.noteSent(.action(NeuroAction(id: "by-hand-1", name: "wait")), at: first.now)
        first.send("action/result", data: #"{"id":"by-hand-1","success":true,"message":"Waited."}"#, game: "First")
        #expect(!first.session.hasPendingForce)
        second.send("actions/force", data: SessionHarness.force(["run"]), game: "Second")
        #expect(second.rules.isEmpty, "\(second.effects.violations)")
        #expect(first.rules.isEmpty, "\(first.effects.violations)")
        #expect(first.effects.actions.isEmpty, "NeuroSim sent its own action for an answered force")
        // An action the force does not name leaves the force pending.
        var other = SessionHarness({ $0.forceDelay = .seconds(60) }, connectionID: 3)
        other.startAndRegister()
        other.send("actions/force", data: SessionHarness.force(["wait"]))
        other.session.noteSent(.action(NeuroAction(id: "by-hand-2", name: "jump")), at: other.now)
        other.send("action/result", data: #"{"id":"by-hand-2","success":true,"message":"Jumped."}"#)
        #expect(other.session.hasPendingForce)
    }

    @Test func actionNameRegisteredByTwoGames() {
        let registry = CrossGameRegistry()
        var first = SessionHarness(connectionID: 1, registry: registry)
        var second = SessionHarness(connectionID: 2, registry: registry)
        first.startAndRegister(game: "First")
        second.startAndRegister(game: "Second")
        #expect(first.rules.isEmpty)
        #expect(second.rules == [.actionRegisteredByOtherGame, .actionRegisteredByOtherGame])
        #expect(second.effects.violations.first?.message.contains("\"First\"") == true)
    }

    @Test func reconnectOfTheSameGameIsNotACrossGameClash() {
        let registry = CrossGameRegistry()
        var first = SessionHarness(connectionID: 1, registry: registry)
        first.startAndRegister(game: "Same")
        first.session.finish()
        var second = SessionHarness(connectionID: 2, registry: registry)
        second.startAndRegister(game: "Same")
        #expect(second.rules.isEmpty)
    }

    @Test func crossGameChecksCanBeTurnedOff() {
        let registry = CrossGameRegistry()
        var first = SessionHarness({ $0.isCheckingAcrossGames = false }, connectionID: 1, registry: registry)
        var second = SessionHarness({ $0.isCheckingAcrossGames = false }, connectionID: 2, registry: registry)
        first.startAndRegister(game: "First")
        second.startAndRegister(game: "Second")
        #expect(second.rules.isEmpty)
    }
}

@Suite struct SchemaAcceptanceTests {
    @Test(arguments: [#"{}"#, "null"])
    func emptyOrNullSchemaMeansNoData(_ schema: String) throws {
        var harness = SessionHarness { $0.forceDelay = .zero }
        harness.send("startup")
        harness.send("actions/register", data: #"{"actions":[{"name":"pass","description":"Pass.","schema":\#(schema)}]}"#)
        // Accepted, and diagnosed: leaving the key out is better.
        #expect(harness.diagnosedRules == (schema == "null" ? [.nullSchema] : [.emptySchema]))
        harness.send("actions/force", data: SessionHarness.force(["pass"]))
        let action = try #require(harness.effects.actions.first)
        #expect(action.name == "pass")
        #expect(action.data == nil)
    }
}
