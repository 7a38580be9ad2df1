import Logging
import NeuroAPI
import Synchronization
import Testing

@testable import NeuroSim

/// Log lines kept in memory, to check what the player logs.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func logger() -> Logger {
        var logger = Logger(label: "neuro.sim.llm-test") { _ in CapturingHandler(logs: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }
}

private struct CapturingHandler: LogHandler {
    let logs: CapturedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        logs.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(event.error.map { "\($0)" } ?? "")")
    }
}

/// The language-model player against a scripted chat-completions server on 127.0.0.1.
@Suite(.timeLimit(.minutes(1)))
struct LLMPlayerTests {
    static let key = "sk-test-0123456789-secret"

    /// Plays one force of `jump` or `wait` against the scripted server; returns the action
    /// NeuroSim sent (answered with a success), the simulator and the logs.
    static func playOneForce(
        script: [ScriptedModelServer.Reply], otherwise: ScriptedModelServer.Reply = .text("I wait."),
        timeout: Duration = .seconds(5),
        maximumRetries: Int? = nil,
        check: (ScriptedModelServer, NeuroAction, NeuroSimReport, String) throws -> Void
    ) async throws {
        try await ScriptedModelServer.withServer(script: script, otherwise: otherwise) { server in
            let logs = CapturedLogs()
            var player = try LLMPlayerConfiguration(url: server.baseURL, model: "scripted-model", apiKey: LLMAPIKey(key))
            player.requestTimeout = timeout
            if let maximumRetries { player.maximumRetries = maximumRetries }
            player.initialBackoff = .milliseconds(1)
            player.maximumBackoff = .milliseconds(5)
            player.idleInterval = .seconds(3600)
            var configuration = NeuroSimConfiguration()
            configuration.forceDelay = .zero
            configuration.player = .languageModel(player)
            let simulator = NeuroSimulator(configuration: configuration, logger: logs.logger())
            let (gameTransport, neuroTransport) = InMemoryTransport.makePair()
            let game = GameEnd(transport: gameTransport)
            let action = try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await simulator.serve(neuroTransport, abort: neuroTransport.drop) }
                try await game.send("startup")
                _ = try await game.receive()
                try await game.send("actions/register", data: SessionHarness.jumpAndWait)
                try await game.send("context", data: #"{"message":"You stand at the edge.","silent":true}"#)
                try await game.send("actions/force", data: SessionHarness.force(["jump", "wait"], query: "Cross the gap"))
                let action = try await game.receiveAction()
                try await game.send("action/result", data: #"{"id":"\#(action.id)","success":true}"#)
                await gameTransport.close(code: .normalClosure, reason: nil)
                try await group.waitForAll()
                return action
            }
            let report = simulator.report()
            try check(server, action, report, logs.text)
            #expect(!logs.text.contains(key))
            #expect(!report.encoded().contains(key))
        }
    }

