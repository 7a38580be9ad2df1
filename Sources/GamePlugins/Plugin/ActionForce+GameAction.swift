import NeuroProtocol

extension ActionForce {
    /// A force naming a game's actions by their declarations, so no name is spelt twice.
    ///
    /// ```swift
    /// ActionForce(query: "Your move: \(Self.hit.mention) or \(Self.stand.mention).", actions: [Self.hit, Self.stand])
    /// ```
    /// - Parameters:
    ///   - query: what Neuro should do.
    ///   - state: the game state, in any format; omitted when `nil`.
    ///   - actions: the actions she may choose from; each must be available.
    ///   - isEphemeralContext: whether `state` and `query` are forgotten once the force is answered.
    ///   - priority: how urgently she should answer.
    public init<Game>(
        query: String,
        state: String? = nil,
        actions: [GameAction<Game>],
        isEphemeralContext: Bool = false,
        priority: ForcePriority = .low
    ) {
        self.init(
            query: query, state: state, actionNames: actions.map(\.name), isEphemeralContext: isEphemeralContext,
            priority: priority)
    }
}
