import GamePlugins
import Logging
import NeuroAPI
import Synchronization

/// The one force slot of a Neuro character, shared by every game that connects to it: the
/// ``ForceArbiter`` the host creates per Neuro URL.
///
/// The queue rules are ``ForceQueue``'s. On top of them, the slot hands grants to waiting
/// games, and asks a holder that exceeds its timeout to withdraw its force before the slot
/// moves on (``expireOverdueHolder(at:)``, run by ``runTimeouts()``, which sleeps on the
/// injected clock until the next deadline), so that two forces are never outstanding at one
/// Neuro.
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
/// let session = GameSession(title: "Hangman", plugin: hangman, options: GameSessionOptions(forceArbiter: slot))
/// ```
public final class ForceSlot: ForceArbiter {
    private struct State {
        var queue: ForceQueue<String>
        /// Signals not yet picked up by ``ForceSlot/waitForForceSlot(for:)``: game → signal.
        var undelivered: [String: ForceSlotSignal] = [:]
        /// Games in ``ForceSlot/waitForForceSlot(for:)``; `nil` wakes one as cancelled.
        var waiters = Waiters<String, ForceSlotSignal?>()
        /// Raised when the slot was granted, or began to wait for a turn, since
        /// ``ForceSlot/runTimeouts()`` last looked: its next deadline may have moved.
        var newDeadline = WakeSignal()
        /// The overdue holder asked to withdraw its force, and when.
        var revocation: (game: String, at: ContinuousClock.Instant)?
        /// No grant is used before this instant (the handoff gap).
        var nextForceNotBefore: ContinuousClock.Instant?
        /// The waits of the grants since ``ForceSlot/takeRecordedWaits()``, when recorded.
        var recordedWaits: [ForceSlotWait] = []
        /// Whether grants record their waits (an observer such as a dashboard drains them).
        var recordsWaits = false

        /// Records a grant's wait for an observer; bounded: when full, the older half goes.
        mutating func record(_ grant: ForceQueue<String>.Grant) {
            guard recordsWaits else { return }
            if recordedWaits.count >= 4096 { recordedWaits.removeFirst(2048) }
            recordedWaits.append(ForceSlotWait(game: grant.claimant, waited: grant.waited))
        }

        /// Hands `signal` to the game: returns its waiting task to resume (outside the lock),
        /// or keeps the signal for its next wait.
        mutating func send(_ signal: ForceSlotSignal, to game: String) -> Waiters<String, ForceSlotSignal?>.Waiter? {
            if let waiter = waiters.take(game) { return waiter }
            undelivered[game] = signal
            return nil
        }

        /// Notes a new deadline (a grant, or a turn wait begun) for ``ForceSlot/runTimeouts()``:
        /// returns its waiting task to resume.
        mutating func noteNewDeadline() -> Waiters<Int, Bool>.Waiter? {
            newDeadline.raise()
        }

        /// When ``ForceSlot/runTimeouts()`` next has something to do: the holder's deadline,
        /// or the end of its time to withdraw, or the end of a turn wait; `nil` while nobody
        /// holds the slot and nobody waits for a turn.
        func nextTimeout(withdrawalTimeout: Duration) -> ContinuousClock.Instant? {
            guard let holder = queue.holder?.claimant, let deadline = queue.deadline else { return queue.turnDeadline }
            if let revocation, revocation.game == holder { return revocation.at + withdrawalTimeout }
            return deadline
        }
    }

    /// How long a game may hold the slot before it is asked to withdraw its force.
    public var timeout: Duration { state.withLock { $0.queue.timeout } }
    /// How long an overdue holder has to withdraw its force before the slot is freed anyway.
    public let withdrawalTimeout: Duration
    /// The gap between one force ending and the next one being sent.
    public let handoffDelay: Duration
    private let state: Mutex<State>
    /// The injected clock; ``ForceQueue`` keeps continuous instants, counted from `origin`.
    private let clock: ElapsedClock
    private let origin = ContinuousClock.now
    private let logger: Logger