    @Test func theRequestCarriesTheToolsAndContextAndTheCallBecomesTheAction() async throws {
        let arguments = #"{"height": 3}"#
        try await Self.playOneForce(script: [.toolCall("jump", arguments: arguments, promptTokens: 321, completionTokens: 17)]) {
            server, action, report, _ in
            #expect(action.name == "jump")
            #expect(action.data == arguments)
            let request = try #require(server.requests.first)
            #expect(server.requests.count == 1)
            #expect(request.method == "POST")
            #expect(request.uri == "/v1/chat/completions")
            #expect(request.headers["authorization"] == "Bearer \(Self.key)")
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.json?["model"] == "scripted-model")
            #expect(request.json?["tool_choice"] == "required")
            #expect(request.toolNames == ["jump", "wait"])
            let jump = try #require(request.json?["tools"]?.arrayValue?.first?["function"])
            #expect(jump["parameters"]?["required"] == ["height"])
            let contents = request.messages.compactMap { $0["content"]?.stringValue }
            #expect(contents.contains("[game] You stand at the edge."))
            #expect(contents.last?.contains("Cross the gap") == true)
            let model = try #require(report.games.first?.statistics.model)
            #expect(model.requests == 1)
            #expect(model.decisions == 1)
            #expect(model.promptTokens == 321)
            #expect(model.completionTokens == 17)
            #expect(model.latency.count == 1)
            #expect(model.fallbacks == 0)
            let json = report.jsonValue["games"]?["Game"]?["model"]
            #expect(json?["requests"] == 1)
            #expect(json?["latencyMilliseconds"]?["count"] == 1)
        }
    }

    /// An unusable answer gets one corrective retry; a second unusable one falls back.
    @Test(arguments: [
        (ScriptedModelServer.Reply.text("I would rather not."), "noToolCall"),
        (.toolCall("fly", arguments: "{}"), "unknownTool"),
        (.toolCall("jump", arguments: #"{"height": "#), "invalidArguments"),
    ])
    func anUnusableAnswerIsCorrectedOnceThenTheRandomPlayerDecides(
        bad: ScriptedModelServer.Reply, kind: String
    )
        async throws
    {
        try await Self.playOneForce(script: [bad, bad]) { server, action, report, logs in
            #expect(server.requests.count == 2)
            let correction = try #require(server.requests.last?.messages.last?["content"]?.stringValue)
            #expect(correction.contains("Call exactly one of these tools: `jump`, `wait`"))
            #expect(["jump", "wait"].contains(action.name))
            let model = try #require(report.games.first?.statistics.model)
            #expect(model.toolCallErrorsByKind == [kind: 2])
            #expect(model.correctiveRetries == 1)
            #expect(model.fallbacks == 1)
            #expect(report.jsonValue["games"]?["Game"]?["model"]?["fallbacks"] == 1)
            #expect(logs.contains("the random player decides"))
        }
    }

    @Test func aCorrectedAnswerIsTaken() async throws {
        try await Self.playOneForce(script: [.text("Thinking..."), .toolCall("wait", arguments: "{}")]) {
            server, action, report, _ in
            #expect(server.requests.count == 2)
            #expect(action.name == "wait")
            #expect(action.data == nil)
            let model = try #require(report.games.first?.statistics.model)
            #expect(model.correctiveRetries == 1)
            #expect(model.fallbacks == 0)
        }
    }

    @Test(arguments: [
        (ScriptedModelServer.Reply.status(429, headers: ["Retry-After": "0"]), "status429"),
        (.status(500), "status5xx"),
        (.status(503), "status5xx"),
    ])
    func aRetryableStatusIsRetried(failure: ScriptedModelServer.Reply, kind: String) async throws {
        try await Self.playOneForce(script: [failure, .toolCall("jump", arguments: #"{"height":1}"#)]) {
            server, action, report, _ in
            #expect(server.requests.count == 2)
            #expect(server.requests[0].body == server.requests[1].body)
            #expect(action.data == #"{"height":1}"#)
            let model = try #require(report.games.first?.statistics.model)
            #expect(model.requestFailuresByKind == [kind: 1])
            #expect(model.retries == 1)
            #expect(model.requests == 2)
            #expect(model.fallbacks == 0)
        }
    }

    /// The first request is never answered; every later one is. With 20 retries allowed, a
    /// loaded machine that makes a later answer late too (past the 500 ms timeout) only adds
    /// retries: it would need 20 late answers in a row to fall back.
    @Test func aResponseSlowerThanTheTimeoutIsRetried() async throws {
        try await Self.playOneForce(
            script: [.stall], otherwise: .toolCall("wait", arguments: ""), timeout: .milliseconds(500),
            maximumRetries: 20
        ) { server, action, report, _ in
            #expect(server.requests.count >= 2)
            #expect(action.name == "wait")
            let model = try #require(report.games.first?.statistics.model)
            #expect((model.requestFailuresByKind["timeout"] ?? 0) >= 1)
            #expect(model.requestFailuresByKind.keys.allSatisfy { $0 == "timeout" })
            #expect(model.retries == model.requests - 1)
            #expect(model.fallbacks == 0)
        }
    }

    @Test func requestsThatKeepFailingFallBack() async throws {
        try await Self.playOneForce(script: Array(repeating: .status(500), count: 4)) { server, action, report, _ in
            #expect(server.requests.count == 4)  // one request and 3 retries
            #expect(["jump", "wait"].contains(action.name))
            let model = try #require(report.games.first?.statistics.model)
            #expect(model.requestFailuresByKind == ["status5xx": 4])
            #expect(model.fallbacks == 1)
        }
    }

    @Test func aClientErrorIsNotRetried() async throws {
        try await Self.playOneForce(script: [.status(401)]) { server, _, report, _ in
            #expect(server.requests.count == 1)
            let model = try #require(report.games.first?.statistics.model)
            #expect(model.requestFailuresByKind == ["status4xx": 1])
            #expect(model.fallbacks == 1)
        }
    }
}
