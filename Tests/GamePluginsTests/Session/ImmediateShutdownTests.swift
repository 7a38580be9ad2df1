import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

/// After `shutdown/immediate` is answered with `shutdown/ready`, a game forces nothing more on
/// that connection (NeuroSim's `forceAfterShutdownReady`; found by `neuro-bench soak`, where
/// games kept forcing between their `shutdown/ready` and Neuro closing them).
@Suite struct ImmediateShutdownTests {
    let start = ContinuousClock.now

    static func forces(_ effects: [SessionEffect]) -> [ActionForce] {
        effects.compactMap { effect in
            guard case .send(.forceActions(let force)) = effect else { return nil }
            return force
        }
    }

    @Test func theActionAnsweredAfterReadyIsNotFollowedByAForce() throws {
        var control = SessionCoreHarness(plugin: try DoorsGame(settings: .init(), seed: 0))
        #expect(Self.forces(control.connected()).count == 1)
        // Without the request, the answer to the forced action is followed by the next force.
        let answered = control.handle(NeuroAction(id: "1", name: "open", data: #"{"door":1}"#), at: start).effects
        #expect(Self.forces(answered).count == 1)

        var state = SessionCoreHarness(plugin: try DoorsGame(settings: .init(), seed: 0))
        _ = state.connected()
        #expect(state.immediateShutdownRequested() == [.save, .send(.shutdownReady)])
        let effects = state.handle(NeuroAction(id: "1", name: "open", data: #"{"door":1}"#), at: start).effects
        #expect(effects.contains(.send(.actionResult(.success(id: "1", message: "Opened door 1.")))))
        #expect(Self.forces(effects).isEmpty)
        #expect(state.wantedForce == nil)
        // Its actions stay registered: Neuro may still send one, and it is answered.
        #expect(state.registeredNames == ["open", "bonus"])
    }

    @Test func aSlotRequestNotYetGrantedIsWithdrawnAndALateGrantSendsNothing() throws {
        var state = SessionCoreHarness(plugin: try DoorsGame(settings: .init(), seed: 0), isForceArbitrated: true)
        #expect(state.connected().last == .requestForceSlot(.low, ticket: 0))
        #expect(state.immediateShutdownRequested() == [.save, .send(.shutdownReady), .releaseForceSlot])
        #expect(state.forceSlotRequest == nil)
        #expect(state.forceSlotGranted(ticket: 0).isEmpty)
        #expect(state.pendingForce == nil)
        #expect(!state.holdsForceSlot)
    }

    @Test func aNewConnectionForcesAgain() throws {
        var state = SessionCoreHarness(plugin: try DoorsGame(settings: .init(), seed: 0))
        _ = state.connected()
        _ = state.immediateShutdownRequested()
        #expect(Self.forces(state.connected()).count == 1)
    }
}
