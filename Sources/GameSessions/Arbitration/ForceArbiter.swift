import GamePlugins
import NeuroAPI

/// Decides which game may send a force now, when several games share one Neuro.
///
/// Neuro keeps one outstanding force per character, so a ``GameSession`` given an arbiter
/// asks it for the slot before each force, waits for the grant, and gives the slot back when
/// its force is answered, withdrawn, or its connection ends. Calls for one game arrive in the
/// order the game's core decided them. ``ForceSlot`` is the host's implementation.
public protocol ForceArbiter: Sendable {
    /// Asks for the slot on behalf of `game`; idempotent while the game waits or holds it.
    /// - Parameters:
    ///   - game: the game's title.
    ///   - priority: the force's priority; higher priorities are served first.
    ///   - ticket: returned with the grant, so the game can ignore a grant of an old request.
    func requestForceSlot(for game: String, priority: ForcePriority, ticket: Int)

    /// Gives the slot back, or withdraws a waiting request; does nothing otherwise.
    func releaseForceSlot(for game: String)

    /// Waits for the next word from the slot to `game`: a grant, or the request to withdraw
    /// the force it holds the slot with (the slot timed out).
    /// - Throws: `CancellationError` when the task is cancelled first.
    func waitForForceSlot(for game: String) async throws -> ForceSlotSignal

    /// Whether `game` is waiting for the slot now.
    func isWaitingForForceSlot(_ game: String) -> Bool
}