    /// Creates a free slot.
    /// - Parameters:
    ///   - timeout: how long a game may hold the slot (a force Neuro never answers).
    ///   - withdrawalTimeout: how long an overdue holder has to withdraw its force before the
    ///     slot is freed anyway (a game that no longer answers).
    ///   - handoffDelay: the gap between one force ending and the next being sent.
    ///   - maximumOvertakes: how often a waiting force may be overtaken by higher priorities.
    ///   - order: the order of waiting games of one priority: arrival (the default), or turns
    ///     in a fixed order, which makes the order of forces repeatable (``ForceQueue/Order``).
    ///   - clock: the clock of every timeout and of the handoff gap; tests pass a manual one.
    ///   - logger: where grants (debug) and timeouts (warning) are logged.
    ///   - recordsWaits: whether each grant records how long its game waited, for
    ///     ``takeRecordedWaits()`` (a dashboard); off, nothing is kept.
    public init(
        timeout: Duration = .seconds(60),
        withdrawalTimeout: Duration = .seconds(5),
        handoffDelay: Duration = .milliseconds(50),
        maximumOvertakes: Int = 4,
        order: ForceQueue<String>.Order = .arrival,
        clock: some Clock<Duration> = ContinuousClock(),
        recordsWaits: Bool = false,
        logger: Logger = Logger(label: "neuro.force-slot")
    ) {
        self.handoffDelay = handoffDelay
        self.withdrawalTimeout = withdrawalTimeout
        self.clock = ElapsedClock(clock)
        self.logger = logger
        var initial = State(queue: ForceQueue(timeout: timeout, maximumOvertakes: maximumOvertakes, order: order))
        initial.recordsWaits = recordsWaits
        state = Mutex(initial)
    }

    /// What the slot looks like now: holder, since when, and who waits since when.
    public var snapshot: ForceSlotSnapshot {
        state.withLock { state in
            ForceSlotSnapshot(
                holder: state.queue.holder?.claimant, heldSince: state.queue.heldSince,
                waiting: state.queue.waitingRequests.map { ForceSlotSnapshot.Waiting(game: $0.claimant, since: $0.since) })
        }
    }

    /// The waits recorded since the last call (with `recordsWaits`), oldest first.
    public func takeRecordedWaits() -> [ForceSlotWait] {
        state.withLock { state in
            defer { state.recordedWaits.removeAll(keepingCapacity: true) }
            return state.recordedWaits
        }
    }

    /// The game holding the slot, if any.
    public var holder: String? { state.withLock { $0.queue.holder?.claimant } }
    /// The games waiting for the slot, in arrival order.
    public var waitingGames: [String] { state.withLock { $0.queue.waitingClaimants } }

    public func requestForceSlot(for game: String, priority: ForcePriority, ticket: Int) {
        let now = currentInstant()
        update { $0.queue.request(game, priority: priority, ticket: ticket, at: now) }
    }

    /// Serves a waiting game once the slot has waited its turn wait for the game whose turn
    /// it was (``ForceQueue/Order/turns(_:wait:)``; run by ``runTimeouts()``).
    /// - Parameter now: the time of the check; the injected clock's now by default.
    public func serveWaitingGame(at now: ContinuousClock.Instant? = nil) {
        let now = now ?? currentInstant()
        update { state in
            guard let deadline = state.queue.turnDeadline, deadline <= now else { return nil }
            return state.queue.serveWaiting(at: now)
        }
    }

    public func releaseForceSlot(for game: String) {
        let now = currentInstant()
        update { state in
            state.undelivered[game] = nil
            if state.revocation?.game == game { state.revocation = nil }
            let wasHolder = state.queue.holder?.claimant == game
            let grant = state.queue.release(game, at: now)
            if wasHolder { state.nextForceNotBefore = now + handoffDelay }
            return grant
        }
    }

    public func waitForForceSlot(for game: String) async throws -> ForceSlotSignal {
        let signal = await state.wait(in: \.waiters, as: game, ifCancelled: .some(nil)) { state in
            state.undelivered.removeValue(forKey: game).map { .some($0) }
        }
        guard let signal else { throw CancellationError() }
        if case .granted = signal, let notBefore = state.withLock({ $0.nextForceNotBefore }), notBefore > currentInstant() {
            try await clock.sleep(until: origin.duration(to: notBefore))
        }
        return signal
    }

    /// Grants the slot to nobody from now on (``ForceQueue/close()``): the host calls it when
    /// its games begin to stop, so that a game waiting for the slot does not force in the
    /// moment between another game's goodbye, which releases the slot, and its own.
    public func close() {
        state.withLock { $0.queue.close() }
    }

    /// Whether the slot grants nobody any more (``close()``).
    public var isClosed: Bool { state.withLock { $0.queue.isClosed } }

