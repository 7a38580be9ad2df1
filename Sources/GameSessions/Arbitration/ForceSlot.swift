import GamePlugins
import Logging
import NeuroAPI
import Synchronization

/// The one force slot of a Neuro character, shared by every game that connects to it: the
/// ``ForceArbiter`` the host creates per Neuro URL.
///
/// The queue rules are ``ForceQueue``'s. On top of them, the slot hands grants to waiting
/// games, and asks a holder that exceeds its timeout to withdraw its force before the slot
/// moves on (``expireOverdueHolder(at:)``, run by ``runTimeouts()``), so that two forces are
/// never outstanding at one Neuro.
///
/// **The force hand-off**, the one place it is stated: Neuro reads each game's connection on
/// its own, so another game's force must not reach her before the result that answered this
/// game's force. Two steps guarantee it, in this order:
/// 1. the holder releases the slot only once that result is *written* to its connection
///    (``GameSession`` sends it with `OutgoingStep/afterWritten(_:)` in front of the
///    release; `GameSessionArbitrationTests.theResultIsWrittenBeforeTheSlotGoesToAnotherGame`
///    fails if the order breaks);
/// 2. the next grant is used only after ``handoffDelay`` (default 50 ms), for a Neuro that
///    reads the two connections at different speeds.
/// ```swift
/// let slot = ForceSlot(timeout: .seconds(60))
/// let session = GameSession(title: "Hangman", plugin: hangman, forceArbiter: slot)
/// ```
public final class ForceSlot: ForceArbiter {
    private struct State {
        var queue: ForceQueue<String>
        /// Signals not yet picked up by ``waitForForceSlot(for:)``: game → signal.
        var undelivered: [String: ForceSlotSignal] = [:]
        var waiters: [String: CheckedContinuation<ForceSlotSignal, any Error>] = [:]
        /// The overdue holder asked to withdraw its force, and when.
        var revocation: (game: String, at: ContinuousClock.Instant)?
        /// No grant is used before this instant (the handoff gap).
        var nextForceNotBefore: ContinuousClock.Instant?
    }

    /// How long a game may hold the slot before it is asked to withdraw its force.
    public var timeout: Duration { state.withLock { $0.queue.timeout } }
    /// How long an overdue holder has to withdraw its force before the slot is freed anyway.
    public let withdrawalTimeout: Duration
    /// The gap between one force ending and the next one being sent.
    public let handoffDelay: Duration
    private let state: Mutex<State>
    private let logger: Logger

    /// Creates a free slot.
    /// - Parameters:
    ///   - timeout: how long a game may hold the slot (a force Neuro never answers).
    ///   - withdrawalTimeout: how long an overdue holder has to withdraw its force before the
    ///     slot is freed anyway (a game that no longer answers).
    ///   - handoffDelay: the gap between one force ending and the next being sent.
    ///   - maximumOvertakes: how often a waiting force may be overtaken by higher priorities.
    ///   - logger: where grants (debug) and timeouts (warning) are logged.
    public init(
        timeout: Duration = .seconds(60),
        withdrawalTimeout: Duration = .seconds(5),
        handoffDelay: Duration = .milliseconds(50),
        maximumOvertakes: Int = 4,
        logger: Logger = Logger(label: "neuro.force-slot")
    ) {
        self.handoffDelay = handoffDelay
        self.withdrawalTimeout = withdrawalTimeout
        self.logger = logger
        state = Mutex(State(queue: ForceQueue(timeout: timeout, maximumOvertakes: maximumOvertakes)))
    }

    /// The game holding the slot, if any.
    public var holder: String? { state.withLock { $0.queue.holder?.claimant } }
    /// The games waiting for the slot, in arrival order.
    public var waitingGames: [String] { state.withLock { $0.queue.waitingClaimants } }

    public func requestForceSlot(for game: String, priority: ForcePriority, ticket: Int) {
        update { $0.queue.request(game, priority: priority, ticket: ticket, at: .now) }
    }

    public func releaseForceSlot(for game: String) {
        update { state in
            state.undelivered[game] = nil
            if state.revocation?.game == game { state.revocation = nil }
            let wasHolder = state.queue.holder?.claimant == game
            let grant = state.queue.release(game, at: .now)
            if wasHolder { state.nextForceNotBefore = .now + handoffDelay }
            return grant
        }
    }

