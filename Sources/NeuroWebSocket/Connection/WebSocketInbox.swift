import NIOCore
import NeuroProtocol
import Synchronization

/// Hands messages from a connection's event loop to the task that calls `receive()`.
///
/// The event loop delivers into a small buffer under a `Mutex` (held for a few instructions,
/// never across a suspension) and resumes a waiting receiver directly, so a message costs no
/// task and no event-loop hop on the way in. When the buffer holds ``highWatermark`` messages
/// the connection handler stops reading from the socket; the receiver asks for more once it
/// has drained the buffer to ``lowWatermark``. That keeps a flooding peer from growing memory.
final class WebSocketInbox: Sendable {
    /// How many undelivered messages make the handler stop reading from the socket.
    static let highWatermark = 64
    /// How few undelivered messages make the receiver ask the handler to read again.
    static let lowWatermark = 16

    private struct State {
        var buffer = CircularBuffer<TransportMessage>(initialCapacity: 8)
        /// How the connection ended: `.closed(…)` is returned, an error thrown, on every call.
        var terminal: Result<TransportMessage, NeuroError>?
        var waiter: CheckedContinuation<TransportMessage, any Error>?
        /// Whether the handler held back a socket read because the buffer was full.
        var isReadWithheld = false
    }

    private let state = Mutex(State())

    /// Whether the connection has ended (a terminal outcome was recorded).
    var isFinished: Bool { state.withLock { $0.terminal != nil } }

    // MARK: Event-loop side

    /// Delivers one message; ignored once the connection has ended.
    func deliver(_ message: TransportMessage) {
        let waiter: CheckedContinuation<TransportMessage, any Error>? = state.withLock { state in
            guard state.terminal == nil else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.buffer.append(message)
            return nil
        }
        waiter?.resume(returning: message)
    }

    /// Records how the connection ended. The first outcome wins; buffered messages are still
    /// delivered before it.
    func finish(_ terminal: Result<TransportMessage, NeuroError>) {
        let waiter: CheckedContinuation<TransportMessage, any Error>? = state.withLock { state in
            guard state.terminal == nil else { return nil }
            state.terminal = terminal
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: terminal.mapError { $0 as any Error })
    }

    /// Whether the handler may read from the socket now; when not, remembers that a read is owed.
    func mayRead() -> Bool {
        state.withLock { state in
            guard state.buffer.count >= Self.highWatermark else { return true }
            state.isReadWithheld = true
            return false
        }
    }

    // MARK: Receiver side

    /// Waits for the next message.
    /// - Parameter resumeReading: called (outside the lock) when the handler must read again.
    func next(resumeReading: () -> Void) async throws -> TransportMessage {
        enum Step {
            case deliver(TransportMessage, resumeReading: Bool)
            case end(Result<TransportMessage, NeuroError>)
            case wait
        }
        func step(_ state: inout State) -> Step {
            if let message = state.buffer.popFirst() {
                var mustResume = false
                if state.isReadWithheld, state.buffer.count <= Self.lowWatermark {
                    state.isReadWithheld = false
                    mustResume = true
                }
                return .deliver(message, resumeReading: mustResume)
            }
            if let terminal = state.terminal { return .end(terminal) }
            return .wait
        }

        // Fast path: a message is already here.
        switch state.withLock({ step(&$0) }) {
        case .deliver(let message, let mustResume):
            if mustResume { resumeReading() }
            return message
        case .end(let terminal):
            return try terminal.get()
        case .wait:
            break
        }

        try Task.checkCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<TransportMessage, any Error>) in
                let immediate: Result<TransportMessage, any Error>? = state.withLock { state in
                    switch step(&state) {
                    case .deliver(let message, _):
                        // Only reachable if a message raced in; the buffer is below the watermark.
                        return .success(message)
                    case .end(let terminal):
                        return terminal.mapError { $0 as any Error }
                    case .wait:
                        if Task.isCancelled { return .failure(CancellationError()) }
                        state.waiter = continuation
                        return nil
                    }
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }
}
