import Synchronization
import Testing

@testable import NeuroProtocol

/// The one "sleep until a deadline or until woken" of the package.
@Suite(.timeLimit(.minutes(1))) struct WakeSignalTests {
    final class Owner: Sendable {
        let state = Mutex(WakeSignal())
        let clock = ElapsedClock(ContinuousClock())

        func sleep(until deadline: Duration?) async -> WakeSignal.Ending {
            await WakeSignal.sleep(until: deadline, on: clock) { await self.state.waitUntilRaised(\.self) }
        }

        func raise() { state.withLock { $0.raise() }?.resume(returning: true) }
    }

    @Test func aRaiseBeforeTheSleepIsKeptOnceForIt() async {
        let owner = Owner()
        owner.raise()
        owner.raise()
        #expect(owner.state.withLock { $0.isRaised })
        #expect(await owner.sleep(until: nil) == .raised)
        // Two raises while nobody slept are one: the next sleep waits for its deadline.
        #expect(!owner.state.withLock { $0.isRaised })
        #expect(await owner.sleep(until: owner.clock.now()) == .deadline)
    }

    @Test func aRaiseWakesASleeperLongBeforeItsDeadline() async {
        let owner = Owner()
        async let ending = owner.sleep(until: owner.clock.now() + .seconds(3600))
        owner.raise()
        #expect(await ending == .raised)
    }

    @Test func aLoweredRaiseDoesNotWakeTheNextSleep() async {
        let owner = Owner()
        owner.raise()
        owner.state.withLock { $0.lower() }
        #expect(await owner.sleep(until: owner.clock.now() + .milliseconds(1)) == .deadline)
    }

    @Test func cancellingASleeperEndsItWithoutARaise() async {
        let owner = Owner()
        // Unstructured: the test cancels it from outside.
        let sleeper = Task { await owner.sleep(until: nil) }
        sleeper.cancel()
        #expect(await sleeper.value == .cancelled)
        #expect(!owner.state.withLock { $0.isRaised })
    }
}
