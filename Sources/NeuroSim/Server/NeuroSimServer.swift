import Logging
import NeuroProtocol
import NeuroWebSocket
import ServiceLifecycle
import Synchronization

/// NeuroSim on the network: a websocket listener whose every connection is served by a
/// ``NeuroSimulator``.
///
/// As a swift-service-lifecycle `Service`, ``run()`` serves until the process shuts down
/// gracefully, then stops accepting and closes every connection with 1001:
///
/// ```swift
/// let server = NeuroSimServer(
///     simulator: simulator, port: 0, logger: logger,
///     onListening: { port in print("ws://127.0.0.1:\(port)") })
/// try await ServiceGroup(services: [server], logger: logger).run()
/// ```
///
/// ``restart(closeCode:)`` stops the listener (closing every connection) and binds again on
/// the same port, as a crashed and restarted Neuro would; ``stop()`` ends ``run(onListening:)``.
///
/// Every connection is served on one event loop (taken from the configuration's group), so
/// messages from different games are handled in the order they arrived, as a Neuro reading
/// all her connections in one place would: a game that hands the force slot on after its
/// result was written can rely on NeuroSim seeing that result before the next game's force,
/// however busy the machine. In the benchmarks one loop serves 1,000 games, or 100 games at
/// about 70,000 results a second (docs/BENCHMARKS.md).
public final class NeuroSimServer: Service, Sendable {
    private struct State {
        var listener: WebSocketListener?
        var boundPort = 0
        var isRestartRequested = false
        var isStopped = false
    }

    /// The simulator serving each connection.
    public let simulator: NeuroSimulator
    /// The address to bind.
    public let host: String
    /// The port to bind; 0 picks a free one, kept across restarts (see ``boundPort``).
    public let port: Int
    private let webSocketConfiguration: WebSocketConfiguration
    private let logger: Logger
    private let onListening: @Sendable (Int) -> Void
    /// Serves one accepted connection; by default, the simulator serves it as it comes.
    private let serveConnection: ConnectionServer
    private let state = Mutex(State())

    /// What serves one accepted connection with the simulator (the `serving` of the package initializer).
    package typealias ConnectionServer = @Sendable (NeuroSimulator, WebSocketTransport, WebSocketConnectionInfo) async -> Void

    /// Creates a server; nothing is bound until ``run()`` or ``run(onListening:)``.
    /// - Parameters:
    ///   - simulator: serves each connection.
    ///   - host: the address to bind.
    ///   - port: the port to bind; 0 picks a free one.
    ///   - webSocketConfiguration: the websocket settings of every connection.
    ///   - logger: where the listener logs.
    ///   - onListening: called by ``run()`` with the bound port each time the listener binds.
    public convenience init(
        simulator: NeuroSimulator,
        host: String = "127.0.0.1",
        port: Int = 8000,
        webSocketConfiguration: WebSocketConfiguration = .init(),
        logger: Logger,
        onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.init(
            simulator: simulator, host: host, port: port, webSocketConfiguration: webSocketConfiguration, logger: logger,
            serving: { simulator, transport, info in
                await simulator.serve(transport, peer: info.remoteAddress, abort: { transport.abort() })
            },
            onListening: onListening)
    }

    /// A server whose connections `serving` serves: it calls the simulator's
    /// ``NeuroSimulator/serve(_:peer:abort:)``, with the transport wrapped as it likes. For
    /// `neuro-bench soak`, which counts every action and result on Neuro's side of the socket.
    package init(
        simulator: NeuroSimulator,
        host: String = "127.0.0.1",
        port: Int = 8000,
        webSocketConfiguration: WebSocketConfiguration = .init(),
        logger: Logger,
        serving: @escaping ConnectionServer,
        onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.onListening = onListening
        self.serveConnection = serving
        self.simulator = simulator
        self.host = host
        self.port = port
        var webSocketConfiguration = webSocketConfiguration
        webSocketConfiguration.eventLoopGroup = webSocketConfiguration.eventLoopGroup.next()
        self.webSocketConfiguration = webSocketConfiguration
        self.logger = logger
    }

    /// The port the server is bound to (the ephemeral one when ``port`` is 0); 0 before binding.
    public var boundPort: Int { state.withLock { $0.boundPort } }

    /// Serves until a graceful shutdown (or ``stop()``, or cancellation), then stops accepting
    /// and closes every connection with 1001; calls the `onListening` given at creation with
    /// each bound port.
    /// - Throws: when the address cannot be bound.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await run(onListening: onListening)
        } onGracefulShutdown: {
            self.stop()
        }
    }

    /// Binds and serves connections until ``stop()`` or cancellation, binding again after each
    /// ``restart(closeCode:)``.
    /// - Parameter onListening: called with the bound port each time the listener binds.
    /// - Throws: when the address cannot be bound.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        var port = self.port
        while !Task.isCancelled {
            let listener = WebSocketListener(
                host: host, port: port, configuration: webSocketConfiguration, logger: logger)
            let isStopped = state.withLock { state in
                state.listener = listener
                return state.isStopped
            }
            if isStopped { return }
            try await listener.run(
                onListening: { bound in
                    self.state.withLock { $0.boundPort = bound }
                    onListening(bound)
                },
                handler: { [simulator, serveConnection] transport, info in
                    await serveConnection(simulator, transport, info)
                }
            )
            port = listener.boundPort
            let isRestarting = state.withLock { state in
                defer { state.isRestartRequested = false }
                state.listener = nil
                return state.isRestartRequested && !state.isStopped
            }
            guard isRestarting else { return }
            logger.info("listener restarting", metadata: ["neuro.listener.port": "\(port)"])
        }
    }

    /// Stops the listener and binds it again on the same port.
    /// - Parameter closeCode: the close code sent to every open connection; `nil` drops them
    ///   without a close frame.
    public func restart(closeCode: WebSocketCloseCode? = .goingAway) {
        let listener = state.withLock { state in
            state.isRestartRequested = true
            return state.listener
        }
        simulator.recordClosingAll(code: closeCode)
        listener?.stop(closeCode: closeCode)
    }

    /// Stops serving: closes the listener and every connection (1001), so ``run(onListening:)``
    /// returns.
    public func stop() {
        let listener = state.withLock { state in
            state.isStopped = true
            return state.listener
        }
        simulator.recordClosingAll(code: .goingAway)
        listener?.stop(closeCode: .goingAway)
    }
}
