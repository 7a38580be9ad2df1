/// Who answered a game's `startup`: the data of Neuro's startup acknowledgement.
///
/// Wire form: `{"command":"startup","data":{"session":{"sessionId":…,"characterId":…,"displayName":…}}}`.
/// Stand-ins send other values or leave fields out; a missing or mistyped field is `nil`.
public struct NeuroSessionInfo: Sendable, Hashable {
    /// The session's id: a different one means Neuro restarted and forgot the game's context.
    public var sessionID: String?
    /// Which character plays: `neuro` or `evil`.
    public var characterID: String?
    /// The character's display name, e.g. "Neuro-sama".
    public var displayName: String?

    /// Creates session information.
    public init(sessionID: String?, characterID: String? = nil, displayName: String? = nil) {
        self.sessionID = sessionID
        self.characterID = characterID
        self.displayName = displayName
    }
}
