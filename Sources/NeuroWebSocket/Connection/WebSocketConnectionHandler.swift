import NIOCore
import NIOWebSocket
import NeuroProtocol

/// Asks a connection's handler to start the closing handshake (sent with
/// `triggerUserOutboundEvent`).
struct WebSocketCloseRequest: Sendable {
    var code: WebSocketCloseCode
    var reason: String?

    init(code: WebSocketCloseCode, reason: String?) {
        self.code = code
        self.reason = reason
    }
}

/// The websocket protocol of one connection, run on its event loop: joins fragments, checks
/// sizes and UTF-8, answers pings, sends keep-alive pings, and runs the closing handshake.
///
/// Everything the receiver sees goes through the ``WebSocketInbox``. Frames go out encoded
/// (``WebSocketFrameEncoding``) through `output`, the context of a ``WebSocketFrameOutput``:
/// ``WebSocketTransport/send(_:)`` writes through ``writeFrame(_:promise:)`` so that nothing
/// follows our close frame.
final class WebSocketConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        /// Frames flow both ways.
        case open
        /// Our close frame is out (or going out); waiting for the peer's or for TCP to end.
        case closing
        /// TCP is closed.
        case closed
    }

    private let inbox: WebSocketInbox
    private let configuration: WebSocketConfiguration
    /// Clients mask every frame they send (RFC 6455 §5.3); servers never do.
    private let isClient: Bool
    private let peerDescription: String
    /// Where encoded frames are written (see ``WebSocketFrameOutput``); `nil` once removed.
    private var output: ChannelHandlerContext?
    private let allocator: ByteBufferAllocator

    private var state = State.open
    /// The message being joined from fragments, and whether it is text.
    private var fragments: ByteBuffer?
    private var isFragmentedText = false
    private var nextPing: Scheduled<Void>?
    private var pongDeadline: Scheduled<Void>?
    private var closeDeadline: Scheduled<Void>?

    init(
        inbox: WebSocketInbox,
        configuration: WebSocketConfiguration,
        isClient: Bool,
        peerDescription: String,
        output: ChannelHandlerContext
    ) {
        self.output = output
        self.allocator = output.channel.allocator
        self.inbox = inbox
        self.configuration = configuration
        self.isClient = isClient
        self.peerDescription = peerDescription
    }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive {
            schedulePing(context: context)
        } else {
            // TCP ended while the upgrade was completing, so this handler will never see
            // channelInactive. (Frames that arrived with the 101 response and the FIN do not
            // survive NIO's upgrade in this case; a peer that writes and hangs up at once loses
            // them.) Report the end after anything still being handed over in this tick.
            context.eventLoop.assumeIsolated().execute { self.connectionEnded() }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        connectionEnded()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        output = nil
    }

    private func connectionEnded() {
        state = .closed
        cancelTimers()
        inbox.finish(
            .failure(
                NeuroError(
                    code: .connectionClosed,
                    message: "the connection to \(peerDescription) dropped without a close frame"
                )
            )
        )
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            guard fragments == nil else {
                return failProtocol(context: context, "a new message started before the fragmented one ended")
            }
            guard state == .open else { return }
            let isText = frame.opcode == .text
            if frame.fin {
                deliver(context: context, payload: frame.unmaskedData, isText: isText)
            } else {
                fragments = frame.unmaskedData
                isFragmentedText = isText
            }
        case .continuation:
            guard var joined = fragments else {
                return failProtocol(context: context, "a continuation frame arrived without a message to continue")
            }
            fragments = nil
            guard state == .open else { return }
            guard joined.readableBytes + frame.length <= configuration.maximumMessageSize else {
                return failTooLarge(context: context, size: joined.readableBytes + frame.length)
            }
            var payload = frame.unmaskedData
            joined.writeBuffer(&payload)
            if frame.fin {
                deliver(context: context, payload: joined, isText: isFragmentedText)
            } else {
                fragments = joined
            }
        case .ping:
            guard state == .open, configuration.automaticallyRespondsToPings else { return }
            write(context: context, opcode: .pong, payload: frame.unmaskedData, promise: nil)
        case .pong:
            pongDeadline?.cancel()
            pongDeadline = nil
        case .connectionClose:
            peerClosed(context: context, payload: frame.unmaskedData)
        default:
            failProtocol(context: context, "an unknown opcode \(frame.opcode)")
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if case ByteToMessageDecoderError.dataReceivedInErrorState = error {
            // What arrives after a decoding error (the rest of an oversize frame, the peer's
            // close frame) comes as this error, once per read. Not a socket error: the
            // connection goes on waiting for the peer to end TCP. Closing here ended it before
            // the peer had read our close frame (and reset it when input was still unread).
            return
        }
        // After a decoding error the frame decoder reads nothing more, so the peer's close
        // frame would never be seen: end our side of TCP and wait for the peer to end its.
        switch error as? NIOWebSocketError {
        case .invalidFrameLength:
            failTooLarge(context: context, size: nil, ending: .shutDownOutput)
        case .some(let protocolError):
            failProtocol(context: context, "\(protocolError)", ending: .shutDownOutput)
        case .none:
            // A socket error (reset, …): TCP is gone or going; channelInactive reports it.
            context.close(promise: nil)
        }
    }

    private func deliver(context: ChannelHandlerContext, payload: ByteBuffer, isText: Bool) {
        guard isText else {
            return inbox.deliver(.binary(Array(payload.readableBytesView)))
        }
        let text = payload.withUnsafeReadableBytes { bytes in
            // Neuro's frames are nearly always ASCII, which needs no UTF-8 validation (the
            // generic validating initialiser costs more than this scan).
            bytes.allSatisfy { $0 < 0x80 }
                ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        }
        guard let text else {
            return startClosing(
                context: context,
                code: .invalidFramePayload,
                reason: "invalid UTF-8",
                outcome: .failure(
                    NeuroError(
                        code: .invalidFrame,
                        message: "\(peerDescription) sent a text frame that is not valid UTF-8"
                    )
                )
            )
        }
        inbox.deliver(.text(text))
    }

    private func peerClosed(context: ChannelHandlerContext, payload: ByteBuffer) {
        var payload = payload
        let code = payload.readInteger(as: UInt16.self).map(WebSocketCloseCode.init(rawValue:))
        let reason = payload.readableBytes > 0 ? payload.readString(length: payload.readableBytes) : nil
        switch state {
        case .open:
            // The peer started the closing handshake: echo its code, then end TCP.
            state = .closing
            cancelTimers()
            inbox.finish(.success(.closed(code, reason: reason)))
            var reply = context.channel.allocator.buffer(capacity: 2)
            if let code { reply.writeInteger(code.rawValue) }
            let written = context.eventLoop.makePromise(of: Void.self)
            write(context: context, opcode: .connectionClose, payload: reply, promise: written)
            written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        case .closing:
            // The answer to our close frame: the handshake is complete.
            closeDeadline?.cancel()
            closeDeadline = nil
            context.close(promise: nil)
        case .closed:
            break
        }
    }

    // MARK: Outbound

    /// Writes and flushes one encoded frame unless our close frame has gone out (or TCP has
    /// ended), when `promise` fails with `NeuroError/Code/connectionClosed`.
    func writeFrame(_ frame: ByteBuffer, promise: EventLoopPromise<Void>?) {
        guard state == .open, let output else {
            promise?.fail(
                NeuroError(code: .connectionClosed, message: "the connection to \(peerDescription) is closed")
            )
            return
        }
        output.writeAndFlush(NIOAny(frame), promise: promise)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // Frames only go out through `writeFrame`; NIO's encoder further on takes no buffers.
        writeFrame(unwrapOutboundIn(data), promise: promise)
    }

    func read(context: ChannelHandlerContext) {
        // Withhold the read while the receiver has a full buffer; it asks again when drained.
        // Once closing, data is discarded anyway and the peer's close frame must get through.
        if state != .open || inbox.mayRead() { context.read() }
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let request = event as? WebSocketCloseRequest else {
            return context.triggerUserOutboundEvent(event, promise: promise)
        }
        startClosing(
            context: context,
            code: request.code,
            reason: request.reason,
            outcome: .success(.closed(request.code, reason: request.reason))
        )
        promise?.succeed()
    }

    // MARK: Closing

    /// How a connection ends once our close frame is out.
    private enum Ending {
        /// Wait up to `closeTimeout` for the peer's close frame, then close TCP.
        case awaitCloseFrame
        /// End our side of TCP at once and wait up to `closeTimeout` for the peer to end its.
        case shutDownOutput
        /// Close TCP at once: the peer is unresponsive.
        case closeNow
    }

    /// Sends our close frame, records how the connection ended for the receiver, and closes TCP
    /// when the peer answers or after `closeTimeout`.
    private func startClosing(
        context: ChannelHandlerContext,
        code: WebSocketCloseCode,
        reason: String?,
        outcome: Result<TransportMessage, NeuroError>,
        ending: Ending = .awaitCloseFrame
    ) {
        guard state == .open else { return }
        inbox.finish(outcome)
        cancelTimers()
        var payload = context.channel.allocator.buffer(capacity: 2 + (reason?.utf8.count ?? 0))
        payload.writeInteger(code.rawValue)
        if let reason {
            // A control frame carries at most 125 bytes: the code and 123 bytes of reason.
            payload.writeBytes(reason.utf8.prefix(123))
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        write(context: context, opcode: .connectionClose, payload: payload, promise: written)
        state = .closing
        // A read may be withheld for a full buffer; the peer's close frame must still arrive.
        context.read()
        switch ending {
        case .awaitCloseFrame:
            break
        case .shutDownOutput:
            // Closing a socket with unread input resets it, which can destroy our close frame
            // before the peer reads it; a FIN cannot.
            written.futureResult.assumeIsolated().whenComplete { _ in context.close(mode: .output, promise: nil) }
        case .closeNow:
            written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            return
        }
        closeDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(configuration.closeTimeout)) {
            context.close(promise: nil)
        }
    }

    private func failTooLarge(context: ChannelHandlerContext, size: Int?, ending: Ending = .awaitCloseFrame) {
        fragments = nil
        let sizeText = size.map { "of \($0) bytes " } ?? ""
        startClosing(
            context: context,
            code: .messageTooBig,
            reason: "message too big",
            outcome: .failure(
                NeuroError(
                    code: .messageTooLarge,
                    message:
                        "\(peerDescription) sent a message \(sizeText)over the limit of \(configuration.maximumMessageSize) bytes"
                )
            ),
            ending: ending
        )
    }

    private func failProtocol(context: ChannelHandlerContext, _ problem: String, ending: Ending = .awaitCloseFrame) {
        fragments = nil
        startClosing(
            context: context,
            code: .protocolError,
            reason: "protocol error",
            outcome: .failure(
                NeuroError(code: .invalidFrame, message: "\(peerDescription) broke the websocket protocol: \(problem)")
            ),
            ending: ending
        )
    }

    // MARK: Keep-alive

    private func schedulePing(context: ChannelHandlerContext) {
        guard let interval = configuration.pingInterval, state == .open else { return }
        nextPing = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(interval)) {
            self.sendPing(context: context)
        }
    }

    private func sendPing(context: ChannelHandlerContext) {
        guard state == .open else { return }
        if pongDeadline == nil {
            pongDeadline = context.eventLoop.assumeIsolated().scheduleTask(
                in: TimeAmount(configuration.pongTimeout)
            ) {
                self.pongTimedOut(context: context)
            }
        }
        write(context: context, opcode: .ping, payload: context.channel.allocator.buffer(capacity: 0), promise: nil)
        schedulePing(context: context)
    }

    private func pongTimedOut(context: ChannelHandlerContext) {
        pongDeadline = nil
        // The peer is unresponsive: do not wait for its close frame.
        startClosing(
            context: context,
            code: .internalError,
            reason: "keepalive ping timeout",
            outcome: .failure(
                NeuroError(
                    code: .pingTimedOut,
                    message: "\(peerDescription) did not answer a ping within \(configuration.pongTimeout)"
                )
            ),
            ending: .closeNow
        )
    }

    private func cancelTimers() {
        nextPing?.cancel()
        nextPing = nil
        pongDeadline?.cancel()
        pongDeadline = nil
        if state == .closed {
            closeDeadline?.cancel()
            closeDeadline = nil
        }
    }

    // MARK: Writing frames

    private func write(
        context: ChannelHandlerContext,
        opcode: WebSocketOpcode,
        payload: ByteBuffer,
        promise: EventLoopPromise<Void>?
    ) {
        let frame = WebSocketFrameEncoding.frame(
            payload: payload,
            opcode: opcode,
            maskKey: isClient ? MaskingKeySource.next() : nil,
            allocator: allocator
        )
        guard let output else {
            promise?.fail(NeuroError(code: .connectionClosed, message: "the connection to \(peerDescription) is closed"))
            return
        }
        output.writeAndFlush(NIOAny(frame), promise: promise)
    }
}
