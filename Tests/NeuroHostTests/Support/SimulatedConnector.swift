import NeuroAPI
import NeuroSim
import Synchronization

/// Connects games to an in-process NeuroSim over in-memory transports, and records what
/// NeuroSim still had registered for each game when its connection closed.
final class SimulatedConnector: NeuroConnector {
    let simulator: NeuroSimulator
    /// An element for every result NeuroSim receives.
    let progress: AsyncStream<Void>
    private let progressContinuation: AsyncStream<Void>.Continuation
    private let closes = Mutex<[(game: String, names: [String])]>([])

    init(simulator: NeuroSimulator) {
        self.simulator = simulator
        (progress, progressContinuation) = AsyncStream<Void>.makeStream()
    }

    /// For each closed connection: its game, and the action names NeuroSim still had registered.
    var registeredAtClose: [(game: String, names: [String])] { closes.withLock { $0 } }

    func withConnection<Result: Sendable>(
        to url: String, _ body: (any NeuroTransport) async throws -> Result
    ) async throws -> Result {
        let (game, neuro) = InMemoryTransport.makePair()
        let watched = CloseWatchingTransport(base: neuro, connector: self)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.simulator.serve(watched, abort: { neuro.drop() }) }
            let result = try await body(game)
            try await group.waitForAll()  // NeuroSim has seen the close
            return result
        }
    }

    fileprivate func noteResult() { progressContinuation.yield() }

    /// Called when NeuroSim reads the close frame: it has processed every earlier message.
    fileprivate func noteClose(game: String?) {
        let names = simulator.connections.filter { $0.game == game }.flatMap(\.registeredActions)
        closes.withLock { $0.append((game ?? "?", names)) }
    }
}

/// Neuro's end of a connection, watched: reports results and the close to its connector.
private final class CloseWatchingTransport: NeuroTransport {
    let base: InMemoryTransport
    let connector: SimulatedConnector
    private let game = Mutex<String?>(nil)

    init(base: InMemoryTransport, connector: SimulatedConnector) {
        self.base = base
        self.connector = connector
    }

    func send(_ text: String) async throws { try await base.send(text) }

    func receive() async throws -> TransportMessage {
        let message = try await base.receive()
        switch message {
        case .text(let text):
            if let decoded = try? GameCommand.decode(text) {
                game.withLock { $0 = $0 ?? decoded.game }
                if case .actionResult = decoded.command { connector.noteResult() }
            }
        case .closed:
            connector.noteClose(game: game.withLock { $0 })
        case .binary:
            break
        }
        return message
    }

    func close(code: WebSocketCloseCode, reason: String?) async { await base.close(code: code, reason: reason) }
}
