/// A snapshot of one connection a ``NeuroSimulator`` is serving.
public struct NeuroSimConnectionInfo: Sendable, Hashable {
    /// The connection's number, for the fault calls.
    public var id: Int
    /// The remote end, when known.
    public var peer: String?
    /// The game's title, once sent.
    public var game: String?
    /// Whether the game has sent `startup`.
    public var hasStartedUp: Bool
    /// The registered action names, in registration order.
    public var registeredActions: [String]
    /// Whether a force is pending (being answered or queued).
    public var hasPendingForce: Bool
    /// The ids of the actions sent and not yet answered, oldest first.
    public var pendingActionIDs: [String]
    /// The connection's counters so far.
    public var statistics: NeuroSimStatistics

    /// Creates a snapshot.
    public init(
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
