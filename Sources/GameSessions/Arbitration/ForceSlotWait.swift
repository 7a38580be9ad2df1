/// How long one game waited for a ``ForceSlot``, from its request to its grant.
public struct ForceSlotWait: Sendable, Hashable {
    /// The game's title.
    public var game: String
    /// The wait.
    public var waited: Duration

    /// Creates a record.
    public init(game: String, waited: Duration) {
        self.game = game
        self.waited = waited
    }
}
