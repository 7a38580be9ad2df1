import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroHost
import NeuroRelay
import NeuroSim
import NeuroTestSupport
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization

/// NeuroSim (strict, checking across games), a host with built-in games and the relay, all
/// on 127.0.0.1 with ephemeral ports; the body gets the relay's URL.
struct RelayFixture: Sendable {
    let simulator: NeuroSimulator
    let host: GameHost<ContinuousClock>
    let relayURL: String
    let relay: GameRelay

    static let logger = Logger(label: "test.relay")

    /// The relay did not say where it listens.
    struct NotListening: Error {}

    static func strictConfiguration() -> NeuroSimConfiguration {
        var configuration = NeuroSimConfiguration()
        configuration.seed = 11
        configuration.isStrict = true
        configuration.isCheckingAcrossGames = true
        configuration.forceDelay = .milliseconds(10)
        // Randy's habit: a failed forced action is retried until it succeeds.
        configuration.forceRetries = .max
        return configuration
    }

    /// Runs the whole set-up while `body` runs, then shuts it down gracefully (games first).
    static func run<Result: Sendable>(
        builtIn games: [String] = [],
        prefixes: [String: String] = [:],
        configure: @Sendable (inout NeuroSimConfiguration) -> Void = { _ in },
        relayUpstream: (any NeuroConnector)? = nil,
        _ body: @escaping @Sendable (RelayFixture) async throws -> Result
    ) async throws -> Result {
        var configuration = strictConfiguration()
        configure(&configuration)
        let simulator = NeuroSimulator(configuration: configuration, logger: logger)
        let server = NeuroSimServer(simulator: simulator, host: "127.0.0.1", port: 0, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, portContinuation) = AsyncStream<Int>.makeStream()
            group.addTask {
                defer { portContinuation.finish() }
                try await server.run(onListening: { portContinuation.yield($0) })
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw NotListening() }
            do {
                let result = try await runHost(
                    url: "ws://127.0.0.1:\(port)", simulator: simulator, games: games, prefixes: prefixes,
                    relayUpstream: relayUpstream, body)
                server.stop()
                try await group.waitForAll()
                return result
            } catch {
                server.stop()
                throw error
            }
        }
    }

    private static func runHost<Result: Sendable>(
        url: String, simulator: NeuroSimulator, games: [String], prefixes: [String: String],
        relayUpstream: (any NeuroConnector)?,
        _ body: @escaping @Sendable (RelayFixture) async throws -> Result
    ) async throws -> Result {
        let prefixJSON = prefixes.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ")
        let text = """
            {"url": "\(url)", "restartPolicy": {"initialDelay": 0.05, "maximumDelay": 0.2, "jitter": 0},
             "relay": {"listen": "127.0.0.1:0", "prefixes": {\(prefixJSON)}}, "games": [\(games.joined(separator: ", "))]}
            """
        let configuration = try HostConfiguration.decode(text: text, catalog: .builtIn, environment: [:])
        let host = try GameHost(
            configuration: configuration, catalog: .builtIn, connector: WebSocketConnector(logger: logger),
            clock: ContinuousClock(), seed: 5, saveDirectory: nil, forceTimeout: .seconds(30), logger: logger)
        guard let relayConfiguration = configuration.relay else { throw NotListening() }
        let (relayPorts, relayContinuation) = AsyncStream<Int>.makeStream()
        let relay = GameRelay(
            configuration: relayConfiguration, host: { host }, connector: relayUpstream ?? WebSocketConnector(logger: logger),
            restartPolicy: configuration.restartPolicy, logger: logger
        ) { relayContinuation.yield($0) }
        return try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { services in
                services.addTask { await host.run() }
                services.addTask {
                    defer { relayContinuation.finish() }
                    try await relay.run()
                }
                var relayIterator = relayPorts.makeAsyncIterator()
                guard let relayPort = await relayIterator.next() else { throw NotListening() }
                let fixture = RelayFixture(
                    simulator: simulator, host: host, relayURL: "ws://127.0.0.1:\(relayPort)", relay: relay)
                do {
                    let result = try await body(fixture)
                    trigger.triggerGracefulShutdown()
                    try await services.waitForAll()
                    return result
                } catch {
                    trigger.triggerGracefulShutdown()
                    try? await services.waitForAll()
                    throw error
                }
            }
        }
    }

    /// The status of the game titled `title`.
    func status(_ title: String) -> GameStatus? { host.statuses.first { $0.title == title } }
}
