import NeuroProtocol
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a recording (JSON lines, see ``RecordedEntry``) to a file as it happens: the header
/// when created, then one line per ``record(connection:game:_:at:)``, each handed to the
/// operating system at once (one `write` per line, no buffer in the process), so a crash or a
/// kill keeps every line written before it.
///
/// Safe to call from any task; lines are written whole, in the order the calls take the
/// writer's lock. `neuro-sim --record FILE` gives one to its ``NeuroSimulator``; `neuro-host
/// --record DIR` writes one per game and connection attempt.
///
/// ```swift
/// let writer = try RecordingWriter(path: "run.jsonl", recorder: "neuro-sim")
/// writer.record(connection: 1, game: nil, .opened)
/// writer.close()
/// ```
package final class RecordingWriter: Sendable {
    private struct State {
        var descriptor: Int32
        var failure: NeuroError?
    }

    /// The path written to.
    package let path: String
    /// The instant the recording's times count from.
    package let startedAt: ContinuousClock.Instant
    private let state: Mutex<State>

    /// Creates (or truncates) the file and writes the header line.
    /// - Parameters:
    ///   - path: the file to write.
    ///   - recorder: the header's `recorder`, e.g. `neuro-sim`.
    ///   - startedAt: the instant the times count from.
    /// - Throws: `NeuroError` with `NeuroError/Code/recordingFailed` when the file cannot be
    ///   created or written, naming the path and the system's reason.
    package init(path: String, recorder: String, startedAt: ContinuousClock.Instant = .now) throws(NeuroError) {
        self.path = path
        self.startedAt = startedAt
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw NeuroError(
                code: .recordingFailed, message: "cannot create the recording \(path): \(String(cString: strerror(errno)))")
        }
        state = Mutex(State(descriptor: descriptor))
        writeLine(JSONWriter.string(from: RecordingHeader(recorder: recorder).jsonValue))
        if let failure = self.failure {
            close()
            throw failure
        }
    }

    deinit {
        close()
    }

    /// The first write that failed (a full disk, a closed file); `nil` while every line went out.
    /// Recording never stops the run: lines after a failure are dropped.
    package var failure: NeuroError? { state.withLock { $0.failure } }

    /// Writes one entry, timed `instant` (now by default) from ``startedAt``.
    package func record(
        connection: Int, game: String?, _ event: RecordedEvent, at instant: ContinuousClock.Instant = .now
    ) {
        let elapsed = startedAt.duration(to: instant)
        let seconds = max(0, elapsed.inSeconds)
        let entry = RecordedEntry(time: seconds, connection: connection, game: game, event: event)
        writeLine(JSONWriter.string(from: entry.jsonValue))
    }

    /// Closes the file; later records are dropped. Idempotent.
    package func close() {
        state.withLock { state in
            guard state.descriptor >= 0 else { return }
            closeDescriptor(state.descriptor)
            state.descriptor = -1
        }
    }

    private func writeLine(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        state.withLock { state in
            guard state.descriptor >= 0, state.failure == nil else { return }
            var offset = 0
            // Bounded: each pass writes at least one byte or stops.
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return writeBytes(state.descriptor, base + offset, buffer.count - offset)
                }
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    state.failure = NeuroError(
                        code: .recordingFailed,
                        message: "cannot write the recording \(path): \(String(cString: strerror(errno)))")
                    return
                }
            }
        }
    }
}

/// `close(2)`, out of reach of the writer's own `close()`.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

/// `write(2)`.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
