import NeuroAPI
import Synchronization

/// A connector whose attempts follow a script: refuse with an error, or connect in memory
/// and let a script play Neuro's side until it returns.
final class ScriptedConnector: NeuroConnector {
    enum Attempt: Sendable {
        case refuse(NeuroError)
        case accept(@Sendable (InMemoryTransport) async throws -> Void)
    }

    private let attempts: Mutex<[Attempt]>
    private let fallback: Attempt
    private let count = Mutex(0)

    /// - Parameters:
    ///   - attempts: the first attempts, in order.
    ///   - fallback: every attempt after them.
    init(_ attempts: [Attempt], then fallback: Attempt) {
        self.attempts = Mutex(attempts)
        self.fallback = fallback
    }

    /// How many attempts were made.
    var attemptCount: Int { count.withLock { $0 } }

    func withConnection<Result: Sendable>(
        to url: String,
        _ body: (any NeuroTransport) async throws -> Result
    ) async throws -> Result {
        count.withLock { $0 += 1 }
        let attempt = attempts.withLock { $0.isEmpty ? fallback : $0.removeFirst() }
        switch attempt {
        case .refuse(let error):
            throw error
        case .accept(let script):
            let (game, neuro) = InMemoryTransport.makePair()
            async let neuroSide: Void = script(neuro)
            let result: Result
            do {
                result = try await body(game)
            } catch {
                neuro.drop()
                try? await neuroSide
                throw error
            }
            try? await neuroSide
            return result
        }
    }

    static func refused() -> NeuroError {
        NeuroError(
            code: .handshakeFailed,
            message: "could not open ws://test: connection refused",
            cause: HandshakeFailure(url: "ws://test", kind: .connectionRefused)
        )
    }

    static func httpError(_ status: Int) -> NeuroError {
        NeuroError(
            code: .handshakeFailed,
            message: "could not open ws://test: HTTP \(status)",
            cause: HandshakeFailure(url: "ws://test", kind: .httpStatus, httpStatus: status)
        )
    }
}

/// Reads frames from Neuro's end until one decodes to a command named `name`.
func nextCommand(_ name: String, from neuro: InMemoryTransport) async throws -> GameCommand {
    for _ in 0..<50 {
        guard case .text(let text) = try await neuro.receive() else { continue }
        let (_, command) = try GameCommand.decode(text)
        if command.name == name { return command }
    }
    throw NeuroError(code: .invalidMessage, message: "no \(name) within 50 frames")
}
