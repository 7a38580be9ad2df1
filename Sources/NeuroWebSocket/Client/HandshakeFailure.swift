/// Why a websocket could not be opened: the `cause` of a `NeuroError` with code
/// `NeuroError/Code/handshakeFailed`.
///
/// The host backs off harder on HTTP errors (a server that is up but refuses us) than on a
/// refused TCP connection (Neuro not started yet):
///
/// ```swift
/// catch let error as NeuroError where error.code == .handshakeFailed {
///     if let failure = error.cause as? HandshakeFailure, failure.kind == .httpStatus { … }
/// }
/// ```
public struct HandshakeFailure: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Hashable {
        /// Nothing listens on the port.
        case connectionRefused
        /// The host name did not resolve.
        case dnsFailure
        /// The TLS handshake of a `wss://` URL failed.
        case tlsFailure
        /// The server answered the upgrade request with a status other than 101.
        case httpStatus
        /// Anything else: a reset connection, an invalid upgrade response, …
        case other
    }

    /// The URL that was being opened.
    public var url: String
    /// What went wrong.
    public var kind: Kind
    /// The HTTP status the server answered with, for ``Kind/httpStatus``.
    public var httpStatus: Int?
    /// The error from the network stack, when there is one, carried as its description (NIO's
    /// connection errors are not `Sendable`).
    public var underlying: (any Error & Sendable)?

    /// Creates a failure.
    public init(url: String, kind: Kind, httpStatus: Int? = nil, underlying: (any Error & Sendable)? = nil) {
        self.url = url
        self.kind = kind
        self.httpStatus = httpStatus
        self.underlying = underlying
    }

    public var description: String {
        var text = "\(kind.rawValue)"
        if let httpStatus { text += " \(httpStatus)" }
        if let underlying { text += ": \(underlying)" }
        return text
    }
}
