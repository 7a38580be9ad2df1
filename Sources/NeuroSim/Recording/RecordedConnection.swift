/// The entries of one connection of a recording, in order.
package struct RecordedConnection: Sendable, Hashable {
    /// The connection's number in the recording.
    package var id: Int
    /// Its entries, in order.
    package var entries: [RecordedEntry]

    /// The game's title: the first one an entry carries; `nil` when the game never sent one.
    package var game: String? { entries.lazy.compactMap(\.game).first }

    /// The text frames the game sent, in order.
    package var framesToNeuro: [String] {
        entries.compactMap { entry in
            if case .frame(.toNeuro, let text) = entry.event { return text }
            return nil
        }
    }

    /// The text frames Neuro sent, in order.
    package var framesToGame: [String] {
        entries.compactMap { entry in
            if case .frame(.toGame, let text) = entry.event { return text }
            return nil
        }
    }
}
