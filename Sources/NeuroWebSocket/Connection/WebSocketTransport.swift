import NIOCore
import NIOWebSocket
import NeuroProtocol

/// A websocket connection, client or server side, as a ``NeuroTransport``.
///
/// ``WebSocketConnector`` makes client transports and ``WebSocketListener`` server ones; you
/// do not create them yourself. The protocol work (fragments, size limit, UTF-8, pings, the
/// closing handshake) runs on the channel's event loop; `send` encodes a frame into one buffer
/// and writes it, and `receive` takes messages from a small buffer, so neither creates a task or
/// takes a lock across a suspension.
///
/// Semantics, as ``NeuroTransport`` documents them:
/// - `send` writes one text frame (masked on the client side); calls from several tasks go out
///   whole, in the order they were made. It returns once the frame is queued on the event loop,
///   or, when the socket is not keeping up, once it is written; `sendWaitingUntilWritten`
///   always waits for the write. After a close (ours or the peer's) it throws
///   `NeuroError/Code/connectionClosed`; a write that fails later ends the connection, which
///   `receive` reports.
/// - `receive` returns text and binary messages, joined from their fragments. The peer's close
///   frame is answered and returned as ``TransportMessage/closed(_:reason:)``, again on every
///   later call. A message over ``WebSocketConfiguration/maximumMessageSize`` closes with 1009
///   and throws `NeuroError/Code/messageTooLarge`; invalid UTF-8 closes with 1007 and throws
///   `NeuroError/Code/invalidFrame`; an unanswered ping closes and throws
///   `NeuroError/Code/pingTimedOut`; TCP ending without a close frame throws
///   `NeuroError/Code/connectionClosed`.
/// - `close(code:reason:)` sends a close frame, waits up to
///   ``WebSocketConfiguration/closeTimeout`` for the peer's, then closes TCP.
public final class WebSocketTransport: NeuroTransport {
    /// The peer's address, `host:port`, for logs.
    public let remoteAddress: String

    private let channel: any Channel
    private let handler: NIOLoopBound<WebSocketConnectionHandler>
    private let inbox: WebSocketInbox
    private let allocator: ByteBufferAllocator
    private let isClient: Bool
    private let taskExecutor: EventLoopTaskExecutor

    /// Adds the protocol handler to an upgraded channel and wraps it. Call on the channel's
    /// event loop.
    static func install(
        on channel: any Channel,
        configuration: WebSocketConfiguration,
        isClient: Bool,
        remoteAddress: String
    ) throws -> WebSocketTransport {
        let pipeline = channel.pipeline.syncOperations
        let inbox = WebSocketInbox()
        // Frames go out encoded whole, nearer the socket than NIO's encoder (see
        // WebSocketFrameOutput); frames come in through NIO's decoder.
        let output = WebSocketFrameOutput()
        try pipeline.addHandler(output, position: .before(pipeline.handler(type: WebSocketFrameEncoder.self)))
        let handler = WebSocketConnectionHandler(
            inbox: inbox,
            configuration: configuration,
            isClient: isClient,
            peerDescription: remoteAddress,
            output: try pipeline.context(handler: output)
        )
        try pipeline.addHandler(handler)
        return WebSocketTransport(
            channel: channel,
            handler: NIOLoopBound(handler, eventLoop: channel.eventLoop),
            inbox: inbox,
            isClient: isClient,
            remoteAddress: remoteAddress
        )
    }

    private init(
        channel: any Channel,
        handler: NIOLoopBound<WebSocketConnectionHandler>,
        inbox: WebSocketInbox,
        isClient: Bool,
        remoteAddress: String
    ) {
        self.channel = channel
        self.handler = handler
        self.inbox = inbox
        self.allocator = channel.allocator
        self.taskExecutor = EventLoopTaskExecutor(channel.eventLoop)
        self.isClient = isClient
        self.remoteAddress = remoteAddress
    }

    /// Sends one text frame.
    /// - Throws: `NeuroError` with `NeuroError/Code/connectionClosed` when the connection
    ///   is closed or closing.
    public func send(_ text: String) async throws {
        try await send(text, waitingUntilWritten: false)
    }

    /// Sends one text frame and returns once the socket took it (and every frame before it).
    /// - Throws: `NeuroError` with `NeuroError/Code/connectionClosed` when the connection
    ///   is closed or closing, or the write fails.
    public func sendWaitingUntilWritten(_ text: String) async throws {
        try await send(text, waitingUntilWritten: true)
    }

