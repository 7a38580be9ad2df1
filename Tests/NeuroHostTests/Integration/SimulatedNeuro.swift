import Foundation
import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroHost
import NeuroSim
import ServiceLifecycleTestKit
import Synchronization

/// NeuroSim on a real websocket listener (127.0.0.1), recording how games closed their
/// connections.
final class SimulatedNeuro: Sendable {
    /// How a game closed one connection.
    struct Close: Sendable, Hashable {
        var code: WebSocketCloseCode?
        var registeredActions: [String]
    }

    /// The server did not report its port.
    struct NotListening: Error {}

    let simulator: NeuroSimulator
    let server: NeuroSimServer
    private let recordedCloses: Recorder<[Int: Close]>

    /// Creates a server on `port` (0 for an ephemeral one); nothing is bound until ``withServer(_:)``.
    /// `configure` adjusts the configuration last.
    init(
        port: Int = 0, forceDelay: Duration = .milliseconds(10),
        configure: (inout NeuroSimConfiguration) -> Void = { _ in }
    ) {
        var configuration = NeuroSimConfiguration()
        configuration.seed = 1
        configuration.forceDelay = forceDelay
        // Randy's habit, not the real Neuro's: a failed forced action is retried until it succeeds.
        // The random player fails far more often than Neuro, and a game does not force again
        // after Neuro abandons a force, so with the real limit a round could stall.
        configuration.forceRetries = .max
        // Several games share this one Neuro; with the host's force arbitration, even the
        // cross-game checks (one force at a time, no shared names) must report nothing.
        configuration.isCheckingAcrossGames = true
        configure(&configuration)
        let closes = Recorder<[Int: Close]>([:])
        recordedCloses = closes
        simulator = NeuroSimulator(configuration: configuration, logger: Logger(label: "test.sim")) { event in
            guard case .closedByGame(let id, let code, let registeredActions) = event else { return }
            closes.update { $0[id] = Close(code: code, registeredActions: registeredActions) }
        }
        server = NeuroSimServer(simulator: simulator, host: "127.0.0.1", port: port, logger: Logger(label: "test.sim"))
    }

    /// How games closed their connections, by connection number.
    var closes: [Int: Close] { recordedCloses.value }

    /// Runs the server while `body` runs; `body` gets the `ws://` URL.
    func withServer<Result>(_ body: (String) async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, portContinuation) = AsyncStream<Int>.makeStream()
            group.addTask { [server] in
                defer { portContinuation.finish() }
                try await server.run(onListening: { portContinuation.yield($0) })
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await group.waitForAll()
                throw NotListening()
            }
            do {
                let result = try await body("ws://127.0.0.1:\(port)")
                server.stop()
                try await group.waitForAll()
                return result
            } catch {
                server.stop()
                throw error
            }
        }
    }
}

/// A value behind a lock, for event handlers to record into.
final class Recorder<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) { storage = Mutex(value) }

    var value: Value { storage.withLock { $0 } }

    func update(_ change: (inout Value) -> Void) { storage.withLock { change(&$0) } }
}

/// The host side of the integration tests: the repository's sample games.
enum SampleGames {
    /// The repository root, from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Quick restarts, so reconnect tests take milliseconds.
    static let quickRestarts = RestartPolicy(
        initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200), multiplier: 2, jitter: 0)

    /// The repository's `games.json`.
    static func configuration() throws -> HostConfiguration {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("games.json"), encoding: .utf8)
        return try HostConfiguration.decode(text: text, catalog: .builtIn, environment: [:])
    }

    /// A host of every enabled sample game, all pointed at `url`, restarting per `restartPolicy`.
    static func host(
        url: String, restartPolicy: RestartPolicy = quickRestarts, saveDirectory: URL? = nil
    ) throws -> GameHost<ContinuousClock> {
        var configuration = try configuration()
        for index in configuration.games.indices {
            configuration.games[index].url = url
            configuration.games[index].restartPolicy = restartPolicy
        }
        return try GameHost(
            configuration: configuration, catalog: .builtIn, connector: WebSocketConnector(logger: Logger(label: "test.host")),
            clock: ContinuousClock(), seed: 3, saveDirectory: saveDirectory, logger: Logger(label: "test.host"))
    }

    /// Runs the host's games while `body` runs, then shuts them down gracefully and waits until
    /// they have stopped; `body` may trigger the graceful shutdown itself.
    static func withGames<Result>(
        of host: GameHost<ContinuousClock>, _ body: (GracefulShutdownTestTrigger) async throws -> Result
    ) async throws -> Result {
        return try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await host.run() }
                do {
                    let result = try await body(trigger)
                    trigger.triggerGracefulShutdown()
                    try await group.waitForAll()
                    return result
                } catch {
                    trigger.triggerGracefulShutdown()
                    throw error
                }
            }
        }
    }
}

/// The action names a hosted game wants registered now, as sent on the wire.
protocol WireActionNaming {
    var wireActionNames: [String] { get }
}

extension GameSession: WireActionNaming {
    var wireActionNames: [String] { state.wantedActions.map(\.name) }
}

extension GameStatus {
    /// Connected to Neuro, whether or not its force is waiting for the shared force slot.
    var isConnected: Bool { state == .connected || state == .waitingForForceSlot }
}
