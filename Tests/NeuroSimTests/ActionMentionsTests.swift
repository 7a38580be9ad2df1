import Testing

@testable import NeuroSim

@Suite struct ActionMentionsTests {
    @Test(arguments: [
        ("Play with `play`.", ["play"]),
        ("`hit`, `stand` or `hit` again", ["hit", "stand"]),
        ("```\nX . O\n```", []),
        ("`X wins` and `3` and `a_3-b`", ["a_3-b"]),
        ("`Jump` is not a name; `jump` is", ["jump"]),
        ("`half", []),
        ("`two words` then `flag`", ["flag"]),
        ("``double``", ["double"]),
        ("no backticks at all", []),
        ("`é`", []),
    ])
    func findsActionNamesInBackticks(text: String, names: [String]) {
        #expect(ActionMentions.names(in: text) == names)
    }
}
