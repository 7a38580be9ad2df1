import Foundation
import NeuroAPI
import Synchronization

/// The live ``GameActivityLog`` of one game session, for an observer such as a dashboard.
///
/// A session records into it only when it was given one (``GameSession`` `activity:`), so a
/// host without an observer pays nothing: no lock, no copy. Recording is a short lock.
public final class GameActivity: Sendable {
    private let log: Mutex<GameActivityLog>

    /// Creates an empty activity.
    /// - Parameter capacity: how many contexts and actions to keep.
    public init(capacity: Int = 10) {
        log = Mutex(GameActivityLog(capacity: capacity))
    }

    /// A copy of the log as it is now.
    public var snapshot: GameActivityLog { log.withLock { $0 } }

    /// Takes the result latencies recorded since the last call.
    public func takeLatencies() -> [Duration] { log.withLock { $0.takeLatencies() } }

    /// Records what the session sent (context messages; other commands are ignored).
    public func sent(_ command: GameCommand) {
        guard case .context(let message, let isSilent) = command else { return }
        let now = Date()
        log.withLock { $0.contextSent(message, isSilent: isSilent, at: now) }
    }

    /// Records that an action reached the game.
    public func actionArrived(_ action: NeuroAction) {
        let now = ContinuousClock.now
        log.withLock { $0.actionArrived(id: action.id, at: now) }
    }

    /// Records an action's result.
    public func actionAnswered(_ action: NeuroAction, result: ActionResult) {
        let (date, instant) = (Date(), ContinuousClock.now)
        log.withLock { $0.actionAnswered(action, result: result, at: date, instant: instant) }
    }
}
