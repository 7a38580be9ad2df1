import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import NeuroProtocol
import Synchronization

/// Opens real websockets to Neuro: `ws://` and `wss://` URLs, on SwiftNIO.
///
/// ```swift
/// let connector = WebSocketConnector(configuration: .init(), logger: logger)
/// try await connector.withConnection(to: NeuroURL.resolve()) { transport in
///     try await transport.send(#"{"command":"startup","game":"Chess"}"#)
/// }
/// ```
///
/// The handshake (TCP connect, TLS, HTTP upgrade) is bounded by
/// ``WebSocketConfiguration/handshakeTimeout`` even when the server accepts TCP and never
/// answers, and cancelling the calling task abandons it at once and closes the socket. Both
/// run on the event loop (a scheduled task and a promise); no thread waits.
public struct WebSocketConnector: NeuroConnector {
    /// How connections are run.
    public var configuration: WebSocketConfiguration
    private let logger: Logger

    /// Creates a connector.
    public init(configuration: WebSocketConfiguration = .init(), logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Opens a websocket to `url`, runs `body` with it, and closes it afterwards: with 1000
    /// (normal closure) when `body` returns, with 1011 (internal error) when it throws and the
    /// connection is still open.
    /// - Throws: `NeuroError` with `NeuroError/Code/invalidURL`,
    ///   `NeuroError/Code/handshakeFailed` (its `cause` is a ``HandshakeFailure``) or
    ///   `NeuroError/Code/handshakeTimedOut`; otherwise whatever `body` throws.
    public func withConnection<Result: Sendable>(
        to url: String,
        _ body: (any NeuroTransport) async throws -> Result
    ) async throws -> Result {
        let transport = try await connect(to: url)
        let result: Result
        do {
            result = try await body(transport)
        } catch {
            await transport.close(code: .internalError, reason: nil)
            throw error
        }
        await transport.close(code: .normalClosure, reason: nil)
        return result
    }

    /// Opens a websocket to `url`. The caller must close it.
    /// - Throws: as ``withConnection(to:_:)``.
    public func connect(to url: String) async throws -> WebSocketTransport {
        let target = try WebSocketURL(url)
        log("Opening websocket", url: url)
        do {
            let transport = try await handshake(with: target)
            log("Websocket open", url: url, metadata: ["neuro.remote": "\(transport.remoteAddress)"])
            return transport
        } catch let error as NeuroError {
            log("Websocket handshake failed", url: url, metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// Synchronous and not inlined: the logging's temporaries live on the thread's stack, not
    /// in the async frames a connection's task keeps (see ``handshake(with:)``).
    @inline(never)
    private func log(_ message: Logger.Message, url: String, metadata: Logger.Metadata = [:]) {
        var logger = self.logger
        logger[metadataKey: "neuro.url"] = "\(url)"
        logger.debug(message, metadata: metadata)
    }

    /// The outcome of a handshake, settled once by whichever comes first: the upgrade, the
    /// deadline, or cancellation.
    private final class Settlement: Sendable {
        private let isSettled = Mutex(false)
        let promise: EventLoopPromise<WebSocketTransport>

        init(promise: EventLoopPromise<WebSocketTransport>) { self.promise = promise }

        /// Completes the handshake unless something else already did; returns whether this
        /// call decided it. A transport that arrives too late is dropped.
        @discardableResult
        func settle(_ result: Swift.Result<WebSocketTransport, any Error>) -> Bool {
            let isFirst = isSettled.withLock { isSettled in
                defer { isSettled = true }
                return !isSettled
            }
            if isFirst {
                promise.completeWith(result)
            } else if case .success(let lateTransport) = result {
                lateTransport.startClose(code: nil, reason: nil)
            }
            return isFirst
        }
    }

    /// The deadline passed before the handshake finished.
    private struct HandshakeDeadlineExceeded: Error {}

    /// A handshake under way: what the waiting task needs, and nothing else.
    private struct PendingHandshake {
        let result: EventLoopFuture<WebSocketTransport>
        /// Settles the handshake with `error` unless it finished, and closes the socket.
        let abandon: @Sendable (any Error) -> Void
        let deadline: Scheduled<Void>
        let connected: EventLoopFuture<any Channel>
        let observations: HandshakeObservations
    }

    /// Waits for a handshake. Kept small on purpose, with the set-up in a synchronous
    /// function: a task keeps the memory for async frames of the deepest moment it ever had,
    /// and the task that connects goes on to serve the connection, idle for hours.
    private func handshake(with target: WebSocketURL) async throws -> WebSocketTransport {
        let pending = try startHandshake(with: target)
        defer { pending.deadline.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await pending.result.get()
            } onCancel: {
                pending.abandon(CancellationError())
            }
        } catch {
            // After a failed upgrade the socket may still be open (e.g. after an HTTP 404).
            pending.connected.whenSuccess { $0.close(promise: nil) }
            throw classify(error, target: target, observations: pending.observations)
        }
    }

    /// Starts the TCP connect, TLS and the HTTP upgrade, bounded by the handshake timeout.
    @inline(never)
    private func startHandshake(with target: WebSocketURL) throws -> PendingHandshake {
        let configuration = self.configuration
        let sslContext: NIOSSLContext?
        if target.isSecure {
            do {
                sslContext = try NIOSSLContext(configuration: configuration.tlsConfiguration ?? .makeClientConfiguration())
            } catch {
                throw failure(target, .tlsFailure, "the TLS configuration is invalid", cause: error)
            }
        } else {
            sslContext = nil
        }

        // Before any event loop configures a pipeline (see `PipelineMetadata`).
        PipelineMetadata.complete()
        let loop = configuration.eventLoopGroup.next()
        let observations = HandshakeObservations()
        // Happy Eyeballs may try several channels; only the one that connects counts.
        let negotiations = Mutex<[ObjectIdentifier: EventLoopFuture<WebSocketTransport?>]>([:])
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(configuration.handshakeTimeout))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            // Each channel keeps its receive buffer between reads. Neuro's messages are a few
            // hundred bytes, so start at 512 rather than SwiftNIO's 2,048: an idle game costs
            // about 2 KB less. The buffer still grows for larger messages, up to 64 KiB a read.
            .channelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 512, maximum: 65536))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let negotiation = try Self.configureClientPipeline(
                        channel,
                        target: target,
                        sslContext: sslContext,
                        configuration: configuration,
                        observations: observations
                    )
                    negotiations.withLock { $0[ObjectIdentifier(channel)] = negotiation }
                }
            }

        let connected = bootstrap.connect(host: target.host, port: target.port)
        let upgraded = connected.flatMap { channel in
            let negotiation = negotiations.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
            return negotiation ?? channel.eventLoop.makeFailedFuture(ChannelError.inappropriateOperationForState)
        }
        let settlement = Settlement(promise: loop.makePromise())
        upgraded.whenComplete { result in
            switch result {
            case .success(let transport?): settlement.settle(.success(transport))
            case .success(nil): settlement.settle(.failure(HTTPUpgradeRefused()))
            case .failure(let error): settlement.settle(.failure(error))
            }
        }
        // Abandoning an unfinished handshake closes the socket as soon as there is one; once the
        // upgrade has won, the deadline and cancellation leave the connection alone.
        let abandon: @Sendable (any Error) -> Void = { error in
            guard settlement.settle(.failure(error)) else { return }
            connected.whenSuccess { $0.close(promise: nil) }
        }
        let deadline = loop.scheduleTask(in: TimeAmount(configuration.handshakeTimeout)) {
            abandon(HandshakeDeadlineExceeded())
        }
        return PendingHandshake(
            result: settlement.promise.futureResult,
            abandon: abandon,
            deadline: deadline,
            connected: connected,
            observations: observations
        )
    }

    /// The server answered the upgrade request with something other than 101.
    private struct HTTPUpgradeRefused: Error {}

    private static func configureClientPipeline(
        _ channel: any Channel,
        target: WebSocketURL,
        sslContext: NIOSSLContext?,
        configuration: WebSocketConfiguration,
        observations: HandshakeObservations
    ) throws -> EventLoopFuture<WebSocketTransport?> {
        let pipeline = channel.pipeline.syncOperations
        if let sslContext {
            try pipeline.addHandler(
                NIOSSLClientHandler(context: sslContext, serverHostname: target.serverNameIndication)
            )
        }
        let upgrader = NIOTypedWebSocketClientUpgrader<WebSocketTransport?>(
            maxFrameSize: configuration.maximumFrameSize,
            enableAutomaticErrorHandling: false,
            upgradePipelineHandler: { channel, _ in
                channel.eventLoop.makeCompletedFuture {
                    try WebSocketTransport.install(
                        on: channel,
                        configuration: configuration,
                        isClient: true,
                        remoteAddress: Self.describe(channel.remoteAddress) ?? "\(target.host):\(target.port)"
                    )
                }
            }
        )
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: target.hostHeader)
        headers.add(name: "Content-Length", value: "0")
        let upgradeConfiguration = NIOTypedHTTPClientUpgradeConfiguration<WebSocketTransport?>(
            upgradeRequestHead: HTTPRequestHead(
                version: .http1_1,
                method: .GET,
                uri: target.requestTarget,
                headers: headers
            ),
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in channel.eventLoop.makeSucceededFuture(nil) }
        )
        var pipelineConfiguration = NIOUpgradableHTTPClientPipelineConfiguration(
            upgradeConfiguration: upgradeConfiguration
        )
        // Frames the server sends right after its 101 often share a TCP segment with it; NIO
        // drops such bytes unless told to hand them to the websocket decoder.
        pipelineConfiguration.leftOverBytesStrategy = .forwardBytes
        let negotiation = try pipeline.configureUpgradableHTTPClientPipeline(configuration: pipelineConfiguration)
        let upgradeHandler = try pipeline.handler(type: NIOTypedHTTPClientUpgradeHandler<WebSocketTransport?>.self)
        try pipeline.addHandler(HandshakeObserver(observations: observations), position: .before(upgradeHandler))
        return negotiation
    }

    // MARK: Errors

    private func failure(
        _ target: WebSocketURL,
        _ kind: HandshakeFailure.Kind,
        _ problem: String,
        httpStatus: Int? = nil,
        cause: (any Error)? = nil
    ) -> NeuroError {
        NeuroError(
            code: .handshakeFailed,
            message: "could not open \(target.text): \(problem)",
            cause: HandshakeFailure(
                url: target.text,
                kind: kind,
                httpStatus: httpStatus,
                underlying: cause.map { SendableErrorDescription($0) }
            )
        )
    }

    @inline(never)
    private func classify(_ error: any Error, target: WebSocketURL, observations: HandshakeObservations) -> any Error {
        if error is CancellationError { return error }
        if error is HandshakeDeadlineExceeded || isConnectTimeout(error) {
            return NeuroError(
                code: .handshakeTimedOut,
                message:
                    "could not open \(target.text): the handshake did not finish within \(configuration.handshakeTimeout)"
            )
        }
        if let tlsError = observations.firstError, Self.isTLSError(tlsError) {
            return failure(target, .tlsFailure, "the TLS handshake failed (\(tlsError))", cause: tlsError)
        }
        if let status = observations.status, status != .switchingProtocols {
            return failure(
                target,
                .httpStatus,
                "the server answered HTTP \(status.code) \(status.reasonPhrase)",
                httpStatus: Int(status.code)
            )
        }
        if let connectionError = error as? NIOConnectionError {
            if connectionError.connectionErrors.isEmpty {
                let dnsError = connectionError.dnsAError ?? connectionError.dnsAAAAError
                return failure(target, .dnsFailure, "the host \"\(target.host)\" was not found", cause: dnsError)
            }
            let isRefused = connectionError.connectionErrors.contains { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }
            if isRefused {
                return failure(target, .connectionRefused, "connection refused", cause: error)
            }
            return failure(target, .other, "could not connect (\(connectionError))", cause: error)
        }
        if let upgradeError = error as? NIOHTTPClientUpgradeError {
            return failure(target, .other, "the server's upgrade response was invalid (\(upgradeError))", cause: error)
        }
        if let firstError = observations.firstError {
            return failure(target, .other, "\(firstError)", cause: firstError)
        }
        return failure(target, .other, "the server closed the connection during the upgrade", cause: error)
    }

    private func isConnectTimeout(_ error: any Error) -> Bool {
        if case .connectTimeout = error as? ChannelError { return true }
        if let connectionError = error as? NIOConnectionError {
            return connectionError.connectionErrors.contains {
                if case .connectTimeout = $0.error as? ChannelError { return true }
                return false
            }
        }
        return false
    }

    private static func isTLSError(_ error: any Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError
    }

    /// `host:port` for a socket address, with IPv6 hosts in brackets.
    static func describe(_ address: SocketAddress?) -> String? {
        guard let address, let ip = address.ipAddress, let port = address.port else { return nil }
        if case .v6 = address { return "[\(ip)]:\(port)" }
        return "\(ip):\(port)"
    }
}

/// Carries a non-`Sendable` error from the network stack as its description.
struct SendableErrorDescription: Error, Sendable, CustomStringConvertible {
    var description: String

    init(_ error: any Error) {
        description = "\(error)"
    }
}
