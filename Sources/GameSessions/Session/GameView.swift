import NeuroAPI

/// What an observer (a dashboard) may read of a game's connection now, as a value.
///
/// Both parts come from one read of the connection's state, so they agree with each other: a
/// pending force names actions that are in `registeredActions`.
public struct GameView: Sendable, Hashable {
    /// The actions registered now, in registration order.
    public var registeredActions: [Action]
    /// The force Neuro has not answered yet, if any.
    public var pendingForce: ActionForce?

    /// Creates a view.
    /// - Parameters:
    ///   - registeredActions: the actions registered now.
    ///   - pendingForce: the force Neuro has not answered yet.
    public init(registeredActions: [Action] = [], pendingForce: ActionForce? = nil) {
        self.registeredActions = registeredActions
        self.pendingForce = pendingForce
    }

    /// The view of a connection's state.
    package init(_ core: NeuroConnectionCore) {
        self.init(registeredActions: core.registeredActions, pendingForce: core.pendingForce)
    }
}
