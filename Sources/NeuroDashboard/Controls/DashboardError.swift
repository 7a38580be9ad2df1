import Hummingbird
import NeuroProtocol

/// Why a dashboard request failed: a code for programs, a message for people, and the HTTP
/// status it is answered with (as JSON `{"error": code, "message": message}`).
public struct DashboardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: ErrorCode {
        /// The code's name (`notConnected`).
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// No valid token was given (401).
        public static let unauthorized = Code("unauthorized")
        /// A control was not sent the way the page sends it (403).
        public static let forbidden = Code("forbidden")
        /// No such game, action or fault (404).
        public static let notFound = Code("notFound")
        /// The request's body is not what the route expects (400).
        public static let badRequest = Code("badRequest")
        /// Action data that is not JSON or fails the action's schema (422).
        public static let invalidData = Code("invalidData")
        /// The control does not apply now (409): not connected, already paused…
        public static let conflict = Code("conflict")
        /// The simulator's controls need `--simulate` (404).
        public static let noSimulator = Code("noSimulator")
    }

    /// What went wrong.
    public var code: Code
    /// In plain words.
    public var message: String
    /// The HTTP status of the answer.
    public var status: HTTPResponse.Status

    /// Creates an error.
    public init(code: Code, message: String, status: HTTPResponse.Status) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// The message.
    public var description: String { message }
}
