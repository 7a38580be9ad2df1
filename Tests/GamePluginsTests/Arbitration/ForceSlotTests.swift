import NeuroAPI
import NeuroTestSupport
import Testing

@testable import GamePlugins
@testable import GameSessions

/// The shared slot's async side: grants reach waiting games, cancellation, timeouts.
@Suite(.timeLimit(.minutes(1))) struct ForceSlotTests {
    @Test func aGrantReachesTheGameWaitingForIt() async throws {
        let slot = ForceSlot(handoffDelay: .zero)
        slot.requestForceSlot(for: "a", priority: .low, ticket: 1)
        slot.requestForceSlot(for: "b", priority: .low, ticket: 2)
        #expect(try await slot.waitForForceSlot(for: "a") == .granted(ticket: 1))
        #expect(slot.isWaitingForForceSlot("b"))
        let granted = try await withThrowingTaskGroup(of: ForceSlotSignal.self) { group in
            group.addTask { try await slot.waitForForceSlot(for: "b") }
            slot.releaseForceSlot(for: "a")
            return try await group.next()
        }
        #expect(granted == .granted(ticket: 2))
        #expect(slot.holder == "b")
        #expect(!slot.isWaitingForForceSlot("b"))
    }

    /// The host closes the slot when its games begin to stop: a goodbye frees the slot, and
    /// the game waiting for it gets no grant (it would force just before its own goodbye).
    @Test func aClosedSlotGrantsNobodyWhenItsHolderSaysGoodbye() async throws {
        let slot = ForceSlot(handoffDelay: .zero)
        slot.requestForceSlot(for: "a", priority: .low, ticket: 1)
        slot.requestForceSlot(for: "b", priority: .low, ticket: 2)
        #expect(try await slot.waitForForceSlot(for: "a") == .granted(ticket: 1))
        #expect(!slot.isClosed)
        slot.close()
        #expect(slot.isClosed)
        slot.releaseForceSlot(for: "a")
        #expect(slot.holder == nil)
        #expect(slot.isWaitingForForceSlot("b"))
        #expect(slot.expireOverdueHolder(at: .now + .seconds(3600)) == nil)
        slot.serveWaitingGame(at: .now + .seconds(3600))
        #expect(slot.holder == nil)
    }

    @Test func aCancelledWaitThrowsAndLeavesTheQueueAlone() async throws {
        let slot = ForceSlot(handoffDelay: .zero)
        slot.requestForceSlot(for: "a", priority: .low, ticket: 0)
        slot.requestForceSlot(for: "b", priority: .low, ticket: 0)
        let outcome = await withTaskGroup(of: Result<ForceSlotSignal, any Error>.self) { group in
            group.addTask {
                do { return .success(try await slot.waitForForceSlot(for: "b")) } catch { return .failure(error) }
            }
            group.cancelAll()
            return await group.next()
        }
        #expect(throws: CancellationError.self) { _ = try outcome?.get() }
        #expect(slot.waitingGames == ["b"])
        // The grant comes later and is kept for the next wait.
        slot.releaseForceSlot(for: "a")
        #expect(try await slot.waitForForceSlot(for: "b") == .granted(ticket: 0))
    }

    @Test func aDisconnectedHolderFreesTheSlotAndAWaitingOneIsWithdrawn() async throws {
        let slot = ForceSlot(handoffDelay: .zero)
        for game in ["a", "b", "c"] { slot.requestForceSlot(for: game, priority: .low, ticket: 0) }
        slot.releaseForceSlot(for: "b")  // b disconnected while waiting
        slot.releaseForceSlot(for: "a")  // a disconnected while holding
        #expect(slot.holder == "c")
        #expect(slot.waitingGames.isEmpty)
    }

    @Test func anOverdueHolderIsAskedToWithdrawAndTheSlotMovesWhenItReleases() async throws {
        let slot = ForceSlot(timeout: .seconds(30), withdrawalTimeout: .seconds(5), handoffDelay: .zero)
        let start = ContinuousClock.now
        slot.requestForceSlot(for: "a", priority: .low, ticket: 0)
        slot.requestForceSlot(for: "b", priority: .low, ticket: 0)
        #expect(try await slot.waitForForceSlot(for: "a") == .granted(ticket: 0))
        #expect(slot.expireOverdueHolder(at: start + .seconds(10)) == nil)
        // Overdue: a is asked to withdraw its force, and keeps the slot until it has.
        #expect(slot.expireOverdueHolder(at: start + .seconds(31)) == nil)
        #expect(try await slot.waitForForceSlot(for: "a") == .withdrawForce)
        #expect(slot.holder == "a")
        #expect(slot.expireOverdueHolder(at: start + .seconds(32)) == nil)
        // a withdrew its force and released the slot: b gets it.
        slot.releaseForceSlot(for: "a")
        #expect(slot.holder == "b")
        #expect(try await slot.waitForForceSlot(for: "b") == .granted(ticket: 0))
    }

    @Test func anOverdueHolderThatNeverWithdrawsLosesTheSlot() async throws {
        let slot = ForceSlot(timeout: .seconds(30), withdrawalTimeout: .seconds(5), handoffDelay: .zero)
        let start = ContinuousClock.now
        slot.requestForceSlot(for: "a", priority: .low, ticket: 0)
        slot.requestForceSlot(for: "b", priority: .low, ticket: 0)
        #expect(slot.expireOverdueHolder(at: start + .seconds(31)) == nil)
        #expect(slot.expireOverdueHolder(at: start + .seconds(34)) == nil)
        #expect(slot.expireOverdueHolder(at: start + .seconds(36)) == "a")
        #expect(slot.holder == "b")
        // The late answer of a's force releases nothing.
        slot.releaseForceSlot(for: "a")
        #expect(slot.holder == "b")
    }

    @Test func theNextForceWaitsForTheHandoffGap() async throws {
        let gap = Duration.milliseconds(30)
        let slot = ForceSlot(handoffDelay: gap)
        slot.requestForceSlot(for: "a", priority: .low, ticket: 0)
        slot.requestForceSlot(for: "b", priority: .low, ticket: 0)
        let released = ContinuousClock.now
        slot.releaseForceSlot(for: "a")
        _ = try await slot.waitForForceSlot(for: "b")
        #expect(ContinuousClock.now - released >= gap)
    }
}

