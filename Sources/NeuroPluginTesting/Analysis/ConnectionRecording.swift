import NeuroAPI

/// The frames of one of the game's connections, each way, in order: what the checks that read
/// the wire work on. A pure value, so each check is tested with frames written by hand.
struct ConnectionRecording: Sendable, Hashable {
    /// The stage the connection belongs to.
    var stage: PluginCheckStage
    /// The game's frames, in the order it sent them.
    var sent: [String]
    /// Neuro's frames, in the order the game read them.
    var received: [String]

    /// The game's commands, in order; frames that do not decode are left out (NeuroSim
    /// reports those).
    var sentCommands: [GameCommand] {
        let parser = JSONParser()
        return sent.compactMap { try? GameCommand.decode($0, parser: parser).command }
    }

    /// The actions Neuro sent, in the order the game read them.
    var receivedActions: [NeuroAction] {
        let parser = JSONParser()
        return received.compactMap { text in
            guard case .action(let action)? = try? NeuroCommand.decode(text, parser: parser) else { return nil }
            return action
        }
    }
}
