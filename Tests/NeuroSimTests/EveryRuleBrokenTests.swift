import NeuroAPI
import Testing

@testable import NeuroSim

/// A game that breaks every rule once, over real websockets: NeuroSim names a distinct
/// diagnostic for each, and its JSON report counts them by id.
@Suite(.timeLimit(.minutes(1)))
struct EveryRuleBrokenTests {
    static let badRegistrations = [
        #"{"name":"Bad Name","description":"Spaces and capitals."}"#,
        #"{"name":"stringy","description":"Not an object schema.","schema":{"type":"string"}}"#,
        #"{"name":"nully","description":"Null schema.","schema":null}"#,
        #"{"name":"empty","description":"Empty schema.","schema":{}}"#,
        #"{"name":"blank","description":""}"#,
        #"{"name":"pick","description":"Pick cards.","schema":{"type":"object","properties":{"cards":{"type":"array","uniqueItems":true}},"additionalProperties":false}}"#,
        #"{"name":"never","description":"Impossible.","schema":{"type":"object","properties":{"n":{"type":"integer","minimum":5,"maximum":1}},"required":["n"]}}"#,
        #"{"name":"malformed","description":"Bad keyword value.","schema":{"type":"object","required":"n"}}"#,
        #"{"name":"jump","description":"Jump."}"#,
    ]

    @Test func aGameBreakingEveryRuleGetsADistinctDiagnosticForEach() async throws {
        let simulator = try await WireHarness.run({
            $0.forceDelay = .zero
            $0.lateThreshold = .nanoseconds(1)
            // The force after `actions/reregister_all` must come while the retry still awaits
            // its result (forceWhileResultPending): between the 100 ms resync window and this
            // timeout. 8 s leaves room for a machine many times slower (ThreadSanitizer).
            $0.resultTimeout = .seconds(8)
            $0.reregisterTimeout = .milliseconds(100)
            $0.shutdownReadyTimeout = .milliseconds(100)
            $0.isCheckingAcrossGames = true
        }) { wire in
            let game = try await wire.connect(as: "Bad Game")
            // Envelopes and startup.
            try await game.send("context", data: #"{"message":"Too early.","silent":true}"#)
            try await game.send("startup")  // late: the threshold is 1 ns
            try await game.send("startup")
            try await game.sendRaw(#"{"command":"#)
            try await game.sendRaw("[1,2]")
            try await game.send("actions/dance")
            try await game.send("context", data: #"{"message":"hi","silent":true,"loud":true}"#)
            try await game.sendRaw(SessionHarness.frame("context", data: #"{"message":"hi","silent":true}"#, game: "Renamed"))
            // Registering.
            try await game.send("actions/register", data: #"{"actions":[\#(Self.badRegistrations.joined(separator: ","))]}"#)
            try await game.send("actions/register", data: #"{"actions":[{"name":"jump","description":"Jump."}]}"#)
            try await game.send("actions/unregister", data: #"{"action_names":[]}"#)
            try await game.send("actions/unregister", data: #"{"action_names":["ghost"]}"#)
            try await game.send("actions/unregister", data: #"{"action_names":["blank"]}"#)
            try await game.send("actions/unregister", data: #"{"action_names":["blank"]}"#)
            try await game.send("context", data: #"{"message":"Escape with `ghost`.","silent":false}"#)
            // Forcing and answering.
            try await game.send("actions/force", data: SessionHarness.force([]))
            try await game.send("actions/force", data: SessionHarness.force(["jump", "ghost"], query: "Press `ghost`."))
            try await game.send("actions/force", data: SessionHarness.force(["jump"]))
            let first = try await game.receiveAction()
            try await game.answer(first, success: false)  // no message, and late
            let retry = try await game.receiveAction()
            try await game.send("action/result", data: #"{"id":"nope","success":true,"message":"Done."}"#)
            try await game.answer(first, success: true)
            // reregister_all while the retry awaits its result; the game never registers again.
            try await wire.simulator.send(.reregisterAllActions)
            _ = try await wire.diagnostic(.missingReregistration)
            try await game.send("actions/register", data: #"{"actions":[{"name":"jump","description":"Jump."}]}"#)
            try await game.send("actions/force", data: SessionHarness.force(["jump"]))
            _ = try await wire.diagnostic(.resultTimeout)
            try await game.answer(retry, success: true)
            try await game.answer(try await game.receiveAction(), success: true, message: "Now `fly`.")
            try await game.send("actions/force", data: SessionHarness.force(["jump"]))
            try await game.answer(try await game.receiveAction(), success: true, message: "")  // says nothing
            // Shutdown.
            try await wire.simulator.send(.gracefulShutdownRequest(wantsShutdown: true))
            try await game.send("shutdown/ready")
            try await game.send("actions/force", data: SessionHarness.force(["jump"]))  // its action stays unanswered
            _ = try await game.receiveAction()
            try await wire.simulator.send(.immediateShutdownRequest)
            _ = try await wire.diagnostic(.missingShutdownReady)
            // Other clients: the same title again, and another game on the same name and slot.
            let twin = try await wire.startGame(as: "Bad Game")
            let other = try await wire.startGame(as: "Other Game")
            try await other.send("actions/register", data: #"{"actions":[{"name":"jump","description":"Jump."}]}"#)
            try await other.send("actions/force", data: SessionHarness.force(["jump"]))
            _ = try await wire.diagnostic(.forceWhileOtherGamePending)
            for end in [game, twin, other] { await end.transport.close(code: .normalClosure, reason: nil) }
        }

        let report = try JSONParser().parse(simulator.report().encoded())
        let diagnostics = try #require(report["diagnostics"]?.objectValue)
        let ids = Set(diagnostics.keys)
        // Every rule of the 2026-08-21 spec but the binary frame, which the SDK's transport cannot
        // send, and `duplicateRegistration`, which that spec replaced by `identicalReregistration`.
        // Written out: a rule that stops being checked must fail here, not drop out of the list.
        let expected: Set<String> = [
            "invalidJSON", "notAnObject", "unknownCommand", "invalidFields", "messageBeforeStartup",
            "gameChanged", "multipleStartups", "lateStartup", "duplicateGameClient", "invalidActionName",
            "invalidSchema", "discouragedSchemaKeyword", "unsupportedSchemaKeyword", "nullSchema",
            "emptySchema", "emptyDescription", "unsatisfiableSchema", "identicalReregistration",
            "actionRegisteredByOtherGame", "missingReregistration", "emptyUnregister", "unregisterUnknown",
            "unregisterInactive", "emptyForce", "forceUnregisteredAction", "forceWhilePending",
            "forceWhileResultPending", "forceWhileOtherGamePending", "forceAfterShutdownReady",
            "unknownResultID", "duplicateResult", "resultTimeout", "resultAfterTimeout", "lateResult",
            "failureWithoutMessage", "successWithoutMessage", "mentionsUnregisteredAction",
            "contextMentionsUnregisteredAction", "missingShutdownReady",
        ]
        #expect(
            ids == expected, "not named: \(expected.subtracting(ids).sorted()); unexpected: \(ids.subtracting(expected).sorted())"
        )
        for (id, entry) in diagnostics {
            let rule = try #require(ConformanceRule(rawValue: id))
            #expect(entry["severity"] == .string(rule.severity.rawValue))
            #expect((entry["count"]?.integerValue ?? 0) >= 1)
        }
        #expect(report["violationCount"]?.integerValue ?? 0 > 0)
        #expect(report["spec"] == "2026-08-21")
    }
}
