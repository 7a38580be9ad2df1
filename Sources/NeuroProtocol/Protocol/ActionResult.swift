/// The data of an `action/result` command: the game's answer to one ``NeuroAction``.
///
/// A failure during a force makes Neuro retry the whole force, so it must say what to do
/// instead. To refuse without a retry, answer success with an explanatory message.
public struct ActionResult: Sendable, Hashable {
    /// The id of the action answered.
    public var id: String
    /// Whether the action was accepted.
    public var isSuccess: Bool
    /// What Neuro is told; required for a failure.
    public var message: String?

    /// Creates a result.
    public init(id: String, isSuccess: Bool, message: String? = nil) {
        self.id = id
        self.isSuccess = isSuccess
        self.message = message
    }

    /// A successful result.
    public static func success(id: String, message: String? = nil) -> ActionResult {
        ActionResult(id: id, isSuccess: true, message: message)
    }

    /// A failed result; the message tells Neuro what to do instead.
    public static func failure(id: String, message: String) -> ActionResult {
        ActionResult(id: id, isSuccess: false, message: message)
    }
}
