/// A rule of the Neuro game API that NeuroSim checks; each ``NeuroSimViolation`` names one.
///
/// The raw value is the rule's stable name in logs and in the JSON report.
public enum ConformanceRule: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A text frame that is not valid JSON.
    case invalidJSON
    /// A JSON frame that is not an object.
    case notAnObject
    /// A binary frame; the protocol uses text frames only.
    case binaryFrame
    /// A command NeuroSim does not know.
    case unknownCommand
    /// A missing, extra or mistyped field in the envelope or in a command's data.
    case invalidFields
    /// A message other than `startup` before the connection's first `startup`.
    case messageBeforeStartup
    /// A `game` title different from the one the connection started with.
    case gameChanged
    /// An action name outside `a-z 0-9 _ -`, or empty.
    case invalidActionName
    /// An action schema that is not an object schema.
    case invalidSchema
    /// An action schema using a keyword Neuro handles badly.
    case discouragedSchemaKeyword
    /// An action registered while one of the same name is registered.
    case duplicateRegistration
    /// A force with no action names.
    case emptyForce
    /// A force naming an action that is not registered.
    case forceUnregisteredAction
    /// A second force while one is pending on the same connection.
    case forceWhilePending
    /// An `action/result` for an id NeuroSim never sent.
    case unknownResultID
    /// A second `action/result` for the same id.
    case duplicateResult
    /// No `action/result` within the configured time.
    case resultTimeout
    /// A force while another game's force is pending: Neuro has one force slot per character.
    case forceWhileOtherGamePending
    /// An action name that another game has registered too.
    case actionRegisteredByOtherGame

    public var description: String { rawValue }
}
