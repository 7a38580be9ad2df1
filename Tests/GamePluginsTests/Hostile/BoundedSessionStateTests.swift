import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

/// What the session core remembers does not grow with the actions Neuro sends: late and
/// unknown actions are answered without being stored, and unregistered names are forgotten
/// after the window.
@Suite struct BoundedSessionStateTests {
    @Test func tenThousandLateAndUnknownActionsLeaveTheCoreBounded() throws {
        var core = SessionCoreHarness(plugin: try DoorsGame(settings: .init(), seed: 0), recentWindow: .seconds(10))
        _ = core.connected()
        let start = ContinuousClock.now
        let (taken, _) = core.handle(NeuroAction(id: "bonus", name: "bonus"), at: start)
        #expect(taken.contains(.send(.unregisterActions(["bonus"]))))
        #expect(core.recentlyUnregisteredCount == 1)

        for index in 0..<10_000 {
            let name = index.isMultiple(of: 2) ? "bonus" : "made_up_\(index)"
            let (effects, error) = core.handle(NeuroAction(id: "late\(index)", name: name), at: start + .milliseconds(index / 2))
            #expect(error == nil)
            #expect(effects.count == 1, "one failure result per action, nothing else")
        }
        #expect(core.recentlyUnregisteredCount == 1)
        #expect(core.registered.count == 1)
        #expect(core.statistics.lateActions == 5_000)
        #expect(core.statistics.unknownActions == 5_000)

        // After the window the name is forgotten; a late action is now simply unknown.
        let (effects, _) = core.handle(NeuroAction(id: "after", name: "bonus"), at: start + .seconds(11))
        #expect(core.recentlyUnregisteredCount == 0)
        guard case .send(.actionResult(let result))? = effects.first else {
            Issue.record("expected a result, got \(effects)")
            return
        }
        #expect(result.message?.hasPrefix("Unknown action \"bonus\"") == true)
    }
}
