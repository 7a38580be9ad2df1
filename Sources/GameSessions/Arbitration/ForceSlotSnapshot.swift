/// What a ``ForceSlot`` looks like at one instant: who holds it since when, who waits since when.
public struct ForceSlotSnapshot: Sendable, Hashable {
    /// A game waiting for the slot.
    public struct Waiting: Sendable, Hashable {
        /// The game's title.
        public var game: String
        /// When it asked for the slot.
        public var since: ContinuousClock.Instant

        /// Creates a waiting entry.
        public init(game: String, since: ContinuousClock.Instant) {
            self.game = game
            self.since = since
        }
    }

    /// The game holding the slot, if any.
    public var holder: String?
    /// Since when the holder has held it.
    public var heldSince: ContinuousClock.Instant?
    /// The games waiting, in arrival order.
    public var waiting: [Waiting]

    /// Creates a snapshot.
    public init(holder: String?, heldSince: ContinuousClock.Instant?, waiting: [Waiting]) {
        self.holder = holder
        self.heldSince = heldSince
        self.waiting = waiting
    }
}
