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
/// it comes back under the same title. A game that comes back while its previous connection
/// is still ending (an SDK reconnecting at once) waits for that end, up to 10 s, instead of
/// being refused as already connected.
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
    private let present = Mutex<Presence>(Presence())

    /// The titles connected now, and the connections waiting for a title whose game has left
    /// but whose session is still ending.
    private struct Presence {
        /// Title → whether its game has left (its connection to the relay ended).
        var titles: [String: Bool] = [:]
        /// Connections waiting for a title to be free, by number.
        var waiters = Waiters<Int, Bool>()
        /// The title each waiting connection waits for.
        var waitingFor: [Int: String] = [:]
        var nextWaiter = 0
    }

    /// How long a game that comes back waits for its previous connection to end.
    static let leavingWait = Duration.seconds(10)

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

    /// How many returning games wait now for their previous connection to end.
    package var returningGamesWaiting: Int { present.withLock { $0.waitingFor.count } }

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
        if await !previousConnectionEnded(of: title) {
            logger.warning(
                "refused a relayed game",
                metadata: ["neuro.game": "\(title)", "neuro.problem": "its previous connection did not end"])
            await transport.close(
                code: .policyViolation, reason: "the previous connection of \"\(title)\" has not ended; try again")
            return
        }
        if let refusal = refusal(of: title, prefix: prefix, in: host) {
            logger.warning("refused a relayed game", metadata: ["neuro.game": "\(title)", "neuro.problem": "\(refusal)"])
            await transport.close(code: .policyViolation, reason: refusal)
            return
        }
        defer { titleIsFree(title) }
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
                self.present.withLock { if $0.titles[title] != nil { $0.titles[title] = true } }
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

    /// Waits, up to ``leavingWait``, until a game of this title that has left has also ended
    /// (its upstream session closed, its force slot given back): `false` when it has not.
    /// Returns at once when no game of the title has left (connected or not, which
    /// ``refusal(of:prefix:in:)`` decides).
    private func previousConnectionEnded(of title: String) async -> Bool {
        let id = present.withLock { present -> Int? in
            guard present.titles[title] == true else { return nil }
            present.nextWaiter += 1
            present.waitingFor[present.nextWaiter] = title
            return present.nextWaiter
        }
        guard let id else { return true }
        defer { present.withLock { _ = $0.waitingFor.removeValue(forKey: id) } }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.present.wait(in: \.waiters, as: id, ifCancelled: false) { $0.titles[title] == nil ? true : nil }
            }
            group.addTask {
                try? await Task.sleep(for: Self.leavingWait)
                return false
            }
            let ended = await group.next() ?? false
            group.cancelAll()
            return ended
        }
    }

    /// The title's game has ended: the title is free, and the connections waiting for it go on.
    private func titleIsFree(_ title: String) {
        let woken = present.withLock { present in
            present.titles[title] = nil
            return present.waitingFor.filter { $0.value == title }.keys.compactMap { present.waiters.take($0) }
        }
        for waiter in woken { waiter.resume(returning: true) }
    }

    /// Why a title cannot join now, or `nil` (then it is marked present).
    private func refusal(of title: String, prefix: String, in host: GameHost<ContinuousClock>) -> String? {
        present.withLock { present in
            if present.titles[title] != nil { return "a game titled \"\(title)\" is already connected" }
            for supervisor in host.supervisors where supervisor.game.title != title || supervisor.game.pluginID != "relay" {
                if supervisor.game.title == title { return "\"\(title)\" is the title of one of the host's games" }
                if supervisor.actionNamePrefix == prefix {
                    return "the prefix \"\(prefix)\" is \"\(supervisor.game.title)\"'s; give this title its own in games.json"
                }
            }
            present.titles[title] = false
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
