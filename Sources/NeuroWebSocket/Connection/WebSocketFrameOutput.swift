import NIOCore

/// Where a connection's frames leave the pipeline: a pass-through placed nearer the socket
/// than NIO's `WebSocketFrameEncoder` (and after TLS, when there is TLS).
///
/// ``WebSocketConnectionHandler`` writes frames already encoded by ``WebSocketFrameEncoding``
/// through this handler's context, so they skip NIO's encoder, which would split and copy them.
final class WebSocketFrameOutput: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
}
