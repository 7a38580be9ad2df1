import NIOCore
import NIOPosix
import NeuroAPI
import Synchronization

/// A TCP relay on 127.0.0.1 in front of NeuroSim, for the soak's stalled handshakes: it
/// forwards every byte both ways, except for the connections it is told to stall, which it
/// accepts and never answers, so the game's websocket handshake must time out.
///
/// Only the soak's ``FaultyGame``s connect through it. They never force, so the relay cannot
/// reorder a force against another game's result (each connection is relayed on its own).
final class StallingRelay: Sendable {
    /// A connection the relay stalled.
    struct Stall: Sendable, Equatable {
        var openedAt: ContinuousClock.Instant
        /// When the game gave up on it and closed it; `nil` while it is open.
        var closedAt: ContinuousClock.Instant?
    }

    private struct State {
        var stallsRequested = 0
        var stalls: [Stall] = []
    }

    private typealias Connection = NIOAsyncChannel<ByteBuffer, ByteBuffer>
    private let targetPort: Int
    private let state = Mutex(State())

    /// A relay to NeuroSim on `targetPort`.
    init(targetPort: Int) {
        self.targetPort = targetPort
    }

    /// Stalls the next connection the relay accepts.
    func stallNextConnection() { state.withLock { $0.stallsRequested += 1 } }

    /// Every connection stalled so far.
    var stalls: [Stall] { state.withLock { $0.stalls } }

    /// Stalls requested that no connection has taken yet.
    var stallsWaiting: Int { state.withLock { $0.stallsRequested } }

    /// Relays connections until cancelled; calls `onListening` with the bound port first.
    func run(onListening: @Sendable (Int) -> Void) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture { try Connection(wrappingChannelSynchronously: channel) }
            }
        onListening(server.channel.localAddress?.port ?? 0)
        // The server channel closes when the task is cancelled, ending the accept loop.
        try await withTaskCancellationHandler {
            try await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { connections in
                    for try await connection in inbound {
                        // One failing connection never ends the relay: its child does not throw.
                        connections.addTask { await self.serve(connection) }
                    }
                }
            }
        } onCancel: {
            server.channel.close(promise: nil)
        }
    }

    private func serve(_ connection: Connection) async {
        let stallIndex = state.withLock { state -> Int? in
            guard state.stallsRequested > 0 else { return nil }
            state.stallsRequested -= 1
            state.stalls.append(Stall(openedAt: .now))
            return state.stalls.count - 1
        }
        if let stallIndex {
            // Read and drop whatever the game sends (its upgrade request) until it hangs up.
            try? await connection.executeThenClose { inbound, _ in
                for try await _ in inbound {}
            }
            state.withLock { $0.stalls[stallIndex].closedAt = .now }
            return
        }
        let targetPort = self.targetPort
        let peer: Connection
        do {
            peer = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .connect(host: "127.0.0.1", port: targetPort) { channel in
                    channel.eventLoop.makeCompletedFuture { try Connection(wrappingChannelSynchronously: channel) }
                }
        } catch {
            // NeuroSim is restarting: the game sees its connection close and tries again.
            try? await connection.executeThenClose { _, _ in }
            return
        }
        try? await connection.executeThenClose { gameInbound, gameOutbound in
            try await peer.executeThenClose { neuroInbound, neuroOutbound in
                // Either direction ending (a close, a drop) ends both: the group returns at the
                // first child's end and the channels close.
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await Self.copy(gameInbound, to: neuroOutbound) }
                    group.addTask { await Self.copy(neuroInbound, to: gameOutbound) }
                    await group.next()
                    group.cancelAll()
                }
            }
        }
    }

    private static func copy(
        _ inbound: NIOAsyncChannelInboundStream<ByteBuffer>, to outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) async {
        do {
            for try await bytes in inbound { try await outbound.write(bytes) }
        } catch {
            // A drop on either side: the relay closes both.
        }
    }
}
