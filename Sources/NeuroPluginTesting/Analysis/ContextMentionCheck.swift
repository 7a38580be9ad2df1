import NeuroAPI
import NeuroSim

/// Context messages that name, in backticks, an action the game never has on the wire.
///
/// NeuroSim checks force queries, force states and result messages against what is registered
/// at that moment (`mentionsUnregisteredAction`, a violation), but a context message only
/// against that moment too and only as a note (`contextMentionsUnregisteredAction`): the rules
/// sent at startup may name actions registered later. This check is the violation that note
/// leaves out: a name that is none of the game's actions at all, as named on the wire — a typo,
/// a removed action, or a name spelt with a prefix the game does not have.
struct ContextMentionCheck: Sendable, Hashable {
    /// Every action name the game can have on the wire: its `allActions`, renamed.
    var wireNames: Set<String>

    /// The offending messages, one sentence each, each message once.
    func problems(in recording: ConnectionRecording) -> [String] {
        var seen: Set<String> = []
        var problems: [String] = []
        for case .context(let message, _) in recording.sentCommands where seen.insert(message).inserted {
            let unknown = ActionMentions.names(in: message).filter { !wireNames.contains($0) }
            guard !unknown.isEmpty else { continue }
            let names = unknown.map { "`\($0)`" }.joined(separator: ", ")
            let known = wireNames.sorted().map { "`\($0)`" }.joined(separator: ", ")
            problems.append(
                "the context message \"\(Self.excerpt(message))\" names \(names), which is no action of the game "
                    + "(its actions on the wire: \(known))")
        }
        return problems
    }

    /// A message cut to a readable length.
    static func excerpt(_ text: String, limit: Int = 160) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
