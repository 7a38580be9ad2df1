import GamePlugins
import GameSessions
import NeuroAPI
import Testing

/// Texts name actions in backticks; on the wire those names carry the game's prefix, so that
/// Neuro never tries to call a name that is not registered.
@Suite struct ActionNameMappingTests {
    @Test(arguments: [
        ("Guess it with `guess`.", "Guess it with `guess_a_guess`."),
        ("`hit`, `stand`, or `double`", "`guess_a_hit`, `guess_a_stand`, or `guess_a_double`"),
        ("```\n X . O\n```", "```\n X . O\n```"),
        ("`X wins` and `3`", "`X wins` and `3`"),
        ("`bet` is not one of this game's names", "`bet` is not one of this game's names"),
        ("no backticks", "no backticks"),
        ("`unclosed guess", "`unclosed guess"),
        ("`a b` then `flag`", "`a b` then `guess_a_flag`"),
    ])
    func backtickedNamesGetThePrefix(text: String, expected: String) {
        let names: Set<String> = ["guess", "hit", "stand", "double", "flag"]
        #expect(ActionNameMapping(prefix: "guess_a_").render(text, actionNames: names) == expected)
    }

    @Test func withoutAPrefixTextsStayAsTheyAre() {
        #expect(ActionNameMapping.identity.render("Guess with `guess`.", actionNames: ["guess"]) == "Guess with `guess`.")
    }

    @Test func aForceMapsItsQueryAndState() {
        let force = ActionForce(query: "Play with `play`.", state: "Last: `play` at 2", actionNames: ["play"])
        let wire = ActionNameMapping(prefix: "ttt_").wireForce(force, actionNames: ["play"])
        #expect(wire.actionNames == ["ttt_play"])
        #expect(wire.query == "Play with `ttt_play`.")
        #expect(wire.state == "Last: `ttt_play` at 2")
    }
}
