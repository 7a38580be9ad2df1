import GamePlugins
import NeuroAPI

/// Counters of one game, across all of its connections.
public struct GameStatistics: Sendable, Hashable, Codable {
    /// Connections that reached `startup`.
    public var sessions = 0
    /// Actions the rules accepted.
    public var actionsAccepted = 0
    /// Actions the rules refused (Neuro was told what to do instead).
    public var actionsRejected = 0
    /// Actions whose data was missing, not JSON, or off-schema.
    public var invalidData = 0
    /// Actions naming an action that was never registered.
    public var unknownActions = 0
    /// Actions naming an action unregistered within the recent window.
    public var lateActions = 0
    /// Errors thrown by the game itself.
    public var pluginErrors = 0
    /// Forces sent.
    public var forcesSent = 0
    /// Forces Neuro gave up on silently (no action for a while after a failed forced action),
    /// withdrawn by the game.
    public var forcesAbandoned = 0
    /// Forces withdrawn because the shared force slot timed out.
    public var forcesWithdrawn = 0

    /// Creates zeroed counters.
    public init() {}

    /// Every failure result sent, whatever the reason.
    public var failures: Int { actionsRejected + invalidData + unknownActions + lateActions + pluginErrors }
}
