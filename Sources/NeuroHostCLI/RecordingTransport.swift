import Logging
import NeuroAPI
import NeuroSim
import Synchronization

/// A transport that records every frame through another one, from the game's side: what the
/// game sends (`toNeuro`), what it receives (`toGame`), closes and the end.
///
/// The file is opened once the game's title is known (the first frame the game sends carries
/// it), and what happened before is written then, with its own times; a connection that ends
/// without a title is written as `unidentified`. A file that cannot be written is logged (an
/// error) and never fails the connection: the game plays on.
final class RecordingTransport: NeuroTransport {
    private struct State {
        var writer: RecordingWriter?
        var attempt = 1
        var game: String?
        var buffered: [(RecordedEvent, ContinuousClock.Instant)] = []
        var isFinished = false
        var hasGameClosed = false
    }

    private let base: any NeuroTransport
    private let startedAt = ContinuousClock.now
    /// Opens the file for a title (or `nil`): its path and the attempt's number.
    private let makePath: @Sendable (String?) -> (String, Int)
    private let state: Mutex<State>
    private let logger: Logger

    init(
        wrapping base: any NeuroTransport, logger: Logger, makePath: @escaping @Sendable (String?) -> (String, Int)
    ) {
        self.base = base
        self.logger = logger
        self.makePath = makePath
        state = Mutex(State(buffered: [(.opened, .now)]))
    }

    var preferredTaskExecutor: (any TaskExecutor)? { base.preferredTaskExecutor }

    func send(_ text: String) async throws {
        record(.frame(.toNeuro, text: text), title: { FrameTitle.of(text) })
        try await base.send(text)
    }

    func sendWaitingUntilWritten(_ text: String) async throws {
        record(.frame(.toNeuro, text: text), title: { FrameTitle.of(text) })
        try await base.sendWaitingUntilWritten(text)
    }

    func receive() async throws -> TransportMessage {
        let message: TransportMessage
        do {
            message = try await base.receive()
        } catch {
            record(.dropped(by: .neuro))
            throw error
        }
        switch message {
        case .text(let text): record(.frame(.toGame, text: text))
        case .binary(let bytes): record(.binaryFrame(.toGame, length: bytes.count))
        case .closed(let code, _):
            // After the game's own close, this is Neuro's answer to it, not a close by Neuro.
            if !state.withLock({ $0.hasGameClosed }) {
                record(.closed(by: .neuro, code: code.map { Int($0.rawValue) }))
            }
        }
        return message
    }

    func close(code: WebSocketCloseCode, reason: String?) async {
        record(.closed(by: .game, code: Int(code.rawValue)))
        state.withLock { $0.hasGameClosed = true }
        await base.close(code: code, reason: reason)
    }

    /// Writes the end of the connection and closes the file (opening it first for a connection
    /// that never sent a title). Idempotent.
    func finish() {
        record(.ended)
        state.withLock { state in
            guard !state.isFinished else { return }
            state.isFinished = true
            if state.writer == nil { open(&state, title: nil) }
            state.writer?.close()
        }
    }

    private func record(_ event: RecordedEvent, title: () -> String? = { nil }) {
        let now = ContinuousClock.now
        state.withLock { state in
            guard !state.isFinished else { return }
            if let writer = state.writer {
                writer.record(connection: state.attempt, game: state.game, event, at: now)
                return
            }
            state.buffered.append((event, now))
            if let found = title() { open(&state, title: found) }
        }
    }

    /// Opens the file and writes what was buffered.
    private func open(_ state: inout State, title: String?) {
        let (path, attempt) = makePath(title)
        state.game = title
        state.attempt = attempt
        do {
            state.writer = try RecordingWriter(path: path, recorder: "neuro-host", startedAt: startedAt)
        } catch {
            logger.error("cannot record the connection", metadata: ["neuro.path": "\(path)", "error": "\(error.message)"])
        }
        for (event, instant) in state.buffered {
            state.writer?.record(connection: attempt, game: title, event, at: instant)
        }
        state.buffered.removeAll()
    }
}

/// The `game` of a frame the game sends, read only until the title is known.
enum FrameTitle {
    static func of(_ text: String) -> String? {
        (try? JSONParser().parse(text))?["game"]?.stringValue
    }
}
