import NeuroAPI
import Testing

@testable import NeuroRelay

@Suite struct RelayNamesTests {
    let names = RelayNames(prefix: "unity_")

    @Test func everyNameTheGameSendsGetsThePrefix() {
        let register = names.wire(.registerActions([Action(name: "jump", description: "Jump `jump`.")]), actionNames: ["jump"])
        // Descriptions are the game's own text: only names are rewritten.
        #expect(register == .registerActions([Action(name: "unity_jump", description: "Jump `jump`.")]))
        #expect(
            names.wire(.unregisterActions(["jump", "run"]), actionNames: []) == .unregisterActions(["unity_jump", "unity_run"]))
        let force = ActionForce(query: "Use `jump` or `fly`.", state: "`jump` is ready", actionNames: ["jump"])
        guard case .forceActions(let wired) = names.wire(.forceActions(force), actionNames: ["jump"]) else {
            Issue.record("not a force")
            return
        }
        #expect(wired.actionNames == ["unity_jump"])
        // Only the game's own names are rewritten; `fly` is not one of them.
        #expect(wired.query == "Use `unity_jump` or `fly`.")
        #expect(wired.state == "`unity_jump` is ready")
    }

    @Test func backtickedNamesInContextsAndResultsAreRewritten() {
        #expect(
            names.wire(.context(message: "Now `jump`!", isSilent: false), actionNames: ["jump"])
                == .context(message: "Now `unity_jump`!", isSilent: false))
        #expect(
            names.wire(.actionResult(.failure(id: "1", message: "Try `jump`.")), actionNames: ["jump"])
                == .actionResult(.failure(id: "1", message: "Try `unity_jump`.")))
        #expect(names.wire(.startup, actionNames: ["jump"]) == .startup)
    }

    @Test func neurosNamesMapBackOnlyWhenTheyAreTheGames() {
        #expect(names.gameName(ofWireName: "unity_jump") == "jump")
        #expect(names.gameName(ofWireName: "godot_jump") == nil)
    }
}
