/// The data of an `actions/force` command: Neuro must pick one of the named actions now.
public struct ActionForce: Sendable, Hashable {
    /// The game state, in any format (markdown works well); omitted when `nil`.
    public var state: String?
    /// What Neuro should do, e.g. "It is your turn. Pick a square."
    public var query: String
    /// The actions she may choose from; each must be registered.
    public var actionNames: [String]
    /// When true, `state` and `query` are forgotten once the force is answered.
    public var isEphemeralContext: Bool
    /// How urgently she should answer.
    public var priority: ForcePriority

    /// Creates a force.
    public init(
        query: String,
        state: String? = nil,
        actionNames: [String],
        isEphemeralContext: Bool = false,
        priority: ForcePriority = .low
    ) {
        self.query = query
        self.state = state
        self.actionNames = actionNames
        self.isEphemeralContext = isEphemeralContext
        self.priority = priority
    }
}
