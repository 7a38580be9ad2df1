import NIOCore
import NIOHTTP1
import NIOWebSocket

/// Has the Swift runtime complete, once and on one thread, the metadata of the generic
/// SwiftNIO types a websocket pipeline is made of, before event loops set up pipelines side
/// by side.
///
/// Why: in one of ten loaded runs of the test suite, one `neuro-host` it launched ended with a
/// SIGSEGV inside the runtime, `Bad pointer dereference at 0x0`, while the process's
/// first connections were being set up on two event loops at once:
/// `configureUpgradableHTTPClientPipeline` instantiating `ByteToMessageHandler<HTTPResponseDecoder>`
/// → `_checkGenericRequirements` → `swift_conformsToProtocolMaybeInstantiateSuperclasses` →
/// `swift_checkMetadataState` on a null metadata: a conformance check of a generic class
/// (`HTTPDecoder`) whose metadata, by the look of it, another thread was still completing. It
/// did not happen again in 280 launches under load, so this is a precaution, not a proven fix:
/// each type's complete metadata is asked for in a `static let`, which one thread initializes
/// while any other waits, so no event loop meets these types half made.
/// `docs/RELIABILITY.md` has the trace.
enum PipelineMetadata {
    /// The types, completed; read it before the first pipeline is configured.
    static let completed: [ObjectIdentifier] = [
        // The client's handshake.
        ObjectIdentifier(ByteToMessageHandler<HTTPResponseDecoder>.self),
        ObjectIdentifier(HTTPRequestEncoder.self),
        ObjectIdentifier(NIOHTTPRequestHeadersValidator.self),
        ObjectIdentifier(NIOTypedHTTPClientUpgradeHandler<WebSocketTransport?>.self),
        ObjectIdentifier(NIOTypedWebSocketClientUpgrader<WebSocketTransport?>.self),
        // The server's handshake.
        ObjectIdentifier(ByteToMessageHandler<HTTPRequestDecoder>.self),
        ObjectIdentifier(HTTPResponseEncoder.self),
        ObjectIdentifier(NIOHTTPResponseHeadersValidator.self),
        ObjectIdentifier(HTTPServerPipelineHandler.self),
        ObjectIdentifier(HTTPServerProtocolErrorHandler.self),
        // Both sides, after the upgrade.
        ObjectIdentifier(ByteToMessageHandler<WebSocketFrameDecoder>.self),
        ObjectIdentifier(WebSocketFrameEncoder.self),
        ObjectIdentifier(WebSocketConnectionHandler.self),
    ]

    /// Completes the types (the first call; later calls return at once).
    static func complete() {
        precondition(!completed.isEmpty, "the pipeline's types are listed")
    }
}
