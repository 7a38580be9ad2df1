import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroSim
import ServiceLifecycleTestKit
import Testing

@testable import NeuroHost

/// The hostile frames of `HostileInputTests`, this time over a real websocket to a supervised
/// game: every frame with an action id gets exactly one failure, the rest are skipped, and the
/// game stays on its first connection.
@Suite(.timeLimit(.minutes(1))) struct HostileFramesOverWebSocketTests {
    static let frames: [String] = [
        "not json at all",
        "[\"array\"]",
        "null",
        #"{"data":{"id":"x"}}"#,
        #"{"command":7}"#,
        #"{"command":"mystery/command","data":{}}"#,
        #"{"command":"action","data":{"id":"h1","name":17}}"#,
        NeuroCommand.action(NeuroAction(id: "h2", name: "nope", data: nil)).encoded(),
        NeuroCommand.action(NeuroAction(id: "h3", name: "guess", data: "{oops")).encoded(),
        NeuroCommand.action(NeuroAction(id: "h4", name: "guess", data: #"{"number":"ten"}"#)).encoded(),
        NeuroCommand.action(
            NeuroAction(
                id: "h5", name: "guess", data: String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        ).encoded(),
        NeuroCommand.action(NeuroAction(id: "h6", name: "guess", data: "\"" + String(repeating: "z", count: 900_000) + "\""))
            .encoded(),
        NeuroCommand.action(NeuroAction(id: "h6", name: "guess", data: "{}")).encoded(),
    ]

    @Test func everyActionIdIsAnsweredOnceAndTheConnectionSurvives() async throws {
        try await testGracefulShutdown { trigger in
            var logger = Logger(label: "test.hostile.websocket")
            logger.logLevel = .critical
            let listener = WebSocketListener(host: "127.0.0.1", port: 0, logger: logger)
            let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
            let (answers, answerContinuation) = AsyncStream.makeStream(of: [String: [ActionResult]].self)
            let game = try GameCatalog.builtIn.makeSession(
                plugin: "guess-the-number", title: "Guess", settings: nil, seed: 3, options: GameSessionOptions(logger: logger))

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await listener.run(onListening: { portContinuation.yield($0) }) { transport, _ in
                        guard await OversizedFrameTests.read(until: #""actions/force""#, from: transport) else { return }
                        var results: [String: [ActionResult]] = [:]
                        do {
                            for frame in Self.frames { try await transport.send(frame) }
                            try await transport.send(
                                NeuroCommand.action(NeuroAction(id: "probe", name: "guess", data: #"{"number":50}"#)).encoded())
                            reading: for _ in 0..<200 {
                                guard case .text(let text) = try await transport.receive() else { continue }
                                guard case .actionResult(let result) = try GameCommand.decode(text).command else { continue }
                                results[result.id, default: []].append(result)
                                if result.id == "probe" { break reading }
                            }
                        } catch {
                            results["transport error: \(error)"] = []
                        }
                        answerContinuation.yield(results)
                        _ = await OversizedFrameTests.read(until: "never sent", from: transport)
                    }
                }
                var portIterator = ports.makeAsyncIterator()
                let port = try #require(await portIterator.next())
                let supervisor = GameSupervisor.onLoopback(game, port: port, logger: logger)
                group.addTask { await supervisor.run() }

                var answerIterator = answers.makeAsyncIterator()
                let results = try #require(await answerIterator.next())
                #expect(Set(results.keys) == ["h1", "h2", "h3", "h4", "h5", "h6", "probe"])
                for id in ["h1", "h2", "h3", "h4", "h5"] {
                    #expect(results[id]?.count == 1, "\(id) answered \(results[id]?.count ?? 0) times")
                    #expect(results[id]?.first?.isSuccess == false, "\(id)")
                }
                #expect(results["h6"]?.count == 2, "a duplicated id is answered once per action")
                #expect(results["h1"]?.first?.message?.hasPrefix("Invalid action message:") == true)
                #expect(results["h2"]?.first?.message?.hasPrefix("Unknown action \"nope\"") == true)
                #expect(results["probe"]?.count == 1)
                #expect(supervisor.status.sessions == 1, "the hostile frames must not cost the connection")
                trigger.triggerGracefulShutdown()
                listener.stop()
                try await group.waitForAll()
                #expect(supervisor.state == .stopped)
            }
        }
    }
}
