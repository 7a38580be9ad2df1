import NeuroAPI
import Testing

@testable import NeuroSim

/// Every diagnostic about frames, provoked by raw frames over a real websocket.
@Suite(.timeLimit(.minutes(1)))
struct WireDiagnosticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var rule: ConformanceRule
        var configure: @Sendable (inout NeuroSimConfiguration) -> Void = { _ in }
        /// Plays the game after `startup` and the registration of `jump` and `wait`.
        var play: @Sendable (GameEnd, WireHarness) async throws -> Void
        var testDescription: String { name }
    }

    static func register(_ actions: String) -> String { #"{"actions":[\#(actions)]}"# }

    static let cases: [Case] = [
        Case(name: "a second startup", rule: .multipleStartups) { game, _ in try await game.send("startup") },
        Case(name: "a null schema", rule: .nullSchema) { game, _ in
            try await game.registering(#"{"name":"pass","description":"P.","schema":null}"#)
        },
        Case(name: "an empty schema", rule: .emptySchema) { game, _ in
            try await game.registering(#"{"name":"pass","description":"P.","schema":{}}"#)
        },
        Case(name: "an empty description", rule: .emptyDescription) { game, _ in
            try await game.registering(#"{"name":"pass","description":""}"#)
        },
        Case(name: "uniqueItems", rule: .unsupportedSchemaKeyword) { game, _ in
            try await game.registering(
                #"{"name":"pick","description":"P.","schema":{"type":"object","properties":{"c":{"type":"array","uniqueItems":true}}}}"#
            )
        },
        Case(name: "contains", rule: .unsupportedSchemaKeyword) { game, _ in
            try await game.registering(
                #"{"name":"pick","description":"P.","schema":{"type":"object","properties":{"c":{"type":"array","contains":{"const":1}}}}}"#
            )
        },
        Case(name: "propertyNames", rule: .unsupportedSchemaKeyword) { game, _ in
            try await game.registering(
                #"{"name":"pick","description":"P.","schema":{"type":"object","propertyNames":{"pattern":"^a"}}}"#)
        },
        Case(name: "a keyword Neuro does not know", rule: .unsupportedSchemaKeyword) { game, _ in
            try await game.registering(#"{"name":"pick","description":"P.","schema":{"type":"object","x-hint":"cards"}}"#)
        },
        Case(name: "a schema that is not valid JSON schema", rule: .invalidSchema) { game, _ in
            try await game.registering(
                #"{"name":"pick","description":"P.","schema":{"type":"object","properties":{"n":{"type":"integer","minimum":"one"}}}}"#
            )
        },
        Case(name: "a schema nothing satisfies", rule: .unsatisfiableSchema) { game, _ in
            try await game.registering(
                #"{"name":"pick","description":"P.","schema":{"type":"object","properties":{"n":{"type":"integer","minimum":5,"maximum":1}},"required":["n"]}}"#
            )
        },
        Case(name: "an identical re-registration", rule: .identicalReregistration) { game, _ in
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
        },
        Case(
            name: "a re-registration before 2026-08-20", rule: .duplicateRegistration, configure: { $0.spec = .july2026 }
        ) { game, _ in
            try await game.registering(#"{"name":"jump","description":"Jump higher."}"#)
        },
        Case(name: "an empty unregister", rule: .emptyUnregister) { game, _ in
            try await game.send("actions/unregister", data: #"{"action_names":[]}"#)
        },
        Case(name: "unregistering a name never registered", rule: .unregisterUnknown) { game, _ in
            try await game.send("actions/unregister", data: #"{"action_names":["ghost"]}"#)
        },
        Case(name: "unregistering a name twice", rule: .unregisterInactive) { game, _ in
            try await game.send("actions/unregister", data: #"{"action_names":["wait"]}"#)
            try await game.send("actions/unregister", data: #"{"action_names":["wait"]}"#)
        },
        Case(name: "a failure without a message", rule: .failureWithoutMessage) { game, _ in
            try await game.send("actions/force", data: SessionHarness.force(["wait"]))
            try await game.answer(try await game.receiveAction(), success: false)
        },
        Case(
            name: "a force while a result is pending", rule: .forceWhileResultPending,
            configure: { $0.unforcedActionRate = 1000 }
        ) { game, _ in
            _ = try await game.receiveAction()
            try await game.send("actions/force", data: SessionHarness.force(["wait"]))
        },
        Case(name: "a late startup", rule: .lateStartup, configure: { $0.lateThreshold = .nanoseconds(1) }) { _, _ in },
        Case(name: "a late result", rule: .lateResult, configure: { $0.lateThreshold = .nanoseconds(1) }) { game, _ in
            try await game.send("actions/force", data: SessionHarness.force(["wait"]))
            try await game.answer(try await game.receiveAction(), success: true)
        },
        Case(name: "a second client of one game", rule: .duplicateGameClient) { _, wire in
            _ = try await wire.startGame(as: "Game")
        },
        Case(name: "a context naming an unregistered action", rule: .contextMentionsUnregisteredAction) { game, _ in
            try await game.send("context", data: #"{"message":"Use `fly` to escape.","silent":true}"#)
            try await game.send("actions/force", data: SessionHarness.force(["jump"]))  // Neuro acts: checked now
        },
        Case(name: "a force query naming an unregistered action", rule: .mentionsUnregisteredAction) { game, _ in
            try await game.send("actions/force", data: SessionHarness.force(["jump"], query: "Jump, or `fly`."))
        },
        Case(name: "a force state naming an unregistered action", rule: .mentionsUnregisteredAction) { game, _ in
            try await game.send("actions/force", data: #"{"state":"`fly` is ready","query":"Go.","action_names":["wait"]}"#)
        },
        Case(name: "a result message naming an unregistered action", rule: .mentionsUnregisteredAction) { game, _ in
            try await game.send("actions/force", data: SessionHarness.force(["wait"]))
            try await game.answer(try await game.receiveAction(), success: false, message: "Try `fly` instead.")
        },
        Case(name: "no result in time", rule: .resultTimeout, configure: { $0.resultTimeout = .milliseconds(50) }) {
            game, _ in
            try await game.send("actions/force", data: SessionHarness.force(["wait"]))
            _ = try await game.receiveAction()
        },
        Case(
            name: "a result after its timeout", rule: .resultAfterTimeout,
            configure: { $0.resultTimeout = .milliseconds(50) }
        ) { game, wire in
            try await game.send("actions/force", data: SessionHarness.force(["wait"]))
            let action = try await game.receiveAction()
            _ = try await wire.diagnostic(.resultTimeout)
            try await game.answer(action, success: true)
        },
        Case(
            name: "no re-registration after reregister_all", rule: .missingReregistration,
            configure: { $0.reregisterTimeout = .milliseconds(50) }
        ) { game, wire in
            // A forced round first: NeuroSim has read the registration when the action comes.
            try await game.send("actions/force", data: SessionHarness.force(["wait"]))
            try await game.answer(try await game.receiveAction(), success: true)
            try await wire.simulator.send(.reregisterAllActions)
        },
        Case(
            name: "no shutdown/ready after shutdown/graceful", rule: .missingShutdownReady,
            configure: { $0.shutdownReadyTimeout = .milliseconds(50) }
        ) { _, wire in
            try await wire.simulator.send(.gracefulShutdownRequest(wantsShutdown: true))
        },
        Case(name: "a force after shutdown/ready", rule: .forceAfterShutdownReady) { game, wire in
            try await wire.simulator.send(.gracefulShutdownRequest(wantsShutdown: true))
            try await game.send("shutdown/ready")
            try await game.send("actions/force", data: SessionHarness.force(["wait"]))
        },
    ]

    @Test(arguments: cases)
    func isDiagnosedOverAWebSocket(_ testCase: Case) async throws {
        let simulator = try await WireHarness.run({
            $0.forceDelay = .zero
            testCase.configure(&$0)
        }) { wire in
            let game = try await wire.startGame()
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
            try await testCase.play(game, wire)
            let diagnostic = try await wire.diagnostic(testCase.rule)
            #expect(diagnostic.severity == testCase.rule.severity)
            #expect(!diagnostic.message.isEmpty)
            #expect(wire.simulator.report().diagnosticsByRule[testCase.rule] ?? 0 >= 1)
            await game.transport.close(code: .normalClosure, reason: nil)
        }
        let report = simulator.report()
        let parsed = try JSONParser().parse(report.encoded())
        #expect(parsed["diagnostics"]?[testCase.rule.id]?["severity"] == .string(testCase.rule.severity.rawValue))
    }
}

extension GameEnd {
    /// Sends `actions/register` with one action given as JSON text.
    func registering(_ action: String) async throws {
        try await send("actions/register", data: WireDiagnosticsTests.register(action))
    }
}
