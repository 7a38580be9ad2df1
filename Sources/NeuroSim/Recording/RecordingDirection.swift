/// Which way a recorded frame went: to Neuro (sent by the game) or to the game (sent by Neuro).
///
/// The same on either side of the connection, so a recording made by `neuro-sim --record` and
/// one made by `neuro-host --record` read alike. Its raw value is the `direction` key of a
/// recording line.
package enum RecordingDirection: String, Sendable, Hashable, CaseIterable {
    /// A frame the game sent.
    case toNeuro
    /// A frame Neuro sent.
    case toGame
}
