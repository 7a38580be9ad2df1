import Synchronization

@testable import NeuroAPI

/// A handler that records every call, and otherwise keeps the protocol's default behaviour.
final class RecordingHandler: NeuroCommandHandler {
    enum Call: Equatable {
        case action(NeuroAction)
        case startup(NeuroSessionInfo?)
        case unknown(String, JSONObject?)
        case invalidFrame(NeuroError.Code, String)
    }

    let calls = Mutex<[Call]>([])
    var recorded: [Call] { calls.withLock { $0 } }

    func handleAction(_ action: NeuroAction, client: NeuroClient) async throws {
        calls.withLock { $0.append(.action(action)) }
    }

    func handleStartupAcknowledgement(_ session: NeuroSessionInfo?, client: NeuroClient) async throws {
        calls.withLock { $0.append(.startup(session)) }
    }

    func handleUnknownCommand(_ command: String, data: JSONObject?, client: NeuroClient) async throws {
        calls.withLock { $0.append(.unknown(command, data)) }
    }

    func handleInvalidFrame(_ error: NeuroError, text: String, client: NeuroClient) async throws {
        calls.withLock { $0.append(.invalidFrame(error.code, error.message)) }
    }
}

/// Defaults only: the handler the protocol's default methods describe.
struct DefaultHandler: NeuroCommandHandler {
    func handleAction(_ action: NeuroAction, client: NeuroClient) async throws {}
}