/// ``ForceSlot/runTimeouts()`` on an injected clock: it sleeps until each deadline, exactly.
@Suite(.timeLimit(.minutes(1)))
struct ForceSlotTimeoutTests {
    @Test func theTimeoutsSleepUntilEachDeadlineThenMoveTheSlotOn() async throws {
        let clock = ManualClock()
        let slot = ForceSlot(timeout: .seconds(30), withdrawalTimeout: .seconds(5), handoffDelay: .zero, clock: clock)
        var sleeps = clock.sleeps.makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await slot.runTimeouts() }
            slot.requestForceSlot(for: "a", priority: .low, ticket: 0)
            slot.requestForceSlot(for: "b", priority: .low, ticket: 1)
            let signal1 = try await slot.waitForForceSlot(for: "a")
            #expect(signal1 == .granted(ticket: 0))
            // Granted at 0: the check sleeps until a's deadline, with no poll before it.
            #expect(await clock.nextDeadline(in: &sleeps) == ManualClock.Instant(offset: .seconds(30)))
            clock.advance(to: ManualClock.Instant(offset: .seconds(30)))
            let signal2 = try await slot.waitForForceSlot(for: "a")
            #expect(signal2 == .withdrawForce)
            #expect(slot.holder == "a")
            // a does not withdraw: the check sleeps until its time to withdraw is over.
            #expect(await clock.nextDeadline(in: &sleeps) == ManualClock.Instant(offset: .seconds(35)))
            clock.advance(to: ManualClock.Instant(offset: .seconds(35)))
            let signal3 = try await slot.waitForForceSlot(for: "b")
            #expect(signal3 == .granted(ticket: 1))
            #expect(slot.holder == "b")
            // b's deadline counts from its grant, on the same clock.
            #expect(await clock.nextDeadline(in: &sleeps) == ManualClock.Instant(offset: .seconds(65)))
            group.cancelAll()
        }
    }

    @Test func inTurnsTheSlotSleepsUntilTheTurnWaitEndsThenServesTheGameWaiting() async throws {
        let clock = ManualClock()
        let slot = ForceSlot(
            timeout: .seconds(30), handoffDelay: .zero, order: .turns(["a", "b"], wait: .seconds(1)), clock: clock)
        var sleeps = clock.sleeps.makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await slot.runTimeouts() }
            // It is "a"'s turn; "b" asks first and waits for it.
            slot.requestForceSlot(for: "b", priority: .low, ticket: 7)
            #expect(slot.holder == nil)
            #expect(await clock.nextDeadline(in: &sleeps) == ManualClock.Instant(offset: .seconds(1)))
            clock.advance(to: ManualClock.Instant(offset: .seconds(1)))
            let signal = try await slot.waitForForceSlot(for: "b")
            #expect(signal == .granted(ticket: 7))
            #expect(slot.holder == "b")
            // Now the check sleeps until b's deadline.
            #expect(await clock.nextDeadline(in: &sleeps) == ManualClock.Instant(offset: .seconds(31)))
            group.cancelAll()
        }
    }
}
