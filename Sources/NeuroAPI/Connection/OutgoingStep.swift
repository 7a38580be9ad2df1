/// One step of what a change to a connection sends: a command, or work that must happen at
/// exactly that point among the connection's frames.
///
/// ``NeuroClient/update(_:)->Value`` carries out the steps of every change in the order the changes
/// were made, whichever tasks made them, so a frame never overtakes one decided before it.
public enum OutgoingStep: Sendable {
    /// Send a command.
    case send(GameCommand)
    /// Run work at this point, before any later step (e.g. save the game, ask for the
    /// force slot). Without a connection, the work still runs.
    case then(@Sendable () async -> Void)
    /// Run work once the frame just before it in the same change (and with it every earlier
    /// frame) has been written to the connection (handed to the
    /// operating system), before any later step: e.g. hand the shared force slot to
    /// another game only once this game's result is on its way, so the next game's force
    /// cannot reach Neuro first. Without a connection, the work still runs.
    case afterWritten(@Sendable () async -> Void)
}
