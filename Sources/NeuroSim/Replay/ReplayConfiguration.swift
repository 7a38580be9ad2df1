/// How ``NeuroSimReplay`` serves a recording. Every field has a default.
package struct ReplayConfiguration: Sendable, Hashable {
    /// The address to listen on.
    package var host = "127.0.0.1"
    /// The port to listen on; 0 picks a free one.
    package var port = 8000
    /// Sends Neuro's frames as soon as the game has sent what precedes them, skipping the
    /// recorded delays (`--fast`).
    package var isFast = false
    /// Stops after this long even when recorded connections are not done (`--duration`);
    /// `nil` allows the recording's own length plus a minute.
    package var duration: Duration?
    /// How long the game may take to send the frame the recording has next (counted from the
    /// step before) before that is a divergence (`<nothing in time>`).
    package var frameTimeout: Duration = .seconds(30)

    /// Creates the default configuration.
    package init() {}
}
