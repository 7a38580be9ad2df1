import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

/// The server side of websockets: accepts upgrades on any path and runs a handler per
/// connection: the server half of the websocket layer. NeuroSim, the relay and the tests use it
/// to play Neuro.
///
/// ```swift
/// let listener = WebSocketListener(port: 0, configuration: .init(), logger: logger)
/// try await listener.run(onListening: { port in print("listening on \(port)") }) { transport, info in
///     while case .text(let frame) = try? await transport.receive() {
///         try? await transport.send(frame)  // echo
///     }
/// }
/// ```
///
/// Each connection's handler runs as a child of a discarding task group, so a failing
/// connection never affects another, and the connection is closed (1000) when its handler
/// returns. ``run(onListening:handler:)`` returns when its task is cancelled or after
/// ``stop(closeCode:)``, once every handler has returned and the port is released.
public final class WebSocketListener: Sendable {
    /// The address to bind.
    public let host: String
    /// The port to bind; 0 picks a free one (see ``boundPort``).
    public let port: Int
    /// How connections are run.
    public let configuration: WebSocketConfiguration
    private let logger: Logger

    private struct State {
        var serverChannel: (any Channel)?
        /// Every accepted connection, upgraded or not, until its socket closes.
        var connections: [ObjectIdentifier: any Channel] = [:]
        var isStopped = false
        var boundPort = 0
    }

    private let state = Mutex(State())

    /// What a successful upgrade hands to the accept loop.
    private struct AcceptedConnection: Sendable {
        var transport: WebSocketTransport
        var info: WebSocketConnectionInfo
    }

