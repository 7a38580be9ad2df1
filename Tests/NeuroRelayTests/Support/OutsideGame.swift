import Logging
import NeuroAPI
import Synchronization

/// A game written "with another SDK": raw frames over its own websocket to the relay, as any
/// SDK would send them. It registers `choose` and `wait`, forces `choose` and answers every
/// action once; it records everything it receives.
final class OutsideGame: Sendable {
    struct Record: Sendable {
        var received: [NeuroCommand] = []
        var answered: [String] = []
        var duplicates = 0
        var connections = 0
        var shutdownReadySent = 0
        /// Set when the test closes the connection: a reply cut off by that close is no failure.
        var isClosing = false
    }

    let title: String
    let url: String
    private let record = Mutex(Record())
    /// Frames the test wants sent, in order.
    private let outbox: AsyncStream<TransportMessage>
    private let outboxContinuation: AsyncStream<TransportMessage>.Continuation

    init(title: String, url: String) {
        self.title = title
        self.url = url
        (outbox, outboxContinuation) = AsyncStream.makeStream()
    }

    var received: [NeuroCommand] { record.withLock { $0.received } }
    var actionsAnswered: Int { record.withLock { $0.answered.count } }
    var duplicateActions: Int { record.withLock { $0.duplicates } }
    /// How often the game opened a connection (it never reconnects by itself).
    var connections: Int { record.withLock { $0.connections } }
    /// How many `shutdown/ready` the game has sent (written).
    var shutdownReadySent: Int { record.withLock { $0.shutdownReadySent } }

    /// Sends a frame from the game; `.closed` closes its connection.
    func send(_ message: TransportMessage) { outboxContinuation.yield(message) }

    func frame(_ command: String, data: String? = nil) -> String {
        #"{"command": "\#(command)", "game": "\#(title)""# + (data.map { #", "data": \#($0)"# } ?? "") + "}"
    }

    static let register =
        #"{"actions": [{"name": "choose", "description": "Choose a number with `choose`.", "schema": {"type": "object", "properties": {"n": {"type": "integer", "minimum": 1, "maximum": 3}}, "required": ["n"]}}, {"name": "wait", "description": "Wait."}]}"#
    static let force = #"{"query": "Pick with `choose`.", "action_names": ["choose"]}"#

    /// Plays on one connection until it closes: startup, context, register, force; every action
    /// answered with success, and a new force after each `choose`.
    func play() async throws {
        try await WebSocketConnector(logger: Logger(label: "test.outside")).withConnection(to: url) { transport in
            record.withLock { $0.connections += 1 }
            try await transport.send(frame("startup"))
            try await transport.send(frame("context", data: #"{"message": "You play \#(title); use `choose`.", "silent": true}"#))
            try await transport.send(frame("actions/register", data: Self.register))
            try await transport.send(frame("actions/force", data: Self.force))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await message in self.outbox {
                        switch message {
                        case .text(let text): try await transport.send(text)
                        case .binary(let bytes): try await (transport as? WebSocketTransport)?.sendBinary(bytes)
                        case .closed(let code, let reason):
                            self.record.withLock { $0.isClosing = true }
                            await transport.close(code: code ?? .normalClosure, reason: reason)
                            return
                        }
                    }
                }
                group.addTask {
                    while true {
                        guard case .text(let text) = try await transport.receive() else { return }
                        guard let command = try? NeuroCommand.decode(text) else { continue }
                        do {
                            try await self.handle(command, on: transport)
                        } catch let error as NeuroError where error.code == .connectionClosed {
                            // An action that arrived as the test closed the connection: its
                            // result cannot go out, and the game is done. Any other close fails.
                            guard self.record.withLock({ $0.isClosing }) else { throw error }
                            return
                        }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    private func handle(_ command: NeuroCommand, on transport: any NeuroTransport) async throws {
        let isDuplicate = record.withLock { record -> Bool in
            record.received.append(command)
            guard case .action(let action) = command else { return false }
            if record.answered.contains(action.id) {
                record.duplicates += 1
                return true
            }
            record.answered.append(action.id)
            return false
        }
        switch command {
        case .action(let action) where !isDuplicate:
            try await transport.send(
                frame("action/result", data: #"{"id": "\#(action.id)", "success": true, "message": "Chose."}"#))
            if action.name == "choose" { try await transport.send(frame("actions/force", data: Self.force)) }
        case .gracefulShutdownRequest(true), .immediateShutdownRequest:
            try await transport.sendWaitingUntilWritten(frame("shutdown/ready"))
            record.withLock { $0.shutdownReadySent += 1 }
        case .reregisterAllActions:
            try await transport.send(frame("actions/register", data: Self.register))
        default:
            break
        }
    }
}
