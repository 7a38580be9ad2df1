/// An error from the Neuro API: a code to match on, a plain message, and the cause.
///
/// Messages are written to be shown to a person (or sent back to Neuro) as they are:
/// they name what was wrong and where (`action "play": key "id" must be a string, not number`).
///
/// ```swift
/// do {
///     try await client.forceActions(named: ["jump"], query: "Jump!")
/// } catch let error as NeuroError where error.code == .actionNotRegistered {
///     logger.warning("cannot force", metadata: ["error": "\(error)"])
/// }
/// ```
public struct NeuroError: Error, Sendable, CustomStringConvertible {
    /// What kind of error this is. Extensible: match on the static members.
    public struct Code: ErrorCode {
        /// The code's name (`invalidFrame`); modules define their own codes as static members
        /// of an extension.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A frame that is not JSON, not an object, or has no string `command`.
        public static let invalidFrame = Code("invalidFrame")
        /// A known command whose fields are missing, extra or of the wrong type.
        public static let invalidMessage = Code("invalidMessage")
        /// An action name with characters outside `a-z 0-9 _ -`, or an empty one.
        public static let invalidActionName = Code("invalidActionName")
        /// An action schema that is not an object schema with `"type": "object"`.
        public static let invalidSchema = Code("invalidSchema")
        /// A register, unregister or force with no action names.
        public static let emptyActionList = Code("emptyActionList")
        /// A force naming an action that is not registered.
        public static let actionNotRegistered = Code("actionNotRegistered")
        /// A failed action result without a message.
        public static let missingFailureMessage = Code("missingFailureMessage")
        /// Action data that is missing, not JSON, or does not match the action's schema.
        public static let invalidActionData = Code("invalidActionData")
        /// An operation that needs a connection was called without one.
        public static let notConnected = Code("notConnected")
        /// The connection closed (cleanly or not) while in use.
        public static let connectionClosed = Code("connectionClosed")
        /// The websocket handshake failed: refused, DNS, TLS, or an HTTP status other than 101.
        public static let handshakeFailed = Code("handshakeFailed")
        /// The websocket handshake did not complete in time.
        public static let handshakeTimedOut = Code("handshakeTimedOut")
        /// A message larger than the configured maximum.
        public static let messageTooLarge = Code("messageTooLarge")
        /// A binary frame, which the protocol does not use.
        public static let unsupportedFrame = Code("unsupportedFrame")
        /// A URL that is not a `ws://` or `wss://` URL.
        public static let invalidURL = Code("invalidURL")
        /// The peer did not answer a ping in time.
        public static let pingTimedOut = Code("pingTimedOut")
        /// A handler or game plugin failed.
        public static let handlerFailed = Code("handlerFailed")
    }

    /// What kind of error this is.
    public var code: Code
    /// What went wrong, in plain words.
    public var message: String
    /// The underlying error, when there is one.
    public var cause: (any Error & Sendable)?

    /// Creates an error.
    public init(code: Code, message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        if let cause { return "\(message) (\(cause))" }
        return message
    }
}
