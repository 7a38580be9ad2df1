import Logging
import Testing

@testable import NeuroAPI

/// The key round trip of ``NeuroComponentActionTests`` over a real websocket on 127.0.0.1.
@Suite("NeuroComponent over a websocket", .timeLimit(.minutes(1)))
struct NeuroComponentWebSocketTests {
    @Test func temporaryActionRoundTripAndStopOverLoopback() async throws {
        var logger = Logger(label: "test.component.websocket")
        logger.logLevel = .critical
        let listener = WebSocketListener(host: "127.0.0.1", port: 0, logger: logger)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let (seen, seenContinuation) = AsyncStream.makeStream(of: TransportMessage.self)
        let jump = Action(name: "jump", description: "Jump.")
        let component = NeuroComponent(
            name: "neuro_api",
            gameTitle: "Test Game",
            connector: WebSocketConnector(logger: logger),
            logger: logger
        )
        try await component.registerTemporaryActions([HandledAction(jump) { _, _ in .success("Jumped.") }])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await listener.run(onListening: { portContinuation.yield($0) }) { transport, _ in
                    // Neuro's side: pass on everything the game sends; ask for "jump" once registered.
                    for _ in 0..<20 {
                        guard let message = try? await transport.receive() else { break }
                        seenContinuation.yield(message)
                        if case .text(let text) = message, text.contains(#""command":"actions/register""#) {
                            try? await transport.send(NeuroCommand.action(NeuroAction(id: "w1", name: "jump")).encoded())
                        }
                        if case .closed = message { break }
                    }
                    seenContinuation.finish()
                }
            }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            group.addTask { try await component.run(url: "ws://127.0.0.1:\(port)") }
            var received = seen.makeAsyncIterator()
            var frames: [TransportMessage] = []
            for _ in 0..<4 {
                frames.append(try #require(await received.next()))
            }
            #expect(
                frames == [
                    .text(Frames.startup),
                    .text(Frames.register([jump])),
                    .text(Frames.unregister(["jump"])),
                    .text(Frames.result(id: "w1", isSuccess: true, message: "Jumped.")),
                ]
            )
            await component.stop(code: .goingAway, reason: "Game ended")
            #expect(!component.isConnected)
            #expect(await received.next() == .closed(.goingAway, reason: "Game ended"))
            listener.stop()
            try await group.waitForAll()
        }
    }

    @Test func neuroClosingTheWebSocketEndsRunCleanly() async throws {
        var logger = Logger(label: "test.component.websocket")
        logger.logLevel = .critical
        let listener = WebSocketListener(host: "127.0.0.1", port: 0, logger: logger)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let component = NeuroComponent(
            name: "neuro_api",
            gameTitle: "Test Game",
            connector: WebSocketConnector(logger: logger),
            logger: logger
        )
        var events = component.events().makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await listener.run(onListening: { portContinuation.yield($0) }) { transport, _ in
                    // Neuro's side: close as soon as the game says startup.
                    if case .text = try? await transport.receive() {
                        await transport.close(code: .normalClosure, reason: "bye")
                    }
                }
            }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            // Returns normally: a throw would fail the test here.
            try await component.run(url: "ws://127.0.0.1:\(port)")
            listener.stop()
            try await group.waitForAll()
        }
        let event = await nextEvent(&events) { if case .disconnected = $0 { true } else { false } }
        guard case .disconnected(.closed(let code, let reason))? = event else {
            Issue.record("expected a clean close, got \(String(describing: event))")
            return
        }
        #expect(code == .normalClosure)
        #expect(reason == "bye")
    }

    @Test func aRefusedConnectionIsAConnectFailure() async throws {
        var logger = Logger(label: "test.component.websocket")
        logger.logLevel = .critical
        // A port that was just free: bind one, then release it.
        let listener = WebSocketListener(host: "127.0.0.1", port: 0, logger: logger)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let port = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await listener.run(onListening: { portContinuation.yield($0) }) { _, _ in } }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            listener.stop()
            try await group.waitForAll()
            return port
        }
        let component = NeuroComponent(
            name: "neuro_api",
            gameTitle: "Test Game",
            connector: WebSocketConnector(logger: logger),
            logger: logger
        )
        var events = component.events().makeAsyncIterator()
        let error = await #expect(throws: NeuroError.self) { try await component.run(url: "ws://127.0.0.1:\(port)") }
        #expect(error?.code == .handshakeFailed)
        guard case .connectFailed(let reported)? = await events.next() else {
            Issue.record("expected connectFailed")
            return
        }
        #expect(reported.code == .handshakeFailed)
        #expect(await !component.waitForWebSocket())
    }
}
