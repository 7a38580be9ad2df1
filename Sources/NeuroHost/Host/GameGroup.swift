import GameSessions
import Logging
import ServiceLifecycle

/// The host's games as one service of its `ServiceGroup`: every supervisor runs at once and,
/// at the graceful shutdown, every game says goodbye at once.
///
/// A `ServiceGroup` stops its services one by one, in reverse order, each after the one before
/// has returned; a thousand games saying goodbye in turn would take a thousand close
/// handshakes. So the games are one service of the host's group, a group of their own that
/// stops in parallel, and the group orders the rest: the games first, then the force slots'
/// timeout checks, then the watch for abandoned forces (``GameHost/run()``).
struct GameGroup<C: Clock>: Service where C.Duration == Duration {
    let supervisors: [GameSupervisor<C>]
    /// The slots to close at the graceful shutdown, before any game says goodbye.
    let forceSlots: [ForceSlot]
    /// Whether the group runs until the graceful shutdown even when every game gave up:
    /// relayed games come and go (and their force slot runs with the group).
    let waitsForShutdown: Bool
    let logger: Logger

    func run() async {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { games in
                // Each supervisor sees the graceful shutdown itself (it is inherited).
                for supervisor in supervisors {
                    games.addTask { await supervisor.run() }
                }
                if waitsForShutdown {
                    games.addTask { try? await gracefulShutdown() }
                }
            }
        } onGracefulShutdown: { [forceSlots, logger] in
            logger.info("stopping every game")
            // Before any game says goodbye: a goodbye releases the slot, and a game still
            // waiting for it would otherwise force just before its own goodbye.
            for slot in forceSlots { slot.close() }
        }
    }
}

/// Work beside the games that runs until the graceful shutdown reaches it (the host's group
/// stops it after the games): a force slot's timeout checks, the watch for abandoned forces.
struct UntilGracefulShutdown: Service {
    let work: @Sendable () async -> Void

    func run() async {
        await cancelWhenGracefulShutdown(work)
    }
}
