import NIOCore
import NIOHTTP1
import Synchronization

/// What a client saw during its upgrade: the response status and the first pipeline error.
/// NIO's upgrade handler reports neither (a 404 is just "not upgraded", a TLS error surfaces as
/// a closed channel), and the host needs both to decide how to back off.
final class HandshakeObservations: Sendable {
    private struct State {
        var status: HTTPResponseStatus?
        var firstError: (any Error)?
    }

    private let state = Mutex(State())

    var status: HTTPResponseStatus? { state.withLock { $0.status } }
    var firstError: (any Error)? { state.withLock { $0.firstError } }

    func record(status: HTTPResponseStatus) { state.withLock { $0.status = status } }
    func record(error: any Error) { state.withLock { $0.firstError = $0.firstError ?? error } }
}

/// Sits just before NIO's client upgrade handler until the response head passes, recording
/// the status and any error; then removes itself so websocket frames never reach it.
final class HandshakeObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias InboundOut = HTTPClientResponsePart

    private let observations: HandshakeObservations

    init(observations: HandshakeObservations) {
        self.observations = observations
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else {
            return context.fireChannelRead(data)
        }
        observations.record(status: head.status)
        // The upgrade starts on the response's end, which comes later, so leaving now means no
        // bytes forwarded after the upgrade can reach this handler.
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        observations.record(error: error)
        context.fireErrorCaught(error)
    }
}
