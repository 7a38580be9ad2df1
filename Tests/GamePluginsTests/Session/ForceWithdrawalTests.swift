import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

/// Forces withdrawn when the game's turn ends by other means, while holding or waiting for the slot.
@Suite struct ForceWithdrawalTests {
    let start = ContinuousClock.now

    func makeState() throws -> SessionCoreHarness<ShortcutGame> {
        SessionCoreHarness(plugin: try ShortcutGame(settings: .init(), seed: 0), isForceArbitrated: true)
    }

    @Test func aHeldForceWhoseActionsAreUnregisteredIsWithdrawnAndTheSlotGivenBack() throws {
        var state = try makeState()
        _ = state.connected()
        _ = state.forceSlotGranted(ticket: 0)
        let effects = state.handle(NeuroAction(id: "1", name: "walk"), at: start).effects
        #expect(
            effects == [
                .send(.unregisterActions(["shortcut"])),
                .send(.actionResult(.success(id: "1", message: "Walked on."))),
                .releaseForceSlot,
            ])
        #expect(state.pendingForce == nil)
        #expect(!state.holdsForceSlot)
    }

    @Test func aWaitingForceNoLongerWantedIsWithdrawn() throws {
        var state = try makeState()
        _ = state.connected()
        #expect(state.forceSlotRequest == 0)
        let effects = state.handle(NeuroAction(id: "1", name: "walk"), at: start).effects
        #expect(effects.last == .releaseForceSlot)
        #expect(state.forceSlotRequest == nil)
        // The grant that may already be on its way is ignored.
        #expect(state.forceSlotGranted(ticket: 0).isEmpty)
    }
}
