import NeuroAPI
import Testing

@testable import NeuroSim

/// The language-model player's pure core: turns, requests, replies, corrections, trimming,
/// back-off, and the session's decisions, all without I/O.
@Suite struct LLMCoreTests {
    static func harness(budget: Int = 8192, idle: Duration = .seconds(10)) throws -> SessionHarness {
        var player = try LLMPlayerConfiguration(url: "http://127.0.0.1:1/v1", model: "m")
        player.contextTokenBudget = budget
        player.idleInterval = idle
        return SessionHarness { [player] configuration in
            configuration.player = .languageModel(player)
            configuration.forceDelay = .zero
        }
    }

    static func turns(in effects: [SimulatedConnectionEffect]) -> [LLMTurn] {
        effects.compactMap { if case .decide(let turn) = $0 { turn } else { nil } }
    }

    @Test func aForceBecomesARequiredTurnWithTheForcedToolsAndTheContext() throws {
        var harness = try Self.harness()
        harness.startAndRegister()
        harness.send("context", data: #"{"message":"The level begins.","silent":false}"#)
        harness.send("context", data: #"{"message":"A quiet note.","silent":true}"#)
        let effects = harness.send("actions/force", data: SessionHarness.force(["wait"], query: "Pick one"))
        let turn = try #require(Self.turns(in: effects).first)
        #expect(turn.isForced)
        #expect(turn.tools.map(\.name) == ["wait"])
        #expect(effects.actions.isEmpty)
        let body = turn.requestBody(model: "m")
        #expect(body["tool_choice"] == "required")
        #expect(body["model"] == "m")
        let tool = try #require(body["tools"]?.arrayValue?.first?["function"])
        #expect(tool["name"] == "wait")
        #expect(tool["description"] == "Wait.")
        #expect(tool["parameters"] == ["type": "object", "properties": [:]])
        let contents = (body["messages"]?.arrayValue ?? []).compactMap { $0["content"]?.stringValue }
        #expect(contents.first == LLMPlayerConfiguration.defaultSystemPrompt)
        #expect(contents.contains("[game] The level begins."))
        #expect(contents.contains("[game] A quiet note."))
        #expect(contents.last?.contains("Pick one") == true)
        // One turn at a time: nothing more until the decision.
        #expect(Self.turns(in: harness.advance(by: .seconds(1))).isEmpty)
        #expect(harness.session.nextDeadline == nil)
    }

    @Test func theModelsCallIsSentWithExactlyItsDataAndItsResultJoinsTheConversation() throws {
        var harness = try Self.harness()
        harness.startAndRegister()
        let turn = try #require(Self.turns(in: harness.send("actions/force", data: SessionHarness.force(["jump"]))).first)
        #expect(turn.tools.first?.schema?["required"] == ["height"])
        let data = #"{ "height" : 2 }"#
        let effects = harness.session.decided(
            LLMDecision(turnID: turn.id, choice: .act(name: "jump", data: data), statistics: LLMStatistics()), at: harness.now)
        let action = try #require(effects.actions.first)
        #expect(action.name == "jump")
        #expect(action.data == data)
        #expect(effects.sentCommands == [.action(action)])
        harness.send("action/result", data: #"{"id":"\#(action.id)","success":false,"message":"Too high."}"#)
        let retry = try #require(Self.turns(in: harness.effects).last)
        #expect(retry.id != turn.id)
        let messages = retry.messages.map(\.jsonValue)
        #expect(messages.contains { $0["tool_calls"]?.arrayValue?.first?["function"]?["arguments"] == .string(data) })
        #expect(messages.contains { $0["role"] == "tool" && $0["content"] == "failure: Too high." })
    }

    @Test func anEphemeralStateIsSentOnlyWithItsDecision() throws {
        var harness = try Self.harness()
        harness.startAndRegister()
        let force = #"{"query":"Move","state":"SECRET BOARD","ephemeral_context":true,"action_names":["wait"]}"#
        let turn = try #require(Self.turns(in: harness.send("actions/force", data: force)).first)
        #expect(turn.messages.last == .user("[game] State (for this decision only):\nSECRET BOARD"))
        let effects = harness.session.decided(
            LLMDecision(turnID: turn.id, choice: .act(name: "wait", data: nil), statistics: LLMStatistics()), at: harness.now)
        let action = try #require(effects.actions.first)
        harness.send("action/result", data: #"{"id":"\#(action.id)","success":true}"#)
        harness.advance(by: .seconds(10))
        let idle = try #require(Self.turns(in: harness.effects).last)
        #expect(!idle.isForced)
        #expect(idle.requestBody(model: "m")["tool_choice"] == "auto")
        #expect(!idle.messages.contains { "\($0)".contains("SECRET BOARD") })
        #expect(idle.messages.contains { "\($0)".contains("Move") })
    }

    @Test func aFallbackSendsTheRandomPlayersActionAndIsCounted() throws {
        var harness = try Self.harness()
        harness.startAndRegister()
        let turn = try #require(Self.turns(in: harness.send("actions/force", data: SessionHarness.force(["jump"]))).first)
        var statistics = LLMStatistics()
        statistics.fallbacks = 1
        let effects = harness.session.decided(
            LLMDecision(turnID: turn.id, choice: .fallBack, statistics: statistics), at: harness.now)
        let action = try #require(effects.actions.first)
        #expect(action.name == "jump")
        #expect(action.data?.contains("height") == true)
        #expect(harness.session.statistics.model.fallbacks == 1)
        // A stale decision adds its figures and nothing else.
        let stale = harness.session.decided(
            LLMDecision(turnID: turn.id, choice: .act(name: "jump", data: "{}"), statistics: statistics), at: harness.now)
        #expect(stale.actions.isEmpty)
        #expect(harness.session.statistics.model.fallbacks == 2)
    }

    static let jump = Action(
        name: "jump", description: "Jump.",
        schema: ["type": "object", "properties": ["height": ["type": "integer"]], "required": ["height"]])
    static let wait = Action(name: "wait", description: "Wait.")

    static func body(_ message: String) -> String {
        #"{"choices":[{"index":0,"message":\#(message)}],"usage":{"prompt_tokens":12,"completion_tokens":3}}"#
    }

    static func call(_ name: String, _ arguments: String) -> String {
        body(
            #"{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"\#(name)","arguments":\#(arguments)}}]}"#
        )
    }

    @Test(arguments: [
        (call("jump", #""{\"height\": 2}""#), LLMReply.Choice.toolCall(name: "jump", data: #"{"height": 2}"#)),
        (call("jump", #"{"height":3}"#), .toolCall(name: "jump", data: #"{"height":3}"#)),
        (call("wait", #""""#), .toolCall(name: "wait", data: nil)),
        (call("wait", #""{}""#), .toolCall(name: "wait", data: nil)),
        (body(#"{"role":"assistant","content":"Hmm."}"#), .text("Hmm.")),
        (call("fly", #""{}""#), .invalid(.unknownTool, detail: "fly")),
        (call("jump", #""{height: 2""#), .invalid(.invalidArguments, detail: "jump")),
        (call("jump", #""[1]""#), .invalid(.invalidArguments, detail: "jump")),
        ("<html>", .invalid(.invalidResponse, detail: "not JSON")),
        (#"{"choices":[]}"#, .invalid(.invalidResponse, detail: "no choices[0].message")),
    ])
    func repliesAreRead(body: String, expected: LLMReply.Choice) {
        let reply = LLMReply.parse(body, offering: [Self.jump, Self.wait])
        #expect(reply.choice == expected)
    }

    @Test func usageIsRead() {
        let reply = LLMReply.parse(Self.call("wait", #""""#), offering: [Self.wait])
        #expect(reply.promptTokens == 12)
        #expect(reply.completionTokens == 3)
    }

    @Test(arguments: [
        LLMReply.Choice.text("no"), .invalid(.unknownTool, detail: "fly"), .invalid(.invalidArguments, detail: "jump"),
    ])
    func aForcedTurnIsCorrectedOnceThenFallsBack(choice: LLMReply.Choice) throws {
        let turn = LLMTurn(id: 1, isForced: true, tools: [Self.jump], messages: [.system("s"), .user("u")])
        let reply = LLMReply(choice: choice, echo: "said something")
        guard case .correct(let corrected, let error) = turn.next(after: reply) else {
            Issue.record("no correction")
            return
        }
        #expect(corrected.isCorrection)
        #expect(corrected.messages.count == 4)
        #expect(corrected.messages[2] == .assistant("said something"))
        guard case .user(let correction) = corrected.messages[3] else {
            Issue.record("no corrective message")
            return
        }
        #expect(correction.contains("`jump`"))
        #expect(corrected.next(after: reply) == .fallBack(error))
    }

    @Test func anUnforcedTurnWithoutACallIsAPass() {
        let turn = LLMTurn(id: 1, isForced: false, tools: [Self.jump], messages: [])
        #expect(turn.next(after: LLMReply(choice: .text(nil), echo: "")) == .decided(.pass))
    }

    @Test func backOffDoublesIsCappedAndHonoursRetryAfter() throws {
        var configuration = try LLMPlayerConfiguration(url: "http://h", model: "m")
        configuration.initialBackoff = .milliseconds(100)
        configuration.maximumBackoff = .milliseconds(350)
        let policy = LLMRetryPolicy(configuration)
        #expect(policy.delay(beforeRetry: 1, retryAfter: nil) == .milliseconds(100))
        #expect(policy.delay(beforeRetry: 2, retryAfter: nil) == .milliseconds(200))
        #expect(policy.delay(beforeRetry: 3, retryAfter: nil) == .milliseconds(350))
        #expect(policy.delay(beforeRetry: 1, retryAfter: "0") == .zero)
        #expect(policy.delay(beforeRetry: 1, retryAfter: "120") == .milliseconds(350))
        #expect(policy.delay(beforeRetry: 1, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT") == .milliseconds(100))
        #expect(LLMRetryPolicy.isRetryable(status: 429) && LLMRetryPolicy.isRetryable(status: 503))
        #expect(!LLMRetryPolicy.isRetryable(status: 400))
    }

    @Test(arguments: [
        ("http://localhost:11434/v1", "http://localhost:11434/v1/chat/completions"),
        ("http://localhost:1234/v1/", "http://localhost:1234/v1/chat/completions"),
        ("https://openrouter.ai/api/v1/chat/completions", "https://openrouter.ai/api/v1/chat/completions"),
    ])
    func theEndpointIsTheBaseURLPlusChatCompletions(url: String, endpoint: String) throws {
        #expect(try LLMPlayerConfiguration.endpoint(for: url) == endpoint)
    }

    @Test func settingsAreCheckedWithoutShowingTheKey() throws {
        #expect(throws: NeuroError.self) { try LLMPlayerConfiguration.endpoint(for: "localhost:11434") }
        #expect(throws: NeuroError.self) { try LLMPlayerConfiguration(url: "http://h", model: " ") }
        let environment = ["MY_KEY": "sk-very-secret"]
        let player = try NeuroSimPlayer.named(
            "llm", url: "http://h/v1", model: "m", keyVariable: "MY_KEY", timeout: 5, contextTokens: 1000, idleInterval: 2,
            environment: environment)
        guard case .languageModel(let configuration) = player else {
            Issue.record("not the llm player")
            return
        }
        #expect(configuration.apiKey?.value == "sk-very-secret")
        #expect(!"\(player)".contains("sk-very-secret"))
        #expect(!String(reflecting: player).contains("sk-very-secret"))
        do {
            _ = try NeuroSimPlayer.named(
                "llm", url: "http://h/v1", model: "m", keyVariable: "MISSING", timeout: 5, contextTokens: 1000,
                idleInterval: 2, environment: environment)
            Issue.record("a missing key variable was accepted")
        } catch {
            #expect(error.code == .invalidLLMSetting)
            #expect(error.message.contains("MISSING"))
        }
        #expect(
            try NeuroSimPlayer.named(
                "random", url: nil, model: nil, keyVariable: nil, timeout: 5, contextTokens: 1000, idleInterval: 2,
                environment: [:]) == .random)
    }

    @Test func theConversationStaysWithinTheBudgetOverALongGame() throws {
        let budget = 1500
        var harness = try Self.harness(budget: budget)
        harness.startAndRegister()
        var largest = 0
        for round in 0..<200 {
            let text = "Round \(round): " + String(repeating: "the board changes. ", count: 10)
            harness.send("context", data: #"{"message":"\#(text)","silent":\#(round % 2 == 0)}"#)
            guard round % 10 == 0 else { continue }
            let effects = harness.send("actions/force", data: SessionHarness.force(["jump", "wait"], query: "Force \(round)"))
            let turn = try #require(Self.turns(in: effects).first)
            let tokens =
                turn.messages.reduce(0) { $0 + $1.estimatedTokens } + LLMTurn.estimatedTokens(ofTools: turn.tools)
            largest = max(largest, tokens)
            #expect(tokens <= budget, "round \(round)")
            #expect(turn.messages.contains { "\($0)".contains("Force \(round)") }, "the current force is kept")
            #expect(turn.messages.contains { "\($0)".contains("Round \(round):") }, "the newest context is kept")
            let sent = harness.session.decided(
                LLMDecision(turnID: turn.id, choice: .act(name: "wait", data: nil), statistics: LLMStatistics()),
                at: harness.now)
            let action = try #require(sent.actions.first)
            harness.send("action/result", data: #"{"id":"\#(action.id)","success":true}"#)
        }
        #expect(largest > budget / 2, "the budget was actually reached")
        let last = try #require(Self.turns(in: harness.effects).last)
        #expect(last.messages.contains { "\($0)".contains("earlier messages were left out") })
        // Every tool result still answers a tool call that is there.
        let calls = Set(last.messages.compactMap { if case .toolCall(let id, _, _) = $0 { id } else { nil } })
        for case .toolResult(let id, _) in last.messages { #expect(calls.contains(id)) }
    }
}
