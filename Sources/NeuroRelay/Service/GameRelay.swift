import GameSessions
import Logging
import NeuroAPI
import NeuroHost
import NeuroWebSocket
import ServiceLifecycle
import Synchronization

/// The relay of `neuro-host --relay HOST:PORT`: games written with any SDK connect to it
/// exactly as they would to Neuro (`NEURO_SDK_WS_URL`), and each is hosted like a built-in
/// game: its own supervised upstream connection (the host's restart policy), its own row in
/// the `GameHost`'s statuses (the status table, the summary, the dashboard, `/metrics`), its
/// names prefixed, its force through the force slot it shares with the host's games.
///
/// A game is identified by the `game` of its `startup`. A title already connected, the title
/// of a built-in game, or one whose prefix another game has, is refused (close 1008). When a
/// game leaves, its actions are unregistered at Neuro and its row stays (disconnected) until
/// it comes back under the same title.
///
/// As a `Service`, a graceful shutdown closes every relayed game's connections (1001) after
/// unregistering its actions.
public final class GameRelay: Service, Sendable {
    /// Where the relay listens, and each title's prefix.
    public let configuration: RelayConfiguration
    private let host: @Sendable () -> GameHost<ContinuousClock>?
    private let connector: any NeuroConnector
    private let restartPolicy: RestartPolicy
    private let listener: WebSocketListener
    private let onListening: @Sendable (Int) -> Void
    private let logger: Logger
    /// The titles connected now.
    private let present = Mutex<Set<String>>([])

    /// Creates the relay; nothing is bound until ``run()``.
    /// - Parameters:
    ///   - configuration: where to listen, the prefixes, the upstream URL.
    ///   - host: the games service the relayed games join (`nil` until it exists: a game that
    ///     connects before is asked to come back, 1013).
    ///   - connector: opens the upstream connections.
    ///   - restartPolicy: how upstream connections are retried (the host's default policy).
    ///   - webSocketConfiguration: the listener's websocket limits.
    ///   - logger: where the relay logs; each game logs with `neuro.game`.
    ///   - onListening: called with the bound port.
    public init(
        configuration: RelayConfiguration,
        host: @escaping @Sendable () -> GameHost<ContinuousClock>?,
        connector: any NeuroConnector,
        restartPolicy: RestartPolicy = RestartPolicy(),
        webSocketConfiguration: WebSocketConfiguration = .init(),
        logger: Logger,
        onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.host = host
        self.connector = connector
        self.restartPolicy = restartPolicy
        self.logger = logger
        self.onListening = onListening
        self.listener = WebSocketListener(
            host: configuration.host, port: configuration.port, configuration: webSocketConfiguration, logger: logger)
    }

    /// The bound port, once listening.
    public var boundPort: Int { listener.boundPort }

    /// Listens until the graceful shutdown of the process (or cancellation).
    /// - Throws: when the address cannot be bound.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await listener.run(onListening: onListening) { transport, _ in
                await self.serve(transport)
            }
        } onGracefulShutdown: { [listener, logger] in
            logger.info("closing the relay")
            listener.stop(closeCode: .goingAway)
        }
    }

    /// The most frames read before the game's `startup`.
    static let framesBeforeStartup = 64

    /// Serves one game's connection to the relay.
    private func serve(_ transport: WebSocketTransport) async {
        guard let (title, first) = await readStartup(from: transport) else {
            await transport.close(code: .policyViolation, reason: "send startup with the game's title first")
            return
        }
        guard let host = host(), let url = host.relayURL else {
            await transport.close(code: WebSocketCloseCode(rawValue: 1013), reason: "the host is starting; try again")
            return
        }
        let prefix = configuration.wirePrefix(forTitle: title)
        if let refusal = refusal(of: title, prefix: prefix, in: host) {
            logger.warning("refused a relayed game", metadata: ["neuro.game": "\(title)", "neuro.problem": "\(refusal)"])
            await transport.close(code: .policyViolation, reason: refusal)
            return
        }
        defer { _ = present.withLock { $0.remove(title) } }
        let game = RelayedGame(
            title: title, names: RelayNames(prefix: prefix), downstream: transport, forceArbiter: host.forceSlots[url],
            logger: logger)
        let supervisor = GameSupervisor(
            game: game, url: url, restartPolicy: restartPolicy, connector: connector, clock: ContinuousClock(),
            seed: Self.seed(of: title), actionNamePrefix: prefix, logger: logger)
        host.adoptRelayedGame(supervisor)
        logger.info("a relayed game connected", metadata: ["neuro.game": "\(title)", "neuro.prefix": "\(prefix)"])
        await game.gameSent(command: first)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await supervisor.run() }
            group.addTask {
                while true {
                    guard let message = try? await transport.receive() else { break }
                    if case .closed = message { break }
                    await game.gameSent(message)
                }
                game.markLeft()
            }
            // Whichever ends first ends the other: the game left (its actions are then
            // unregistered at Neuro), or its supervisor stopped or gave up.
            await group.next()
            await game.stop(code: .goingAway, reason: "the relayed game left")
            await group.waitForAll()
        }
        logger.info("a relayed game left", metadata: ["neuro.game": "\(title)"])
    }

    /// Reads frames until the game's `startup` (or, leniently, any command with a title).
    private func readStartup(from transport: WebSocketTransport) async -> (String, GameCommand)? {
        let parser = JSONParser()
        for _ in 0..<Self.framesBeforeStartup {
            guard let message = try? await transport.receive() else { return nil }
            if case .closed = message { return nil }
            guard case .command(let command, let game?, _) = RelayFrameReading.read(message, parser: parser),
                !game.allSatisfy(\.isWhitespace)
            else { continue }
            return (game, command)
        }
        return nil
    }

    /// Why a title cannot join now, or `nil` (then it is marked present).
    private func refusal(of title: String, prefix: String, in host: GameHost<ContinuousClock>) -> String? {
        present.withLock { present in
            if present.contains(title) { return "a game titled \"\(title)\" is already connected" }
            for supervisor in host.supervisors where supervisor.game.title != title || supervisor.game.pluginID != "relay" {
                if supervisor.game.title == title { return "\"\(title)\" is the title of one of the host's games" }
                if supervisor.actionNamePrefix == prefix {
                    return "the prefix \"\(prefix)\" is \"\(supervisor.game.title)\"'s; give this title its own in games.json"
                }
            }
            present.insert(title)
            return nil
        }
    }

    /// A title's seed for its backoff jitter: FNV-1a of the title.
    static func seed(of title: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in title.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
