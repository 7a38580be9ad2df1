/// An action together with the handler that answers it: what the component's registration
/// methods take.
///
/// ```swift
/// try await component.registerActions([
///     HandledAction(Action(name: "jump", description: "Jump.")) { action, data in
///         .success("Jumped.")
///     }
/// ])
/// ```
///
/// The `(Action, ActionHandler)` pairs of the Python reference work too (see
/// `NeuroComponent.registerActions(_:)`), but a closure
/// written inline in a tuple is not inferred as `@Sendable`; this type's trailing closure is.
public struct HandledAction: Sendable {
    /// The action registered with Neuro.
    public var action: Action
    /// What answers it.
    public var handler: ActionHandler

    /// Pairs an action with its handler.
    public init(_ action: Action, handler: @escaping ActionHandler) {
        self.action = action
        self.handler = handler
    }
}
