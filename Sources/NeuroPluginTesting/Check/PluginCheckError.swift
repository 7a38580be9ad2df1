import NeuroProtocol

/// A check that could not be carried out — bad settings, a game that stopped playing, a time
/// limit reached — or, from ``PluginCheck/requireConformance(_:configuration:)``, one that
/// found violations.
///
/// ```swift
/// do {
///     try await PluginCheck.requireConformance(MyGame.self)
/// } catch let error where error.code == .violations {
///     print(error.report?.violations ?? [])
/// }
/// ```
public struct PluginCheckError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure it is; extensible.
    public struct Code: ErrorCode {
        /// The code's name (`stalled`).
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The configuration cannot be used (too few actions, a share outside 0…1, a bad prefix).
        public static let invalidConfiguration = Code(rawValue: "invalidConfiguration")
        /// The settings do not decode, or the game refuses them.
        public static let invalidSettings = Code(rawValue: "invalidSettings")
        /// Nothing happened for ``PluginCheckConfiguration/stallTimeout``: NeuroSim sent no
        /// action and got no result (the game forces nothing, or never answers).
        public static let stalled = Code(rawValue: "stalled")
        /// The check took longer than ``PluginCheckConfiguration/timeLimit``.
        public static let timedOut = Code(rawValue: "timedOut")
        /// The in-process NeuroSim could not listen, or the game could not connect to it.
        public static let serverFailed = Code(rawValue: "serverFailed")
        /// The check ran and found violations (``PluginCheck/requireConformance(_:configuration:)``).
        public static let violations = Code(rawValue: "violations")
    }

    /// What kind of failure it is.
    public var code: Code
    /// What went wrong, in plain words.
    public var message: String
    /// The underlying error, if any.
    public var cause: (any Error)?
    /// What the check saw before it failed: with ``Code/violations``, the whole report; with
    /// ``Code/stalled`` and ``Code/timedOut``, what was found up to then.
    public var report: PluginCheckReport?

    /// Creates an error.
    public init(code: Code, message: String, cause: (any Error)? = nil, report: PluginCheckReport? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
        self.report = report
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let cause { text += " (cause: \(cause))" }
        if let report, code == .violations { text += "\n\(report)" }
        return text
    }
}
