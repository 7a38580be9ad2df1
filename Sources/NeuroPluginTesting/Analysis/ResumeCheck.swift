import NeuroAPI

/// What a connection after a drop must send before Neuro acts on it: `startup` first, every
/// action the game offers registered again, and the game's force again (the game stands
/// still between the connections, so this is known when the first one ends).
struct ResumeCheck: Sendable, Hashable {
    /// The actions the game offered when the dropped connection ended, as named on the wire.
    var actionNames: [String]
    /// The actions of the force the game wanted then, as named on the wire; `nil` for none.
    var forceActionNames: [String]?

    /// What the resumed connection got wrong, one sentence each; empty when it resumed.
    func problems(in recording: ConnectionRecording) -> [String] {
        let commands = recording.sentCommands
        guard let first = commands.first else {
            return ["the game sent nothing on the connection after the drop"]
        }
        guard first == .startup else {
            return ["the first frame after reconnecting was \"\(first.name)\", not \"startup\""]
        }
        // Everything before the first answer: what Neuro knows when she first acts. (An answer
        // may be preceded by the unregistration of the actions it uses up, so what counts is
        // what was registered again, not what is still registered at the answer.)
        let opening = commands.dropFirst().prefix { if case .actionResult = $0 { false } else { true } }
        var registered: Set<String> = []
        var forces: [ActionForce] = []
        for command in opening {
            switch command {
            case .registerActions(let actions): registered.formUnion(actions.map(\.name))
            case .forceActions(let force): forces.append(force)
            default: break
            }
        }
        var problems: [String] = []
        let missing = actionNames.filter { !registered.contains($0) }
        if !missing.isEmpty {
            problems.append("after reconnecting, the game did not register \(Self.list(missing)) again")
        }
        if let forceActionNames {
            if forces.isEmpty {
                problems.append("after reconnecting, the game did not send its force (\(Self.list(forceActionNames))) again")
            } else if !forces.contains(where: { Set($0.actionNames) == Set(forceActionNames) }) {
                let sent = forces.map { Self.list($0.actionNames) }.joined(separator: "; ")
                problems.append("after reconnecting, the game forced \(sent), not its force (\(Self.list(forceActionNames)))")
            }
        }
        return problems
    }

    private static func list(_ names: [String]) -> String {
        names.map { "`\($0)`" }.joined(separator: ", ")
    }
}