    /// Creates a listener; nothing is bound until ``run(onListening:handler:)``.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8000,
        configuration: WebSocketConfiguration = .init(),
        logger: Logger
    ) {
        self.host = host
        self.port = port
        self.configuration = configuration
        self.logger = logger
    }

    /// The port the listener is bound to: the ephemeral one when ``port`` is 0. It is 0 until
    /// the listener has bound (``run(onListening:handler:)`` calls `onListening` then), and
    /// keeps the last bound port after the listener stops.
    public var boundPort: Int { state.withLock { $0.boundPort } }

    /// Binds, then accepts websocket connections until cancelled or stopped.
    ///
    /// - Parameters:
    ///   - onListening: Called once with the bound port, after binding and before the first
    ///     connection is accepted. Tests hand the port to their clients from here.
    ///   - handler: Runs each connection. The connection is closed (1000) when it returns.
    /// - Throws: When the address cannot be bound (e.g. the port is taken).
    public func run(
        onListening: @escaping @Sendable (Int) -> Void = { _ in },
        handler: @escaping @Sendable (WebSocketTransport, WebSocketConnectionInfo) async -> Void
    ) async throws {
        state.withLock { $0.isStopped = false }
        // Before any event loop configures a pipeline (see `PipelineMetadata`).
        PipelineMetadata.complete()
        let configuration = self.configuration
        let serverChannel = try await ServerBootstrap(group: configuration.eventLoopGroup)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // A host starts up to a thousand games at once; the default backlog (256) would
            // drop their SYNs and stall the handshakes behind retransmits.
            .serverChannelOption(.backlog, value: 1024)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    self.register(channel)
                    return try Self.configureServerPipeline(channel, configuration: configuration)
                }
            }
        let boundPort = serverChannel.channel.localAddress?.port ?? port
        let isStoppedEarly = state.withLock { state in
            state.serverChannel = serverChannel.channel
            state.boundPort = boundPort
            return state.isStopped
        }
        if isStoppedEarly { serverChannel.channel.close(promise: nil) }
        defer { state.withLock { $0.serverChannel = nil } }

        let logger = {
            var logger = self.logger
            logger[metadataKey: "neuro.listener.port"] = "\(boundPort)"
            return logger
        }()
        logger.info("Websocket listener started")
        onListening(boundPort)

        try await withTaskCancellationHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await serverChannel.executeThenClose { inbound in
                    for try await upgrade in inbound {
                        group.addTask {
                            await Self.serve(upgrade, handler: handler, logger: logger)
                        }
                    }
                }
            }
        } onCancel: {
            self.stop(closeCode: .goingAway)
        }
        logger.info("Websocket listener stopped")
    }

    /// Stops the listener: closes the listening socket and every open connection, so that
    /// ``run(onListening:handler:)`` returns and the port can be bound again.
    ///
    /// Returns at once; `run` returns when everything has closed. The listening socket uses
    /// `SO_REUSEADDR`, so a new run (of this listener or another) can bind the same port right
    /// after. `stop` ends the run in progress; each `run` starts afresh.
    /// - Parameter closeCode: The close code sent to upgraded connections (they get
    ///   `WebSocketConfiguration/closeTimeout` to answer); `nil` drops every connection's TCP
    ///   without a close frame.
    public func stop(closeCode: WebSocketCloseCode? = .goingAway) {
        let (serverChannel, connections) = state.withLock { state in
            state.isStopped = true
            return (state.serverChannel, Array(state.connections.values))
        }
        serverChannel?.close(promise: nil)
        for connection in connections {
            Self.close(connection, code: closeCode)
        }
    }

    // MARK: Connections

    private func register(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        let isStopped = state.withLock { state in
            if !state.isStopped { state.connections[id] = channel }
            return state.isStopped
        }
        if isStopped { return channel.close(promise: nil) }
        channel.closeFuture.whenComplete { _ in
            _ = self.state.withLock { $0.connections.removeValue(forKey: id) }
        }
    }

    /// Closes a connection with a close frame when it is an upgraded websocket and `code` is
    /// given, else by dropping TCP.
    private static func close(_ channel: any Channel, code: WebSocketCloseCode?) {
        guard let code else { return channel.close(promise: nil) }
        let requested = channel.eventLoop.makePromise(of: Void.self)
        // Only the websocket handler knows this event; before the upgrade it fails and we drop TCP.
        channel.triggerUserOutboundEvent(WebSocketCloseRequest(code: code, reason: nil), promise: requested)
        requested.futureResult.whenFailure { _ in channel.close(promise: nil) }
    }

    private static func serve(
        _ upgrade: EventLoopFuture<AcceptedConnection?>,
        handler: @Sendable (WebSocketTransport, WebSocketConnectionInfo) async -> Void,
        logger: Logger
    ) async {
        let accepted: AcceptedConnection?
        do {
            accepted = try await upgrade.get()
        } catch {
            logger.debug("Websocket upgrade failed", metadata: ["error": "\(error)"])
            return
        }
        guard let accepted else { return }
        var logger = logger
        logger[metadataKey: "neuro.remote"] = "\(accepted.info.remoteAddress)"
        logger.debug("Websocket connection accepted", metadata: ["neuro.path": "\(accepted.info.path)"])
        await handler(accepted.transport, accepted.info)
        await accepted.transport.close(code: .normalClosure, reason: nil)
        logger.debug("Websocket connection ended")
    }

    private static func configureServerPipeline(
        _ channel: any Channel,
        configuration: WebSocketConfiguration
    ) throws -> EventLoopFuture<AcceptedConnection?> {
        // A client that connects and never finishes its upgrade is dropped.
        let handshakeDeadline = channel.eventLoop.scheduleTask(in: TimeAmount(configuration.handshakeTimeout)) {
            channel.close(promise: nil)
        }
        let upgrader = NIOTypedWebSocketServerUpgrader<AcceptedConnection?>(
            maxFrameSize: configuration.maximumFrameSize,
            enableAutomaticErrorHandling: false,
            shouldUpgrade: { channel, _ in channel.eventLoop.makeSucceededFuture(HTTPHeaders()) },
            upgradePipelineHandler: { channel, request in
                handshakeDeadline.cancel()
                return channel.eventLoop.makeCompletedFuture {
                    let remoteAddress = WebSocketConnector.describe(channel.remoteAddress) ?? "unknown peer"
                    let transport = try WebSocketTransport.install(
                        on: channel,
                        configuration: configuration,
                        isClient: false,
                        remoteAddress: remoteAddress
                    )
                    return AcceptedConnection(
                        transport: transport,
                        info: WebSocketConnectionInfo(
                            remoteAddress: remoteAddress,
                            path: request.uri,
                            headers: request.headers
                        )
                    )
                }
            }
        )
        let upgradeConfiguration = NIOTypedHTTPServerUpgradeConfiguration<AcceptedConnection?>(
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in
                // Plain HTTP: tell the client this endpoint only speaks websocket, then hang up.
                handshakeDeadline.cancel()
                var headers = HTTPHeaders()
                headers.add(name: "Content-Length", value: "0")
                headers.add(name: "Connection", value: "close")
                headers.add(name: "Upgrade", value: "websocket")
                let head = HTTPResponseHead(version: .http1_1, status: .upgradeRequired, headers: headers)
                channel.write(HTTPServerResponsePart.head(head), promise: nil)
                return channel.writeAndFlush(HTTPServerResponsePart.end(nil))
                    .always { _ in channel.close(promise: nil) }
                    .map { nil }
                    .recover { _ in nil }
            }
        )
        return try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(
            configuration: .init(upgradeConfiguration: upgradeConfiguration)
        )
    }
}
