import NIOCore
import NIOPosix
import NeuroWebSocket
import Testing

@Suite(.timeLimit(.minutes(1)))
struct EventLoopTaskExecutorTests {
    @Test func aTaskPreferringTheExecutorRunsOnItsLoopAcrossSuspensions() async throws {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let onLoop = await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) { () async -> [Bool] in
            var seen = [loop.inEventLoop]
            await Task.yield()
            seen.append(loop.inEventLoop)
            try? await Task.sleep(for: .milliseconds(1))
            seen.append(loop.inEventLoop)
            return seen
        }
        #expect(onLoop == [true, true, true])
        #expect(!loop.inEventLoop, "outside the preference the task runs elsewhere")
    }

    @Test func aWebSocketTransportPrefersItsOwnLoopAndTheInMemoryOneNothing() async throws {
        let (game, _) = InMemoryTransport.makePair()
        #expect(game.preferredTaskExecutor == nil)

        let listener = WebSocketListener(port: 0, configuration: .init(), logger: silentLogger)
        try await withListener(listener) { transport, _ in
            await withTaskExecutorPreference(transport.preferredTaskExecutor) {
                while case .text(let text)? = try? await transport.receive() {
                    let onLoop = (transport.preferredTaskExecutor as? EventLoopTaskExecutor)?.eventLoop.inEventLoop
                    try? await transport.send("\(text) \(onLoop == true ? "on-loop" : "off-loop")")
                }
            }
        } _: { port in
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)") { transport in
                let executor = try #require(transport.preferredTaskExecutor as? EventLoopTaskExecutor)
                let answers = try await withTaskExecutorPreference(executor) { () async throws -> [String] in
                    var answers: [String] = []
                    for index in 0..<3 {
                        try await transport.send("ping \(index)")
                        guard case .text(let text) = try await transport.receive() else { break }
                        answers.append(text + (executor.eventLoop.inEventLoop ? " client-on-loop" : " client-off-loop"))
                    }
                    return answers
                }
                #expect(answers == (0..<3).map { "ping \($0) on-loop client-on-loop" })
            }
        }
    }
}
