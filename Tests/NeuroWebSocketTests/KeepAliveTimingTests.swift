import NIOCore
import NIOEmbedded
import NIOWebSocket
import NeuroProtocol
import Testing

@testable import NeuroWebSocket

/// The keep-alive's timing, on an `EmbeddedChannel` whose event loop's time moves only when the
/// test advances it: the pong deadline is checked to the millisecond, whatever the machine's load
/// (over a real socket, a loaded machine can delay a pong past any timeout).
@Suite struct KeepAliveTimingTests {
    /// A server-side handler on an active embedded channel: pings every second, a pong within 4 s.
    private struct Harness {
        let channel = EmbeddedChannel()
        let inbox = WebSocketInbox()

        init() throws {
            let configuration = WebSocketConfiguration(pingInterval: .seconds(1), pongTimeout: .seconds(4))
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
            let output = WebSocketFrameOutput()
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(output)
            try pipeline.addHandler(
                WebSocketConnectionHandler(
                    inbox: inbox, configuration: configuration, isClient: false, peerDescription: "the peer",
                    output: try pipeline.context(handler: output)))
        }

        func advance(by duration: Duration) {
            channel.embeddedEventLoop.advanceTime(by: TimeAmount(duration))
        }

        /// The opcodes of the frames written since the last call (unmasked: a server's frames).
        func writtenOpcodes() throws -> [UInt8] {
            var opcodes: [UInt8] = []
            while let frame = try channel.readOutbound(as: ByteBuffer.self) {
                guard let first = frame.getInteger(at: frame.readerIndex, as: UInt8.self) else {
                    Issue.record("an empty frame was written")
                    continue
                }
                opcodes.append(first & 0x0F)
            }
            return opcodes
        }

        func answerPing() throws {
            try channel.writeInbound(WebSocketFrame(fin: true, opcode: .pong, data: channel.allocator.buffer(capacity: 0)))
        }
    }

    private static let ping: UInt8 = 0x9
    private static let close: UInt8 = 0x8

    @Test func answeredPingsKeepTheConnectionPastThePongTimeout() throws {
        let harness = try Harness()
        // 20 pings, each answered: 20 s, five times the pong timeout.
        for second in 1...20 {
            harness.advance(by: .seconds(1))
            #expect(try harness.writtenOpcodes() == [Self.ping], "second \(second)")
            try harness.answerPing()
        }
        #expect(!harness.inbox.isFinished)
        #expect(harness.channel.isActive)
    }

    @Test func anUnansweredPingClosesTheConnectionAtThePongTimeoutAndNotBefore() async throws {
        let harness = try Harness()
        harness.advance(by: .seconds(1))
        #expect(try harness.writtenOpcodes() == [Self.ping])
        try harness.answerPing()
        // The ping at 2 s goes unanswered, as do the ones after it: the deadline is 4 s after it.
        harness.advance(by: .milliseconds(4_999))
        #expect(try harness.writtenOpcodes() == [Self.ping, Self.ping, Self.ping, Self.ping])
        #expect(!harness.inbox.isFinished, "closed before the pong timeout")
        harness.advance(by: .milliseconds(1))
        #expect(try harness.writtenOpcodes().last == Self.close)
        #expect(!harness.channel.isActive)
        let error = await #expect(throws: NeuroError.self) { _ = try await harness.inbox.next(resumeReading: {}) }
        #expect(error?.code == .pingTimedOut)
    }

    @Test func aLatePongStillCountsWhenItBeatsTheDeadline() throws {
        let harness = try Harness()
        harness.advance(by: .seconds(1))
        #expect(try harness.writtenOpcodes() == [Self.ping])
        // The pong comes 3.9 s late, after three more pings: the one deadline is met.
        harness.advance(by: .milliseconds(3_900))
        #expect(try harness.writtenOpcodes() == [Self.ping, Self.ping, Self.ping])
        try harness.answerPing()
        harness.advance(by: .seconds(3))
        #expect(!harness.inbox.isFinished)
        #expect(!(try harness.writtenOpcodes().contains(Self.close)))
    }
}
