import NIOCore
import NIOPosix
import NeuroWebSocket
import Testing

@Suite(.timeLimit(.minutes(1)))
struct WebSocketListenerTests {
    @Test func connectionInfoCarriesPathAndHeaders() async throws {
        let (infos, infoContinuation) = AsyncStream<WebSocketConnectionInfo>.makeStream()
        let listener = WebSocketListener(port: 0, configuration: .init(), logger: silentLogger)
        try await withListener(listener) { _, info in
            infoContinuation.yield(info)
        } _: { port in
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)/game?id=3") { transport async throws in
                _ = try? await transport.receive()
            }
            #expect(listener.boundPort == port)
        }
        var iterator = infos.makeAsyncIterator()
        let info = try #require(await iterator.next())
        #expect(info.path == "/game?id=3")
        #expect(info.headers["Host"].first?.hasPrefix("127.0.0.1:") == true)
        #expect(info.remoteAddress.hasPrefix("127.0.0.1:"))
    }

    @Test func stopClosesOpenConnectionsAndThePortCanBeBoundAgain() async throws {
        let (connected, connectedContinuation) = AsyncStream<Void>.makeStream()
        let first = WebSocketListener(port: 0, configuration: .init(), logger: silentLogger)
        let port = try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, portContinuation) = AsyncStream<Int>.makeStream()
            group.addTask {
                try await first.run(onListening: { portContinuation.yield($0) }) { transport, _ in
                    connectedContinuation.yield()
                    while let message = try? await transport.receive() {
                        if case .closed = message { return }
                    }
                }
            }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            let transport = try await makeConnector().connect(to: "ws://127.0.0.1:\(port)")
            var connectedIterator = connected.makeAsyncIterator()
            await connectedIterator.next()

            first.stop(closeCode: .goingAway)
            #expect(try await transport.receive() == .closed(.goingAway, reason: nil))
            // `run` returns once every connection has closed.
            try await group.waitForAll()
            await transport.close(code: .normalClosure, reason: nil)
            return port
        }

        let second = WebSocketListener(port: port, configuration: .init(), logger: silentLogger)
        try await withListener(second) { transport, _ in
            try? await transport.send("second listener")
        } _: { reboundPort in
            #expect(reboundPort == port)
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)") { transport async throws in
                #expect(try await transport.receive() == .text("second listener"))
            }
        }
    }

    @Test func abruptStopDropsConnections() async throws {
        let (connected, connectedContinuation) = AsyncStream<Void>.makeStream()
        let listener = WebSocketListener(port: 0, configuration: .init(), logger: silentLogger)
        try await withListener(listener) { transport, _ in
            connectedContinuation.yield()
            _ = try? await transport.receive()
        } _: { port in
            let transport = try await makeConnector().connect(to: "ws://127.0.0.1:\(port)")
            var iterator = connected.makeAsyncIterator()
            await iterator.next()
            listener.stop(closeCode: nil)
            let error = await neuroError { _ = try await transport.receive() }
            #expect(error?.code == .connectionClosed)
            await transport.close(code: .normalClosure, reason: nil)
        }
    }

    @Test func clientThatNeverUpgradesIsDroppedAfterTheHandshakeTimeout() async throws {
        let listener = WebSocketListener(
            port: 0,
            configuration: WebSocketConfiguration(handshakeTimeout: .milliseconds(200)),
            logger: silentLogger
        )
        try await withListener(listener) { _, _ in
        } _: { port in
            let clock = ContinuousClock()
            let started = clock.now
            let received = try await RawTCPClient.exchange(port: port, sending: nil)
            #expect(received.isEmpty)
            #expect(clock.now - started < .seconds(20))  // far below a hang; room for a loaded machine
        }
    }

    @Test func plainHTTPRequestIsAnswered426() async throws {
        let listener = WebSocketListener(port: 0, configuration: .init(), logger: silentLogger)
        try await withListener(listener) { _, _ in
        } _: { port in
            let request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            let received = try await RawTCPClient.exchange(port: port, sending: request)
            #expect(received.hasPrefix("HTTP/1.1 426 Upgrade Required"))
        }
    }
}

/// A TCP client that sends fixed bytes and reads until the server hangs up.
enum RawTCPClient {
    static func exchange(port: Int, sending request: String?) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            if let request { try await outbound.write(ByteBuffer(string: request)) }
            var received = ByteBuffer()
            for try await var chunk in inbound { received.writeBuffer(&chunk) }
            return String(buffer: received)
        }
    }
}