    public func isWaitingForForceSlot(_ game: String) -> Bool {
        state.withLock { $0.queue.isWaiting(game) }
    }

    /// Deals with a holder that kept the slot past the timeout (a force Neuro never answers):
    /// first it is asked to withdraw its force (``ForceSlotSignal/withdrawForce``), and the
    /// slot moves on when it releases the slot, once the withdrawal is written. A holder that
    /// has not released it ``withdrawalTimeout`` later loses it anyway.
    /// - Parameter now: the time of the check; the injected clock's now by default, as an
    ///   instant of the slot's timeline (see ``runTimeouts()``).
    /// - Returns: the game that lost the slot, if any.
    @discardableResult
    public func expireOverdueHolder(at now: ContinuousClock.Instant? = nil) -> String? {
        let now = now ?? currentInstant()
        var expired: String?
        var asked: (game: String, waiter: Waiters<String, ForceSlotSignal?>.Waiter?)?
        typealias Granted = (grant: ForceQueue<String>.Grant, waiter: Waiters<String, ForceSlotSignal?>.Waiter?)
        let granted = state.withLock { state -> Granted? in
            guard let holder = state.queue.holder?.claimant, let deadline = state.queue.deadline, deadline <= now else {
                return nil
            }
            guard let revocation = state.revocation, revocation.game == holder else {
                state.revocation = (holder, now)
                asked = (holder, state.send(.withdrawForce, to: holder))
                return nil
            }
            guard now - revocation.at >= withdrawalTimeout else { return nil }
            state.revocation = nil
            state.undelivered[holder] = nil
            let (lost, grant) = state.queue.expire(at: now)
            expired = lost
            if lost != nil { state.nextForceNotBefore = now + handoffDelay }
            guard let grant else { return nil }
            state.record(grant)
            return (grant, state.send(.granted(ticket: grant.ticket), to: grant.claimant))
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
        if let granted {
            logger.debug("granted the force slot", metadata: ["neuro.game": "\(granted.grant.claimant)"])
            granted.waiter?.resume(returning: .granted(ticket: granted.grant.ticket))
        }
        return expired
    }

    /// Checks for an overdue holder, and for the end of a turn wait, until cancelled (a child
    /// task of the host): sleeps on the injected clock until the holder's deadline (or the
    /// end of its time to withdraw, or of the turn wait), or, while there is none, until the
    /// slot is granted or begins to wait for a turn. Either wakes it early: the new deadline
    /// may come before the one it sleeps for.
    public func runTimeouts() async {
        while !Task.isCancelled {
            let next = state.withLock { $0.nextTimeout(withdrawalTimeout: withdrawalTimeout) }
            _ = await WakeSignal.sleep(until: next.map(origin.duration(to:)), on: clock) {
                await self.state.waitUntilRaised(\.newDeadline)
            }
            if Task.isCancelled { return }
            expireOverdueHolder()
            serveWaitingGame()
        }
    }

    /// The injected clock's now, as the continuous instant ``ForceQueue`` keeps.
    private func currentInstant() -> ContinuousClock.Instant { origin + clock.now() }

    /// Applies a change and hands out the grant it caused; wakes ``runTimeouts()`` for a new
    /// deadline (a grant, or a turn wait that began).
    private func update(_ change: (inout State) -> ForceQueue<String>.Grant?) {
        typealias Woken = (
            grant: ForceQueue<String>.Grant?, waiter: Waiters<String, ForceSlotSignal?>.Waiter?,
            timeoutCheck: Waiters<Int, Bool>.Waiter?
        )
        let woken = state.withLock { state -> Woken in
            let turnDeadline = state.queue.turnDeadline
            guard let grant = change(&state) else {
                let beganTurnWait = state.queue.turnDeadline != nil && state.queue.turnDeadline != turnDeadline
                return (nil, nil, beganTurnWait ? state.noteNewDeadline() : nil)
            }
            state.record(grant)
            return (grant, state.send(.granted(ticket: grant.ticket), to: grant.claimant), state.noteNewDeadline())
        }
        if let grant = woken.grant {
            logger.debug("granted the force slot", metadata: ["neuro.game": "\(grant.claimant)"])
            woken.waiter?.resume(returning: .granted(ticket: grant.ticket))
        }
        woken.timeoutCheck?.resume(returning: true)
    }
}
