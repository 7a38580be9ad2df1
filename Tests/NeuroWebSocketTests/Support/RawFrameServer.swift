import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// A websocket server on 127.0.0.1 that hands tests the raw frames: to send fragments, binary
/// frames, oversize or invalid messages, and to leave pings unanswered or drop TCP.
enum RawFrameServer {
    /// Reads the client's frames; NIO allows one iterator per channel, so tests share this.
    final class Inbound {
        private var iterator: NIOAsyncChannelInboundStream<WebSocketFrame>.AsyncIterator

        init(_ stream: NIOAsyncChannelInboundStream<WebSocketFrame>) {
            iterator = stream.makeAsyncIterator()
        }

        /// The next frame of any kind; `nil` when the connection ended.
        func next() async throws -> WebSocketFrame? {
            try await iterator.next()
        }

        /// The next frame with `opcode`, skipping others; `nil` when the connection ended.
        func next(_ opcode: WebSocketOpcode) async throws -> WebSocketFrame? {
            while let frame = try await iterator.next() {
                if frame.opcode == opcode { return frame }
            }
            return nil
        }
    }
    typealias Outbound = NIOAsyncChannelOutboundWriter<WebSocketFrame>

    /// Runs a server for the duration of `body`, which gets its port. Each upgraded
    /// connection runs `connection`; TCP closes when it returns. With `tls`, the server speaks
    /// `wss://`.
    static func withServer<Result: Sendable>(
        tls: NIOSSLContext? = nil,
        connection: @escaping @Sendable (Inbound, Outbound) async throws -> Void,
        _ body: (Int) async throws -> Result
    ) async throws -> Result {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    let upgrader = NIOTypedWebSocketServerUpgrader<NIOAsyncChannel<WebSocketFrame, WebSocketFrame>>(
                        maxFrameSize: 1 << 24,
                        enableAutomaticErrorHandling: false,
                        shouldUpgrade: { channel, _ in channel.eventLoop.makeSucceededFuture(HTTPHeaders()) },
                        upgradePipelineHandler: { channel, _ in
                            channel.eventLoop.makeCompletedFuture {
                                try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: channel)
                            }
                        }
                    )
                    return try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(
                        configuration: .init(
                            upgradeConfiguration: .init(
                                upgraders: [upgrader],
                                notUpgradingCompletionHandler: { channel in
                                    channel.eventLoop.makeFailedFuture(ChannelError.inappropriateOperationForState)
                                }
                            )
                        )
                    )
                }
            }
        let port = server.channel.localAddress?.port ?? 0
        return try await withServerRunning(server, port: port, body) { upgrade in
            let channel = try await upgrade.get()
            try await channel.executeThenClose { inbound, outbound in
                try await connection(Inbound(inbound), outbound)
            }
        }
    }

    /// A server frame (unmasked).
    static func frame(_ opcode: WebSocketOpcode, _ bytes: some Sequence<UInt8>, fin: Bool = true) -> WebSocketFrame {
        WebSocketFrame(fin: fin, opcode: opcode, data: ByteBuffer(bytes: Array(bytes)))
    }

    /// A close frame's code and reason.
    static func closeCode(of frame: WebSocketFrame) -> (UInt16?, String?) {
        var data = frame.unmaskedData
        let code = data.readInteger(as: UInt16.self)
        let reason = data.readableBytes > 0 ? data.readString(length: data.readableBytes) : nil
        return (code, reason)
    }

    /// Waits for the client's close frame (answering nothing else) and returns its code.
    static func awaitClose(_ inbound: Inbound) async throws -> (UInt16?, String?)? {
        try await inbound.next(.connectionClose).map(closeCode(of:))
    }
}
