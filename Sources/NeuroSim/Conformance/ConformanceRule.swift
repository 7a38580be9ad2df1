/// A diagnostic NeuroSim can name about a game: a rule of the Neuro game API, a likely bug, a
/// performance cost or a matter of style. Each ``NeuroSimDiagnostic`` names one.
///
/// The raw value is the diagnostic's stable id in logs, close reasons and the JSON report;
/// ids never change meaning and are never reused. Each has a ``severity`` and may apply only
/// under some versions of the protocol (``applies(under:)``). The correspondence with the
/// diagnostics of the community stand-ins Tony and Gary is in ``tonyNames`` and ``garyNames``
/// (and in the table of the NeuroSim documentation).
public enum ConformanceRule: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    // MARK: Frames and envelopes

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
    /// A second `startup` on one connection (it clears every action registered).
    case multipleStartups
    /// `startup` later than ``NeuroSimConfiguration/lateThreshold`` after connecting.
    case lateStartup
    /// A second connection with the title of a game that is still connected.
    case duplicateGameClient

    // MARK: Registering

    /// An action name outside `a-z 0-9 _ -`, or empty.
    case invalidActionName
    /// An action schema that is not an object schema, or not a valid JSON schema (a keyword
    /// with a value of the wrong type): the action is not registered.
    case invalidSchema
    /// A schema keyword that the official documentation says Neuro handles badly.
    case discouragedSchemaKeyword
    /// A schema keyword outside what Neuro handles that the official list does not name
    /// (`uniqueItems`, `contains`, `propertyNames`, `format`, unknown keywords …).
    case unsupportedSchemaKeyword
    /// `"schema": null`: leave the key out instead.
    case nullSchema
    /// `"schema": {}`: leave the key out instead.
    case emptySchema
    /// An empty (or blank) description.
    case emptyDescription
    /// A schema NeuroSim could generate no valid data for.
    case unsatisfiableSchema
    /// An action registered while one of the same name is registered (before 2026-08-20).
    case duplicateRegistration
    /// An action registered again exactly as it is registered (since 2026-08-20): a message
    /// for nothing.
    case identicalReregistration
    /// An action name that another game has registered too.
    case actionRegisteredByOtherGame
    /// No `actions/register` within ``NeuroSimConfiguration/reregisterTimeout`` of
    /// `actions/reregister_all`, although actions were registered.
    case missingReregistration
    /// `actions/unregister` with no names.
    case emptyUnregister
    /// Unregistering a name never registered on the connection.
    case unregisterUnknown
    /// Unregistering a name that was registered but is no longer.
    case unregisterInactive

    // MARK: Forcing

    /// A force with no action names.
    case emptyForce
    /// A force naming an action that is not registered.
    case forceUnregisteredAction
    /// A second force while one is pending on the same connection.
    case forceWhilePending
    /// A force while an action sent to the game awaits its result.
    case forceWhileResultPending
    /// A force while another game's force is pending: Neuro has one force slot per character.
    case forceWhileOtherGamePending
    /// A force after the game said `shutdown/ready`.
    case forceAfterShutdownReady

    // MARK: Results

    /// An `action/result` for an id NeuroSim never sent.
    case unknownResultID
    /// A second `action/result` for the same id.
    case duplicateResult
    /// No `action/result` within ``NeuroSimConfiguration/resultTimeout``: Neuro takes the action
    /// as failed.
    case resultTimeout
    /// An `action/result` after its timeout: Neuro discards it.
    case resultAfterTimeout
    /// An `action/result` later than ``NeuroSimConfiguration/lateThreshold``: Neuro waits frozen.
    case lateResult
    /// A failed `action/result` without a message: Neuro cannot tell what to do instead.
    case failureWithoutMessage
    /// A successful `action/result` without a message (since 2026-08-21): Neuro is not told
    /// what changed.
    case successWithoutMessage

    // MARK: Texts

    /// A force's `query` or `state`, or a result's message, naming in backticks an action that
    /// is not registered: what Neuro would then try to call.
    case mentionsUnregisteredAction
    /// A context message naming in backticks an action that is still not registered when Neuro
    /// next acts (the game's next force, or NeuroSim's next action): rules sent at startup name
    /// the actions the game registers right after, which is fine.
    case contextMentionsUnregisteredAction

    // MARK: Shutdown

    /// No `shutdown/ready` within ``NeuroSimConfiguration/shutdownReadyTimeout`` of a
    /// `shutdown/graceful` (wanting shutdown) or `shutdown/immediate` request.
    case missingShutdownReady

    /// The rule's stable id (its raw value).
    public var id: String { rawValue }

    public var description: String { rawValue }

    /// How much the diagnostic matters.
    public var severity: DiagnosticSeverity {
        switch self {
        case .invalidJSON, .notAnObject, .binaryFrame, .unknownCommand, .invalidFields, .messageBeforeStartup,
            .gameChanged, .duplicateGameClient, .invalidActionName, .invalidSchema, .duplicateRegistration,
            .missingReregistration, .emptyForce, .forceUnregisteredAction, .forceWhilePending,
            .forceWhileOtherGamePending, .unknownResultID, .duplicateResult, .resultTimeout:
            return .error
        case .multipleStartups, .discouragedSchemaKeyword, .unsupportedSchemaKeyword, .emptyDescription,
            .unsatisfiableSchema, .actionRegisteredByOtherGame, .forceWhileResultPending, .forceAfterShutdownReady,
            .resultAfterTimeout, .failureWithoutMessage, .successWithoutMessage, .mentionsUnregisteredAction,
            .missingShutdownReady:
            return .warning
        case .lateStartup, .identicalReregistration, .lateResult:
            return .performance
        // `"schema": null` is how the Python reference registers every action without a
        // schema, and Neuro accepts it: a note (Tony warns), not a violation.
        case .emptySchema, .nullSchema, .emptyUnregister, .unregisterUnknown, .unregisterInactive,
            .contextMentionsUnregisteredAction:
            return .info
        }
    }

    /// Whether NeuroSim checks the rule under a version of the protocol: re-registering a
    /// registered name is ``duplicateRegistration`` before 2026-08-20 and
    /// ``identicalReregistration`` (when unchanged) since; ``successWithoutMessage`` is checked
    /// since 2026-08-21.
    public func applies(under spec: NeuroSimSpec) -> Bool {
        switch self {
        case .successWithoutMessage: return spec.expectsSuccessMessages
        case .duplicateRegistration: return !spec.replacesRegistrations
        case .identicalReregistration: return spec.replacesRegistrations
        default: return true
        }
    }
}
