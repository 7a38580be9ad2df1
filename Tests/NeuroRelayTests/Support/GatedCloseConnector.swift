import NeuroAPI
import Synchronization

/// A connector whose connections close only once the test opens the gate: a relayed game's
/// upstream session then stays "ending" (its game has left, its upstream not yet closed) for
/// as long as the test needs. Every close that begins is announced on ``closing``.
final class GatedCloseConnector: NeuroConnector {
    private let wrapped: any NeuroConnector
    private let gate = Mutex<(isOpen: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))
    private let closingContinuation: AsyncStream<Void>.Continuation
    /// One element each time a connection begins to close.
    let closing: AsyncStream<Void>

    init(wrapping wrapped: any NeuroConnector) {
        self.wrapped = wrapped
        (closing, closingContinuation) = AsyncStream.makeStream()
    }

    /// Lets every close waiting at the gate, and every later one, go on.
    func open() {
        let waiting = gate.withLock { gate in
            gate.isOpen = true
            defer { gate.waiting = [] }
            return gate.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    func withConnection<Result: Sendable>(
        to url: String, _ body: (any NeuroTransport) async throws -> Result
    ) async throws -> Result {
        try await wrapped.withConnection(to: url) { transport in
            try await body(GatedTransport(wrapped: transport, connector: self))
        }
    }

    fileprivate func passGate() async {
        closingContinuation.yield()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = gate.withLock { gate -> Bool in
                if !gate.isOpen { gate.waiting.append(continuation) }
                return gate.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }
}

/// A transport whose close waits at its connector's gate.
private struct GatedTransport: NeuroTransport {
    let wrapped: any NeuroTransport
    let connector: GatedCloseConnector

    func send(_ text: String) async throws { try await wrapped.send(text) }
    func sendWaitingUntilWritten(_ text: String) async throws { try await wrapped.sendWaitingUntilWritten(text) }
    func receive() async throws -> TransportMessage { try await wrapped.receive() }
    var preferredTaskExecutor: (any TaskExecutor)? { wrapped.preferredTaskExecutor }

    func close(code: WebSocketCloseCode, reason: String?) async {
        await connector.passGate()
        await wrapped.close(code: code, reason: reason)
    }
}
