import GamePlugins
import NeuroAPI
import NeuroSim
import Testing

@testable import NeuroPluginTesting

/// How the report is put together from what NeuroSim counted, and the context check on frames
/// written by hand.
@Suite struct ReportAssemblyTests {
    /// A session never accepts bad data (its connection answers it), so NeuroSim's events are
    /// the only way to see this check fail.
    @Test func badDataAnsweredWithSuccessIsAViolationOfItsStage() {
        let monitor = CheckMonitor()
        monitor.begin(.prefixedPlay, drops: [])
        monitor.record(.connected(connectionID: 4, peer: nil))
        let offSchema = NeuroAction(id: "sim-1", name: "call", data: #"{"side":"edge"}"#)
        let unknown = NeuroAction(id: "sim-2", name: "sim_unknown_action", data: nil)
        let notJSON = NeuroAction(id: "sim-3", name: "stand", data: #"{"oops": "#)
        let refused = NeuroAction(id: "sim-4", name: "call", data: #"{"side":7}"#)
        for action in [offSchema, unknown, notJSON, refused] {
            monitor.record(.actionSent(connectionID: 4, action: action, isForced: true, isBad: true))
        }
        for (id, isSuccess) in [("sim-1", true), ("sim-2", true), ("sim-3", true), ("sim-4", false)] {
            monitor.record(.resultReceived(connectionID: 4, result: ActionResult(id: id, isSuccess: isSuccess), latency: .zero))
        }
        let violations = PluginCheckRun<CoinFlip>.badDataViolations(monitor.snapshot.acceptedBadActions)
        // Not JSON for an action without a schema is ignored by design; the refusal is right.
        #expect(violations.map(\.rule) == [.badDataAccepted, .badDataAccepted])
        #expect(violations.allSatisfy { $0.stage == .prefixedPlay && $0.connectionID == 4 })
        #expect(violations.first?.message.contains(#"{"side":"edge"}"#) == true)
        #expect(violations.last?.message.contains("`sim_unknown_action`") == true)
    }

    @Test func contextMentionsMustBeWireNames() {
        let check = ContextMentionCheck(wireNames: ["coin_flip_call"])
        let recording = ConnectionRecording(
            stage: .prefixedPlay,
            sent: [
                GameCommand.context(message: "Use `coin_flip_call`; a `X` is no name.", isSilent: true).encoded(game: "C"),
                GameCommand.context(message: "Use `call`.", isSilent: true).encoded(game: "C"),
                GameCommand.context(message: "Use `call`.", isSilent: true).encoded(game: "C"),
            ], received: [])
        let problems = check.problems(in: recording)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("names `call`, which is no action of the game") == true)
    }

    @Test func everyKitRuleHasAnIDOfItsOwn() {
        let ids = PluginCheckRule.kitRules.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(PluginCheckRule.kitRules.allSatisfy { $0.conformanceRule == nil })
        #expect(PluginCheckRule(.duplicateResult).conformanceRule == .duplicateResult)
    }
}
