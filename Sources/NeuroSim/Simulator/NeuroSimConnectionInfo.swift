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

    /// Creates a snapshot.
    public init(id: Int, peer: String?, game: String?, hasStartedUp: Bool, registeredActions: [String]) {
        self.id = id
        self.peer = peer
        self.game = game
        self.hasStartedUp = hasStartedUp
        self.registeredActions = registeredActions
    }
}
