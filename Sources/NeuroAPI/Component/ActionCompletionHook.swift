/// Steps that follow an action's result in the same change; see
/// `NeuroComponent.onActionCompleted(_:)`. Runs under the client's lock with the
/// connection's state after the result.
package typealias ActionCompletionHook =
    @Sendable (_ core: inout NeuroConnectionCore, _ action: NeuroAction, _ result: ActionResult) -> [OutgoingStep]
