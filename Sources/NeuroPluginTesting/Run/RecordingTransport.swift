import NeuroAPI
import Synchronization

/// A game's connection that keeps a copy of every frame going each way, for the checks that
/// read what was said on the wire (the replay, the resume, the texts).
///
/// Frames are recorded in the order they are handed to ``send(_:)`` and returned by
/// ``receive()``; a frame the connection could not send any more (after a drop) is recorded
/// all the same, as the game meant it.
final class RecordingTransport: NeuroTransport {
    private struct Frames {
        var sent: [String] = []
        var received: [String] = []
    }

    private let base: any NeuroTransport
    /// The stage the connection belongs to.
    let stage: PluginCheckStage
    private let frames = Mutex(Frames())

    init(_ base: any NeuroTransport, stage: PluginCheckStage) {
        self.base = base
        self.stage = stage
    }

    func send(_ text: String) async throws {
        frames.withLock { $0.sent.append(text) }
        try await base.send(text)
    }

    func sendWaitingUntilWritten(_ text: String) async throws {
        frames.withLock { $0.sent.append(text) }
        try await base.sendWaitingUntilWritten(text)
    }

    func receive() async throws -> TransportMessage {
        let message = try await base.receive()
        if case .text(let text) = message {
            frames.withLock { $0.received.append(text) }
        }
        return message
    }

    func close(code: WebSocketCloseCode, reason: String?) async {
        await base.close(code: code, reason: reason)
    }

    var preferredTaskExecutor: (any TaskExecutor)? { base.preferredTaskExecutor }

    /// What was recorded so far.
    var recording: ConnectionRecording {
        frames.withLock { ConnectionRecording(stage: stage, sent: $0.sent, received: $0.received) }
    }
}
