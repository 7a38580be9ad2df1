/// Which end of a connection closed or dropped it; the `by` key of a recording line.
package enum RecordingSide: String, Sendable, Hashable, CaseIterable {
    /// Neuro (NeuroSim, or the server the host was connected to).
    case neuro
    /// The game.
    case game
}
