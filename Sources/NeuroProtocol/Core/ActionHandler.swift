/// Handles one action Neuro asked for, and says whether it was accepted.
///
/// The component calls it with the action and its data, already parsed and (when
/// `NeuroComponentConfiguration.validatesActionData` is on) checked against the action's
/// schema; `nil` when Neuro sent no data. The returned ``ActionHandlerResult`` is sent as the
/// action's `action/result`. A handler that throws is answered with a failure carrying the
/// error's text. Handlers run concurrently with the read loop and with each other.
///
/// ```swift
/// let setName: ActionHandler = { action, data in
///     guard let name = data?["name"]?.stringValue else { return .failure("Give a name.") }
///     return .success("Your name is now \(name).")
/// }
/// ```
public typealias ActionHandler = @Sendable (_ action: NeuroAction, _ data: JSONValue?) async throws -> ActionHandlerResult

/// What an ``ActionHandler`` decided: success or failure, and what to tell Neuro.
///
/// The Python reference's `(success, message)` tuple. A failure always carries a message,
/// since Neuro retries a failed forced action and needs to know what to do instead.
public struct ActionHandlerResult: Sendable, Hashable {
    /// Whether the action was accepted.
    public let isSuccess: Bool
    /// What Neuro is told; never `nil` for a failure.
    public let message: String?

    private init(isSuccess: Bool, message: String?) {
        self.isSuccess = isSuccess
        self.message = message
    }

    /// The action was accepted; `message`, when given, tells Neuro what happened.
    public static func success(_ message: String? = nil) -> ActionHandlerResult {
        ActionHandlerResult(isSuccess: true, message: message)
    }

    /// The action was refused; `message` tells Neuro why and what to do instead.
    ///
    /// During a force Neuro retries after a failure. To refuse without a retry, answer
    /// ``success(_:)`` with an explanatory message.
    public static func failure(_ message: String) -> ActionHandlerResult {
        ActionHandlerResult(isSuccess: false, message: message)
    }

    /// The `action/result` for the action with `id`.
    public func actionResult(id: String) -> ActionResult {
        ActionResult(id: id, isSuccess: isSuccess, message: message)
    }
}
