import Foundation
import NIOCore
import NIOWebSocket
import NeuroWebSocket
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1)))
struct WebSocketTransportTests {
    private let listener = WebSocketListener(
        port: 0,
        configuration: WebSocketConfiguration(closeTimeout: .seconds(2)),
        logger: silentLogger
    )

    @Test func textRoundTripsBothWays() async throws {
        try await withListener(listener) { transport, _ in
            try? await transport.send("welcome")
            while case .text(let text)? = try? await transport.receive() {
                try? await transport.send("echo: \(text)")
            }
        } _: { port in
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)/") { transport async throws in
                #expect(try await transport.receive() == .text("welcome"))
                try await transport.send(#"{"command":"startup","game":"Chess ♟"}"#)
                #expect(try await transport.receive() == .text(#"echo: {"command":"startup","game":"Chess ♟"}"#))
            }
        }
    }

    /// Every length encoding of a frame header (7-bit, 16-bit, 64-bit), masked from the client
    /// and unmasked from the server, read back by NIO's frame decoder on the other side.
    @Test(arguments: [0, 1, 125, 126, 65_535, 65_536, 300_000])
    func framesOfEveryLengthArriveIntact(length: Int) async throws {
        let text = String((0..<length).map { index in Character(Unicode.Scalar(UInt8(97 + index % 26))) })
        try await withListener(listener) { transport, _ in
            if case .text(let received)? = try? await transport.receive() {
                try? await transport.send("echo:" + received)
            }
            _ = try? await transport.receive()
        } _: { port in
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)/") { transport async throws in
                try await transport.send(text)
                #expect(try await transport.receive() == .text("echo:" + text))
            }
        }
    }

    @Test func fragmentedMessageIsJoined() async throws {
        try await RawFrameServer.withServer { inbound, outbound in
            try await outbound.write(RawFrameServer.frame(.text, "Hel".utf8, fin: false))
            try await outbound.write(RawFrameServer.frame(.continuation, "lo, ".utf8, fin: false))
            // A ping between fragments is allowed and must not break the message.
            try await outbound.write(RawFrameServer.frame(.ping, []))
            try await outbound.write(RawFrameServer.frame(.continuation, "wörld".utf8))
            _ = try await RawFrameServer.awaitClose(inbound)
        } _: { port in
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)") { transport async throws in
                #expect(try await transport.receive() == .text("Hello, wörld"))
            }
        }
    }

    @Test func concurrentSendsArriveWholeAndInOrder() async throws {
        let senders = 10
        let messagesPerSender = 10
        let (received, receivedContinuation) = AsyncStream<[String]>.makeStream()
        try await withListener(listener) { transport, _ in
            var texts: [String] = []
            while texts.count < senders * messagesPerSender, case .text(let text)? = try? await transport.receive() {
                texts.append(text)
            }
            receivedContinuation.yield(texts)
            // The client closes only after this: a close while frames are still on their way
            // would cut them off after the close timeout (slow to drain under a sanitizer).
            try? await transport.send("received \(texts.count)")
            _ = try? await transport.receive()
        } _: { port in
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)") { transport async throws in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for sender in 0..<senders {
                        group.addTask {
                            for index in 0..<messagesPerSender {
                                // Large enough that a frame takes several socket writes.
                                let padding = String(repeating: "x", count: 20_000 + sender * 100)
                                try await transport.send("\(sender) \(index) \(padding)")
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(try await transport.receive() == .text("received \(senders * messagesPerSender)"))
            }
        }
        var iterator = received.makeAsyncIterator()
        let texts = try #require(await iterator.next())
        #expect(texts.count == senders * messagesPerSender)
        for sender in 0..<senders {
            let fromSender = texts.compactMap { text -> (Int, Int)? in
                let parts = text.split(separator: " ")
                guard parts.count == 3, Int(parts[0]) == sender, let index = Int(parts[1]) else { return nil }
                #expect(parts[2].count == 20_000 + sender * 100, "message \(index) of sender \(sender) arrived cut")
                return (sender, index)
            }
            #expect(fromSender.map(\.1) == Array(0..<messagesPerSender))
        }
    }

    @Test func clientCloseIsSeenByServerWithCodeAndReason() async throws {
        let (closes, closeContinuation) = AsyncStream<TransportMessage>.makeStream()
        try await withListener(listener) { transport, _ in
            defer { closeContinuation.finish() }
            while let message = try? await transport.receive() {
                if case .closed = message {
                    closeContinuation.yield(message)
                    return
                }
            }
        } _: { port in
            let transport = try await makeConnector().connect(to: "ws://127.0.0.1:\(port)")
            await transport.close(code: .goingAway, reason: "Game ended")
            await transport.close(code: .normalClosure, reason: "twice is harmless")
            let error = await neuroError { try await transport.send("late") }
            #expect(error?.code == .connectionClosed)
            #expect(try await transport.receive() == .closed(.goingAway, reason: "Game ended"))
        }
        var iterator = closes.makeAsyncIterator()
        #expect(await iterator.next() == .closed(.goingAway, reason: "Game ended"))
    }

    @Test func serverCloseIsSeenByClientWithCodeAndReason() async throws {
        try await withListener(listener) { transport, _ in
            await transport.close(code: .policyViolation, reason: "Strict mode")
        } _: { port in
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)") { transport async throws in
                #expect(try await transport.receive() == .closed(.policyViolation, reason: "Strict mode"))
                #expect(try await transport.receive() == .closed(.policyViolation, reason: "Strict mode"))
                let error = await neuroError { try await transport.send("after close") }
                #expect(error?.code == .connectionClosed)
            }
        }
    }

    @Test func droppedTCPThrowsConnectionClosed() async throws {
        try await RawFrameServer.withServer { inbound, outbound in
            // Wait for the client's frame, so the drop comes after the upgrade completed.
            _ = try await inbound.next(.text)
            try await outbound.write(RawFrameServer.frame(.text, "bye".utf8))
            // Returning closes TCP without a close frame.
        } _: { port in
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)") { transport async throws in
                try await transport.send("hello")
                #expect(try await transport.receive() == .text("bye"))
                let error = await neuroError { _ = try await transport.receive() }
                #expect(error?.code == .connectionClosed)
                #expect(error?.message.contains("without a close frame") == true)
                let again = await neuroError { _ = try await transport.receive() }
                #expect(again?.code == .connectionClosed)
            }
        }
    }

    @Test(arguments: [
        [2_000],  // one frame over the limit
        [300_000],  // one frame over the limit that the client reads in several reads
        [600, 600],  // fragments that add up to more than the limit
    ])
    func oversizeMessageClosesWith1009(fragmentSizes: [Int]) async throws {
        let (closeCodes, closeContinuation) = AsyncStream<UInt16?>.makeStream()
        try await RawFrameServer.withServer { inbound, outbound in
            // Finishing unblocks the test if the connection fails before a close frame.
            defer { closeContinuation.finish() }
            for (index, size) in fragmentSizes.enumerated() {
                let opcode: WebSocketOpcode = index == 0 ? .text : .continuation
                let isLast = index == fragmentSizes.count - 1
                try await outbound.write(
                    RawFrameServer.frame(opcode, Array(repeating: UInt8(ascii: "a"), count: size), fin: isLast))
            }
            closeContinuation.yield(try await RawFrameServer.awaitClose(inbound)?.0)
        } _: { port in
            let connector = makeConnector {
                $0.maximumMessageSize = 1_024
                $0.closeTimeout = .seconds(60)
            }
            let clock = ContinuousClock()
            let started = clock.now
            try await connector.withConnection(to: "ws://127.0.0.1:\(port)") { transport async throws in
                let error = await neuroError { _ = try await transport.receive() }
                #expect(error?.code == .messageTooLarge)
            }
            // The connection ends without sitting out the close timeout (60 s; the bound leaves
            // room for a loaded machine).
            #expect(clock.now - started < .seconds(30))
        }
        var iterator = closeCodes.makeAsyncIterator()
        #expect(await iterator.next() == 1009)
    }

    @Test func invalidUTF8ClosesWith1007() async throws {
        let (closeCodes, closeContinuation) = AsyncStream<UInt16?>.makeStream()
        try await RawFrameServer.withServer { inbound, outbound in
            defer { closeContinuation.finish() }
            try await outbound.write(RawFrameServer.frame(.text, [0x7B, 0xFF, 0xFE, 0x7D]))
            closeContinuation.yield(try await RawFrameServer.awaitClose(inbound)?.0)
        } _: { port in
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)") { transport async throws in
                let error = await neuroError { _ = try await transport.receive() }
                #expect(error?.code == .invalidFrame)
            }
        }
        var iterator = closeCodes.makeAsyncIterator()
        #expect(await iterator.next() == 1007)
    }

    @Test func binaryFrameIsDeliveredAsBinary() async throws {
        try await RawFrameServer.withServer { inbound, outbound in
            try await outbound.write(RawFrameServer.frame(.binary, [1, 2, 3]))
            try await outbound.write(RawFrameServer.frame(.text, "after".utf8))
            _ = try await RawFrameServer.awaitClose(inbound)
        } _: { port in
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)") { transport async throws in
                #expect(try await transport.receive() == .binary([1, 2, 3]))
                #expect(try await transport.receive() == .text("after"))
            }
        }
    }

    @Test func peerPingsAreAnswered() async throws {
        try await RawFrameServer.withServer { inbound, outbound in
            try await outbound.write(RawFrameServer.frame(.ping, "are you there".utf8))
            let pong = try #require(try await inbound.next(.pong))
            try await outbound.write(RawFrameServer.frame(.text, pong.unmaskedData.readableBytesView))
            _ = try await RawFrameServer.awaitClose(inbound)
        } _: { port in
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)") { transport async throws in
                #expect(try await transport.receive() == .text("are you there"))
            }
        }
    }

    @Test func unansweredPingsTimeOut() async throws {
        let silentServer = WebSocketListener(
            port: 0,
            configuration: WebSocketConfiguration(pingInterval: nil, automaticallyRespondsToPings: false),
            logger: silentLogger
        )
        try await withListener(silentServer) { transport, _ in
            while let message = try? await transport.receive() {
                if case .closed = message { return }
            }
        } _: { port in
            let connector = makeConnector {
                $0.pingInterval = .milliseconds(50)
                $0.pongTimeout = .milliseconds(200)
            }
            try await connector.withConnection(to: "ws://127.0.0.1:\(port)") { transport async throws in
                let error = await neuroError { _ = try await transport.receive() }
                #expect(error?.code == .pingTimedOut)
            }
        }
    }

    @Test func keepAlivePingsAreSentPeriodically() async throws {
        try await RawFrameServer.withServer { inbound, outbound in
            var pings = 0
            while pings < 4, let ping = try await inbound.next(.ping) {
                pings += 1
                try await outbound.write(RawFrameServer.frame(.pong, ping.unmaskedData.readableBytesView))
            }
            try await outbound.write(RawFrameServer.frame(.text, "\(pings) pings".utf8))
            _ = try await RawFrameServer.awaitClose(inbound)
        } _: { port in
            let connector = makeConnector {
                $0.pingInterval = .milliseconds(50)
                $0.pongTimeout = .seconds(10)
            }
            try await connector.withConnection(to: "ws://127.0.0.1:\(port)") { transport async throws in
                #expect(try await transport.receive() == .text("4 pings"))
            }
        }
    }
}
