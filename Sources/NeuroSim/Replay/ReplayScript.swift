/// What replaying one recorded connection takes, in order: Neuro's frames to send again (with
/// their recorded delays), closes and drops to carry out, and the game's frames to wait for and
/// compare. A pure value made from a ``RecordedConnection``.
///
/// The script ends with the recording's last step by Neuro (a frame, a close or a drop): what
/// the game sent after it (its answer, more forces, its goodbye) is not compared, because a game
/// may run longer than the recording.
struct ReplayScript: Sendable, Hashable {
    /// The recorded connection's number.
    let recordedConnection: Int
    /// The game's title.
    let game: String?
    /// The steps, up to and including Neuro's last one.
    let steps: [ReplayStep]
    /// How many of the game's frames the script compares.
    var comparedFrames: Int {
        steps.count {
            if case .send = $0 { false } else if case .close = $0 { false } else if case .drop = $0 { false } else { true }
        }
    }

    init(_ connection: RecordedConnection) {
        recordedConnection = connection.id
        game = connection.game
        var steps: [ReplayStep] = []
        var previousTime = connection.entries.first?.time ?? 0
        var gameFrames = 0
        var lastNeuroStep = -1
        for entry in connection.entries {
            let delay = Duration.milliseconds(Int64((max(0, entry.time - previousTime) * 1000).rounded()))
            previousTime = entry.time
            switch entry.event {
            case .opened, .ended:
                continue
            case .frame(.toNeuro, let text):
                gameFrames += 1
                steps.append(.expectFrame(text, number: gameFrames))
            case .binaryFrame(.toNeuro, let length):
                gameFrames += 1
                steps.append(.expectBinary(length: length, number: gameFrames))
            case .closed(by: .game, _), .dropped(by: .game):
                steps.append(.expectEnd(number: gameFrames + 1))
            case .frame(.toGame, let text):
                steps.append(.send(text, delay: delay))
                lastNeuroStep = steps.count - 1
            case .binaryFrame(.toGame, _):
                continue  // Neuro sends no binary frames; nothing to replay
            case .closed(by: .neuro, let code):
                steps.append(.close(code: code, delay: delay))
                lastNeuroStep = steps.count - 1
            case .dropped(by: .neuro):
                steps.append(.drop(delay: delay))
                lastNeuroStep = steps.count - 1
            }
        }
        self.steps = Array(steps.prefix(lastNeuroStep + 1))
    }
}