    public func waitForForceSlot(for game: String) async throws -> ForceSlotSignal {
        let signal = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ForceSlotSignal, any Error>) in
                let ready = state.withLock { state -> Result<ForceSlotSignal, any Error>? in
                    if let signal = state.undelivered.removeValue(forKey: game) { return .success(signal) }
                    // Checked under the lock: a cancellation handler that ran first found no waiter.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters[game] = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: game) }?.resume(throwing: CancellationError())
        }
        if case .granted = signal, let notBefore = state.withLock({ $0.nextForceNotBefore }), notBefore > .now {
            try await ContinuousClock().sleep(until: notBefore)
        }
        return signal
    }

    public func isWaitingForForceSlot(_ game: String) -> Bool {
        state.withLock { $0.queue.isWaiting(game) }
    }

    /// Deals with a holder that kept the slot past the timeout (a force Neuro never answers):
    /// first it is asked to withdraw its force (``ForceSlotSignal/withdrawForce``), and the
    /// slot moves on when it releases the slot, once the withdrawal is written. A holder that
    /// has not released it ``withdrawalTimeout`` later loses it anyway.
    /// - Returns: the game that lost the slot, if any.
    @discardableResult
    public func expireOverdueHolder(at now: ContinuousClock.Instant = .now) -> String? {
        var expired: String?
        var asked: (game: String, waiter: CheckedContinuation<ForceSlotSignal, any Error>?)?
        let grant = state.withLock { state -> (ForceQueue<String>.Grant, CheckedContinuation<ForceSlotSignal, any Error>?)? in
            guard let holder = state.queue.holder?.claimant, let deadline = state.queue.deadline, deadline <= now else {
                return nil
            }
            guard let revocation = state.revocation, revocation.game == holder else {
                state.revocation = (holder, now)
                if let waiter = state.waiters.removeValue(forKey: holder) {
                    asked = (holder, waiter)
                } else {
                    state.undelivered[holder] = .withdrawForce
                    asked = (holder, nil)
                }
                return nil
            }
            guard now - revocation.at >= withdrawalTimeout else { return nil }
            state.revocation = nil
            state.undelivered[holder] = nil
            let (lost, grant) = state.queue.expire(at: now)
            expired = lost
            if lost != nil { state.nextForceNotBefore = now + handoffDelay }
            guard let grant else { return nil }
            if let waiter = state.waiters.removeValue(forKey: grant.claimant) { return (grant, waiter) }
            state.undelivered[grant.claimant] = .granted(ticket: grant.ticket)
            return (grant, nil)
        }
        if let asked {
            logger.warning(
                "a force was not answered in time; asking its game to withdraw it",
                metadata: ["neuro.game": "\(asked.game)", "neuro.force.timeout": "\(timeout)"])
            asked.waiter?.resume(returning: .withdrawForce)
        }
        if let expired {
            logger.warning(
                "a game did not withdraw its overdue force; freeing the force slot",
                metadata: ["neuro.game": "\(expired)", "neuro.force.timeout": "\(timeout)"])
        }
        if let grant {
            logger.debug("granted the force slot", metadata: ["neuro.game": "\(grant.0.claimant)"])
            grant.1?.resume(returning: .granted(ticket: grant.0.ticket))
        }
        return expired
    }

    /// Checks for an overdue holder until cancelled (a child task of the host).
    public func runTimeouts() async {
        let interval = min(timeout / 10, .seconds(1))
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            expireOverdueHolder()
        }
    }

    /// Applies a change and hands out the grant it caused.
    private func update(_ change: (inout State) -> ForceQueue<String>.Grant?) {
        let (grant, waiter) = state.withLock {
            state -> (ForceQueue<String>.Grant?, CheckedContinuation<ForceSlotSignal, any Error>?) in
            guard let grant = change(&state) else { return (nil, nil) }
            if let waiter = state.waiters.removeValue(forKey: grant.claimant) { return (grant, waiter) }
            state.undelivered[grant.claimant] = .granted(ticket: grant.ticket)
            return (grant, nil)
        }
        guard let grant else { return }
        logger.debug("granted the force slot", metadata: ["neuro.game": "\(grant.claimant)"])
        waiter?.resume(returning: .granted(ticket: grant.ticket))
    }
}
