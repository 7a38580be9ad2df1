/// Who answered a game's `startup`: the data of Neuro's startup acknowledgement.
///
/// Wire form: `{"command":"startup","data":{"session":{"sessionId":…,"characterId":…,"displayName":…}}}`.
public struct NeuroSessionInfo: Sendable, Hashable {
    /// The session's id.
    public var sessionID: String
    /// Which character plays: `neuro` or `evil`.
    public var characterID: String
    /// The character's display name, e.g. "Neuro-sama".
    public var displayName: String

    /// Creates session information.
    public init(sessionID: String, characterID: String, displayName: String) {
        self.sessionID = sessionID
        self.characterID = characterID
        self.displayName = displayName
    }
}