    private func send(_ text: String, waitingUntilWritten: Bool) async throws {
        let frame = WebSocketFrameEncoding.frame(
            text: text,
            maskKey: isClient ? MaskingKeySource.next() : nil,
            allocator: allocator
        )
        // The handler finishes the inbox whenever it leaves the open state, so this is the
        // handler's own "closed or closing" answer, readable off the event loop.
        guard !inbox.isFinished else {
            throw NeuroError(code: .connectionClosed, message: "the connection to \(remoteAddress) is closed")
        }
        // While the socket keeps up, hand the frame to the event loop and return: waiting for
        // the write would cost a second thread hop per message. A write made on the event loop
        // goes out at once; one from another thread is queued behind the loop's current work,
        // so callers that need an order across tasks send from the loop (see
        // `preferredTaskExecutor`) or wait for the write. When the socket falls behind, wait
        // too, so a fast sender cannot queue without bound.
        guard waitingUntilWritten || !channel.isWritable else {
            return write(frame, promise: nil)
        }
        let written = channel.eventLoop.makePromise(of: Void.self)
        write(frame, promise: written)
        do {
            try await written.futureResult.get()
        } catch let error as NeuroError {
            throw error
        } catch {
            throw NeuroError(
                code: .connectionClosed,
                message: "the connection to \(remoteAddress) is closed",
                cause: error
            )
        }
    }

    /// Sends one binary frame, which the protocol never uses: for tests of peers that must
    /// refuse them (the host's relay).
    /// - Throws: `NeuroError` with `NeuroError/Code/connectionClosed`.
    package func sendBinary(_ bytes: [UInt8]) async throws {
        guard !inbox.isFinished else {
            throw NeuroError(code: .connectionClosed, message: "the connection to \(remoteAddress) is closed")
        }
        var payload = allocator.buffer(capacity: bytes.count)
        payload.writeBytes(bytes)
        let frame = WebSocketFrameEncoding.frame(
            payload: payload, opcode: .binary, maskKey: isClient ? MaskingKeySource.next() : nil, allocator: allocator)
        let written = channel.eventLoop.makePromise(of: Void.self)
        write(frame, promise: written)
        try await written.futureResult.get()
    }

    /// Hands an encoded frame to the handler, on the event loop.
    private func write(_ frame: ByteBuffer, promise: EventLoopPromise<Void>?) {
        guard channel.eventLoop.inEventLoop else {
            return channel.eventLoop.execute { [handler] in handler.value.writeFrame(frame, promise: promise) }
        }
        handler.value.writeFrame(frame, promise: promise)
    }

    /// Waits for the next message from the peer.
    /// - Throws: `NeuroError` with `NeuroError/Code/connectionClosed`,
    ///   `NeuroError/Code/messageTooLarge`, `NeuroError/Code/invalidFrame` or
    ///   `NeuroError/Code/pingTimedOut`; `CancellationError` when the task is cancelled.
    public func receive() async throws -> TransportMessage {
        try await inbox.next { [channel] in channel.read() }
    }

    /// Closes the connection: sends a close frame with `code` and `reason`, waits up to
    /// ``WebSocketConfiguration/closeTimeout`` for the peer's close frame, then closes TCP.
    /// Returns when TCP is closed. Closing twice is harmless.
    public func close(code: WebSocketCloseCode, reason: String?) async {
        let requested = channel.eventLoop.makePromise(of: Void.self)
        channel.triggerUserOutboundEvent(WebSocketCloseRequest(code: code, reason: reason), promise: requested)
        // Fails when the channel is already closed; either way, wait for TCP to end.
        try? await requested.futureResult.get()
        try? await channel.closeFuture.get()
    }

    /// Drops the connection at once, without a close frame, as a crashed peer or a cut cable
    /// would (NeuroSim's drop fault). The peer's next `receive` throws
    /// `NeuroError/Code/connectionClosed`.
    public func abort() {
        startClose(code: nil, reason: nil)
    }

    /// Starts closing without waiting: with a close frame when `code` is given, else by
    /// dropping TCP.
    func startClose(code: WebSocketCloseCode?, reason: String?) {
        guard let code else { return channel.close(promise: nil) }
        let requested = channel.eventLoop.makePromise(of: Void.self)
        channel.triggerUserOutboundEvent(WebSocketCloseRequest(code: code, reason: reason), promise: requested)
        requested.futureResult.whenFailure { [channel] _ in channel.close(promise: nil) }
    }

    /// This connection's event loop as a task executor: a task that prefers it runs next to
    /// the socket, so a message costs no thread hop on the way in or out.
    public var preferredTaskExecutor: (any TaskExecutor)? { taskExecutor }

    /// Whether the connection has ended (closed by either side, or dropped).
    var isFinished: Bool { inbox.isFinished }
}
