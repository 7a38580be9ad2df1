import Synchronization

/// Passes every call through to a transport and remembers the close frame it delivered, so
/// the component can report the code and reason after ``NeuroClient/readMessage(handler:)``
/// (which only says that the peer closed) returns `nil`.
final class CloseRecordingTransport: NeuroTransport {
    /// A close frame's contents.
    struct CloseFrame: Sendable {
        var code: WebSocketCloseCode?
        var reason: String?
    }

    private let base: any NeuroTransport
    private let closeFrame = Mutex<CloseFrame?>(nil)

    init(_ base: any NeuroTransport) {
        self.base = base
    }

    /// The close frame received, once there was one.
    var receivedCloseFrame: CloseFrame? { closeFrame.withLock { $0 } }

    func send(_ text: String) async throws {
        try await base.send(text)
    }

    func sendWaitingUntilWritten(_ text: String) async throws {
        try await base.sendWaitingUntilWritten(text)
    }

    func receive() async throws -> TransportMessage {
        let message = try await base.receive()
        if case .closed(let code, let reason) = message {
            closeFrame.withLock { $0 = CloseFrame(code: code, reason: reason) }
        }
        return message
    }

    func close(code: WebSocketCloseCode, reason: String?) async {
        await base.close(code: code, reason: reason)
    }

    var preferredTaskExecutor: (any TaskExecutor)? { base.preferredTaskExecutor }
}
