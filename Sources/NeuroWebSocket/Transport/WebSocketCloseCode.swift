/// A websocket close code (RFC 6455 §7.4).
public struct WebSocketCloseCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The numeric code.
    public var rawValue: UInt16

    /// Creates a close code.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// 1000: the purpose of the connection is fulfilled.
    public static let normalClosure = WebSocketCloseCode(rawValue: 1000)
    /// 1001: the endpoint is going away (shutting down, or a game ending).
    public static let goingAway = WebSocketCloseCode(rawValue: 1001)
    /// 1002: a protocol error.
    public static let protocolError = WebSocketCloseCode(rawValue: 1002)
    /// 1003: a data type the endpoint cannot accept (e.g. binary).
    public static let unacceptableData = WebSocketCloseCode(rawValue: 1003)
    /// 1007: data inconsistent with the message type (e.g. invalid UTF-8).
    public static let invalidFramePayload = WebSocketCloseCode(rawValue: 1007)
    /// 1008: the message violates the endpoint's policy (NeuroSim's strict mode).
    public static let policyViolation = WebSocketCloseCode(rawValue: 1008)
    /// 1009: a message too big to process.
    public static let messageTooBig = WebSocketCloseCode(rawValue: 1009)
    /// 1011: an unexpected condition on the server.
    public static let internalError = WebSocketCloseCode(rawValue: 1011)

    public var description: String {
        switch rawValue {
        case 1000: return "1000 (normal closure)"
        case 1001: return "1001 (going away)"
        case 1002: return "1002 (protocol error)"
        case 1003: return "1003 (unacceptable data)"
        case 1007: return "1007 (invalid payload)"
        case 1008: return "1008 (policy violation)"
        case 1009: return "1009 (message too big)"
        case 1011: return "1011 (internal error)"
        default: return "\(rawValue)"
        }
    }
}
