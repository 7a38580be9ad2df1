import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

/// The core when several games share one force slot: it asks for the slot instead of
/// sending, sends only when granted, and gives the slot back after the result.
@Suite struct GameSessionStateArbitrationTests {
    let start = ContinuousClock.now
    let force = ActionForce(query: "Open a door.", state: "Opened: []", actionNames: ["open", "bonus"])

    func makeState() throws -> SessionCoreHarness<DoorsGame> {
        SessionCoreHarness(plugin: try DoorsGame(settings: .init(), seed: 0), isForceArbitrated: true)
    }

    @Test func aConnectionAsksForTheSlotInsteadOfSending() throws {
        var state = try makeState()
        let effects = state.connected()
        #expect(effects.last == .requestForceSlot(.low, ticket: 0))
        #expect(!effects.contains(.send(.forceActions(force))))
        #expect(state.pendingForce == nil)
        #expect(state.wantedForce == force)
        #expect(state.forceSlotRequest == 0)
    }

    @Test func theGrantSendsTheForceAfterItsActionsWereRegistered() throws {
        var state = try makeState()
        let connected = state.connected()
        #expect(connected.contains(.send(.registerActions([DoorsGame.open, DoorsGame.bonus]))))
        #expect(state.forceSlotGranted(ticket: 0) == [.send(.forceActions(force))])
        #expect(state.holdsForceSlot)
        #expect(state.pendingForce == force)
        #expect(state.statistics.forcesSent == 1)
    }

    @Test func theSlotIsGivenBackAfterTheSuccessfulResultAndAskedForAgain() throws {
        var state = try makeState()
        _ = state.connected()
        _ = state.forceSlotGranted(ticket: 0)
        let effects = state.handle(NeuroAction(id: "1", name: "bonus"), at: start).effects
        let result = try #require(effects.firstIndex(of: .send(.actionResult(.success(id: "1", message: "Bonus taken.")))))
        let release = try #require(effects.firstIndex(of: .releaseForceSlot))
        let unregister = try #require(effects.firstIndex(of: .send(.unregisterActions(["bonus"]))))
        #expect(unregister < result)
        #expect(result < release)
        #expect(effects.last == .requestForceSlot(.low, ticket: 1))
        #expect(!state.holdsForceSlot)
        #expect(state.pendingForce == nil)
    }

    @Test func aStaleGrantIsIgnored() throws {
        var state = try makeState()
        _ = state.connected()
        #expect(state.forceSlotGranted(ticket: 7).isEmpty)
        #expect(!state.holdsForceSlot)
        #expect(state.forceSlotRequest == 0)
    }

    @Test func grantsOfRequestsMadeBeforeAStopOrAReconnectAreStale() throws {
        var state = try makeState()
        _ = state.connected()
        _ = state.stopping()
        #expect(state.forceSlotGranted(ticket: 0).isEmpty)
        var reconnected = try makeState()
        _ = reconnected.connected()
        _ = reconnected.connected()  // a reconnect forgets the old request and asks again
        #expect(reconnected.forceSlotRequest == 1)
        #expect(reconnected.forceSlotGranted(ticket: 0).isEmpty)
        #expect(reconnected.forceSlotGranted(ticket: 1) == [.send(.forceActions(force))])
    }

    @Test func stoppingUnregistersThenGivesTheSlotBack() throws {
        var state = try makeState()
        _ = state.connected()
        _ = state.forceSlotGranted(ticket: 0)
        #expect(state.stopping() == [.save, .send(.unregisterActions(["open", "bonus"])), .releaseForceSlot])
        #expect(!state.holdsForceSlot)
    }

    @Test func aRejectedActionKeepsTheSlot() throws {
        var state = try makeState()
        _ = state.connected()
        _ = state.forceSlotGranted(ticket: 0)
        let effects = state.handle(NeuroAction(id: "1", name: "open", data: #"{"door":2}"#), at: start).effects
        #expect(effects == [.send(.actionResult(.failure(id: "1", message: "Door 2 is locked; open door 1 or 3.")))])
        #expect(state.holdsForceSlot)
    }

    @Test func withoutArbitrationTheForceIsSentInline() throws {
        var state = SessionCoreHarness(plugin: try DoorsGame(settings: .init(), seed: 0))
        let effects = state.connected()
        #expect(effects.last == .send(.forceActions(force)))
        #expect(!effects.contains(.releaseForceSlot))
        #expect(state.holdsForceSlot)
    }
}
