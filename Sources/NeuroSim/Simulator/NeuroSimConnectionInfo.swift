/// A snapshot of one connection a ``NeuroSimulator`` is serving.
package struct NeuroSimConnectionInfo: Sendable, Hashable {
    /// The connection's number, for the fault calls.
    package var id: Int
    /// The remote end, when known.
    package var peer: String?
    /// The game's title, once sent.
    package var game: String?
    /// Whether the game has sent `startup`.
    package var hasStartedUp: Bool
    /// The registered action names, in registration order.
    package var registeredActions: [String]
    /// Whether a force is pending (being answered or queued).
    package var hasPendingForce: Bool
    /// The ids of the actions sent and not yet answered, oldest first.
    package var pendingActionIDs: [String]
    /// The connection's counters so far.
    package var statistics: NeuroSimStatistics

    /// Creates a snapshot.
    package init(
        id: Int,
        peer: String?,
        game: String?,
        hasStartedUp: Bool,
        registeredActions: [String],
        hasPendingForce: Bool = false,
        pendingActionIDs: [String] = [],
        statistics: NeuroSimStatistics = NeuroSimStatistics()
    ) {
        self.id = id
        self.peer = peer
        self.game = game
        self.hasStartedUp = hasStartedUp
        self.registeredActions = registeredActions
        self.hasPendingForce = hasPendingForce
        self.pendingActionIDs = pendingActionIDs
        self.statistics = statistics
    }
}
