import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroSim
import ServiceLifecycleTestKit
import Synchronization
import Testing

@testable import NeuroHost

/// A server that sends a 10 MB frame: the game's websocket refuses it at the 1 MiB limit
/// (close 1009), the supervisor counts it as a dropped connection and reconnects.
@Suite(.timeLimit(.minutes(1))) struct OversizedFrameTests {
    enum ServerEvent: Sendable, Equatable {
        /// The first connection ended; the close code the game sent, if any.
        case firstConnectionClosed(WebSocketCloseCode?)
        /// A later connection got as far as a force: the game is playing again.
        case playingAgain(connection: Int)
    }

    /// Numbers the connections the raw server accepts.
    final class ConnectionCounter: Sendable {
        private let count = Mutex(0)

        func next() -> Int {
            count.withLock { count in
                count += 1
                return count
            }
        }
    }

    /// Reads until a text frame containing `needle` (true) or the end of the connection (false).
    static func read(until needle: String, from transport: WebSocketTransport) async -> Bool {
        for _ in 0..<50 {
            guard let message = try? await transport.receive() else { return false }
            switch message {
            case .text(let text) where text.contains(needle): return true
            case .closed: return false
            default: continue
            }
        }
        return false
    }

    @Test func aTenMegabyteFrameIsRefusedAndTheGameReconnects() async throws {
        try await testGracefulShutdown { trigger in
            var logger = Logger(label: "test.hostile.oversized")
            logger.logLevel = .critical
            let listener = WebSocketListener(host: "127.0.0.1", port: 0, logger: logger)
            let connections = ConnectionCounter()
            let (events, eventContinuation) = AsyncStream.makeStream(of: ServerEvent.self)
            let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
            let game = try GameCatalog.builtIn.makeSession(
                plugin: "guess-the-number", title: "Guess", settings: nil, seed: 3, options: GameSessionOptions(logger: logger))
            let huge =
                #"{"command":"action","data":{"id":"huge","name":"guess","data":""#
                + String(repeating: "9", count: 10_000_000) + #""}}"#

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await listener.run(onListening: { portContinuation.yield($0) }) { transport, _ in
                        let number = connections.next()
                        guard await Self.read(until: #""actions/force""#, from: transport) else { return }
                        if number == 1 {
                            try? await transport.send(huge)
                            var code: WebSocketCloseCode?
                            for _ in 0..<50 {
                                guard let message = try? await transport.receive() else { break }
                                if case .closed(let closeCode, _) = message {
                                    code = closeCode
                                    break
                                }
                            }
                            eventContinuation.yield(.firstConnectionClosed(code))
                        } else {
                            eventContinuation.yield(.playingAgain(connection: number))
                            _ = await Self.read(until: "never sent", from: transport)
                        }
                    }
                }
                var portIterator = ports.makeAsyncIterator()
                let port = try #require(await portIterator.next())
                let supervisor = GameSupervisor.onLoopback(game, port: port, logger: logger)
                group.addTask { await supervisor.run() }

                var seen: [ServerEvent] = []
                for await event in events {
                    seen.append(event)
                    if case .playingAgain = event { break }
                }
                #expect(seen == [.firstConnectionClosed(.messageTooBig), .playingAgain(connection: 2)])
                let status = supervisor.status
                #expect(status.sessions == 2)
                #expect(status.lastError?.contains("over the limit of 1048576 bytes") == true, "\(status.lastError ?? "nil")")
                // The oversized action was never seen by the game: nothing handled, nothing failed.
                #expect(game.statistics.actionsAccepted == 0)
                trigger.triggerGracefulShutdown()
                listener.stop()
                try await group.waitForAll()
                #expect(supervisor.state == .stopped)
            }
        }
    }
}
