import NeuroAPI

/// Neuro's end of one soak connection: passes every frame through and tells the
/// ``SoakLedger`` what went out and what came in, before NeuroSim sees it.
struct CountingTransport: NeuroTransport {
    let base: WebSocketTransport
    let number: Int
    let ledger: SoakLedger

    init(base: WebSocketTransport, ledger: SoakLedger) {
        self.base = base
        self.ledger = ledger
        number = ledger.opened()
    }

    func send(_ text: String) async throws {
        // Noted before it leaves, so its result can never be read first.
        ledger.sent(text, on: number)
        try await base.send(text)
    }

    func sendWaitingUntilWritten(_ text: String) async throws {
        ledger.sent(text, on: number)
        try await base.sendWaitingUntilWritten(text)
    }

    func receive() async throws -> TransportMessage {
        let message = try await base.receive()
        switch message {
        case .text(let text): ledger.received(text, on: number)
        case .closed(let code, _): ledger.closedByGame(number, code: code)
        case .binary: break
        }
        return message
    }

    func close(code: WebSocketCloseCode, reason: String?) async {
        await base.close(code: code, reason: reason)
    }

    var preferredTaskExecutor: (any TaskExecutor)? { base.preferredTaskExecutor }
}
