import NIOCore
import NIOPosix

/// A TCP server on 127.0.0.1 that misbehaves as a test tells it to: never answers, answers
/// with fixed bytes, hangs up. Each accepted connection runs `connection`.
enum RawTCPServer {
    typealias Inbound = NIOAsyncChannelInboundStream<ByteBuffer>
    typealias Outbound = NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// Runs a server for the duration of `body`, which gets its port.
    static func withServer<Result: Sendable>(
        connection: @escaping @Sendable (Inbound, Outbound) async throws -> Void,
        _ body: (Int) async throws -> Result
    ) async throws -> Result {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = server.channel.localAddress?.port ?? 0
        return try await withServerRunning(server, port: port, body) { child in
            try await child.executeThenClose { inbound, outbound in
                try await connection(inbound, outbound)
            }
        }
    }

    /// Reads until the end of an HTTP request head (a blank line).
    static func readRequestHead(_ inbound: Inbound) async throws {
        var received = ByteBuffer()
        for try await var chunk in inbound {
            received.writeBuffer(&chunk)
            if String(buffer: received).contains("\r\n\r\n") { return }
        }
    }

    /// A connection that never answers and waits for the client to hang up.
    static let neverAnswers: @Sendable (Inbound, Outbound) async throws -> Void = { inbound, _ in
        for try await _ in inbound {}
    }

    /// A connection that answers the upgrade request with a fixed HTTP response and hangs up.
    static func answers(_ response: String) -> @Sendable (Inbound, Outbound) async throws -> Void {
        { inbound, outbound in
            try await readRequestHead(inbound)
            try await outbound.write(ByteBuffer(string: response))
        }
    }
}

/// Serves `server`'s connections with `serve` while `body` runs; then closes everything.
func withServerRunning<Child: Sendable, Result: Sendable>(
    _ server: NIOAsyncChannel<Child, Never>,
    port: Int,
    _ body: (Int) async throws -> Result,
    serve: @escaping @Sendable (Child) async throws -> Void
) async throws -> Result {
    try await withThrowingDiscardingTaskGroup { group in
        group.addTask {
            try? await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { connections in
                    for try await child in inbound {
                        connections.addTask { try? await serve(child) }
                    }
                }
            }
        }
        defer {
            server.channel.close(promise: nil)
            group.cancelAll()
        }
        return try await body(port)
    }
}
