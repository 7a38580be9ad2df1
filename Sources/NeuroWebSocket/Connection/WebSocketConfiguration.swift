import NIOCore
import NIOPosix
import NIOSSL

/// How ``WebSocketConnector`` (the client side) and ``WebSocketListener`` (the server side) run their
/// websockets.
///
/// Every field has a default; change only what you need:
///
/// ```swift
/// var configuration = WebSocketConfiguration()
/// configuration.handshakeTimeout = .seconds(3)
/// configuration.pingInterval = nil  // no keep-alive pings
/// ```
public struct WebSocketConfiguration: Sendable {
    /// How long the TCP connect, the TLS handshake and the HTTP upgrade may take together.
    /// The listener also drops connections that do not finish their upgrade in this time.
    public var handshakeTimeout: Duration
    /// The largest message accepted, in bytes, after joining its fragments. A larger one closes
    /// the connection with 1009 (message too big).
    public var maximumMessageSize: Int
    /// How often to ping the peer; `nil` sends no pings.
    public var pingInterval: Duration?
    /// How long to wait for the pong that answers a ping before closing the connection.
    public var pongTimeout: Duration
    /// How long to wait for the peer's close frame after sending ours before dropping TCP.
    public var closeTimeout: Duration
    /// The TLS settings for `wss://` URLs; `nil` means `TLSConfiguration.makeClientConfiguration()`.
    public var tlsConfiguration: TLSConfiguration?
    /// The event loops that run the sockets.
    public var eventLoopGroup: any EventLoopGroup
    /// Whether pings from the peer are answered with a pong. Tests turn it off to see a peer's
    /// ping timeout.
    public var automaticallyRespondsToPings: Bool

    /// Creates a configuration.
    public init(
        handshakeTimeout: Duration = .seconds(10),
        maximumMessageSize: Int = 1_048_576,
        pingInterval: Duration? = .seconds(20),
        pongTimeout: Duration = .seconds(10),
        closeTimeout: Duration = .seconds(5),
        tlsConfiguration: TLSConfiguration? = nil,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        automaticallyRespondsToPings: Bool = true
    ) {
        self.handshakeTimeout = handshakeTimeout
        self.maximumMessageSize = maximumMessageSize
        self.pingInterval = pingInterval
        self.pongTimeout = pongTimeout
        self.closeTimeout = closeTimeout
        self.tlsConfiguration = tlsConfiguration
        self.eventLoopGroup = eventLoopGroup
        self.automaticallyRespondsToPings = automaticallyRespondsToPings
    }

    /// The largest frame the NIO decoder accepts: the message limit, within what a frame can carry.
    var maximumFrameSize: Int { min(max(maximumMessageSize, 125), Int(UInt32.max)) }
}
