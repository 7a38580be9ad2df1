import Foundation
import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import ServiceLifecycle
import Synchronization

/// The games service: runs every configured game against Neuro at once, one `GameSupervisor`
/// per enabled game, each with its own connection, all in one `ServiceGroup` (``run()``).
///
/// Every game is created — settings decoded, saves restored — before anything connects. The
/// configuration reader (``HostConfiguration/decode(text:file:catalog:environment:urlFlag:)``)
/// has already tried every game's settings with its plugin and reported a refused one at its
/// line and column; the host checks again (a configuration built in code, a plugin missing from
/// the catalog) and reports by JSON path.
///
/// Several games on one Neuro URL share one Neuro character, hence two things:
/// - **Action names.** Neuro has one action namespace per character, so every game sharing a
///   URL gets a wire prefix: ``GameConfiguration/namePrefix(forTitle:)`` of its title plus `_`
///   (`hangman_guess_letter` for "Hangman"'s `guess_letter`). The plugin keeps its own names;
///   its session maps them to the wire and routes Neuro's actions back by wire name
///   (`ActionNameMapping`). Two titles with the same prefix are a configuration error, so
///   wire names never collide. A game alone on its URL keeps its plain names.
/// - **Forces.** Neuro keeps one outstanding force per character, so the games sharing a URL
///   share one `ForceSlot`: a game's force waits until the previous one was answered,
///   withdrawn, timed out (`forceTimeout`), or its game disconnected.
///
/// As a swift-service-lifecycle `Service`, a graceful shutdown (SIGINT/SIGTERM in
/// `neuro-host`) makes every game save, unregister its actions and close with 1001; ``run()``
/// returns once every game has.
public final class GameHost<C: Clock>: Service, Sendable where C.Duration == Duration {
    /// One supervisor per enabled game, in configuration order, then one per game that came
    /// through the relay (``adoptRelayedGame(_:)``), in order of arrival.
    package var supervisors: [GameSupervisor<C>] { configuredSupervisors + relayedSupervisors.withLock { $0 } }
    /// One supervisor per enabled game of the configuration, in its order.
    package let configuredSupervisors: [GameSupervisor<C>]
    /// The force slot of each Neuro URL that several games share.
    public let forceSlots: [String: ForceSlot]
    /// Where relayed games play, when the host has a relay: they share its force slot.
    public let relayURL: String?
    /// The rows of relayed games, kept when they leave until they come back.
    private let relayedSupervisors = Mutex<[GameSupervisor<C>]>([])
    private let logger: Logger
    /// How often ``run()`` checks the games for abandoned forces.
    private let abandonedForceCheckInterval: Duration

    /// Creates every game of a configuration.
    /// - Parameters:
    ///   - configuration: the decoded `games.json`.
    ///   - catalog: the plugins the games name (the catalog the configuration was read with).
    ///   - file: the configuration's name, for error messages.
    ///   - connector: opens every game's connections.
    ///   - clock: the clock of backoff waits and of the shared force slots' timeouts.
    ///   - seed: the seed every game's randomness derives from (with its title).
    ///   - saveDirectory: where games are saved; `nil` not to save.
    ///   - forceTimeout: how long a game may hold a shared force slot before it is asked to
    ///     withdraw its force and hand the slot on.
    ///   - abandonedForceTimeout: how long after a failed forced action without any action from
    ///     Neuro a game takes its force as abandoned, withdraws it and forces again.
    ///   - forcesInTurns: whether the games sharing a Neuro take its force slot in turns, in
    ///     configuration order (`ForceQueue.Order.turns(_:wait:)`), instead of first come
    ///     first served: the order of forces then repeats from run to run (`neuro-host --seed`,
    ///     which a replay of a recorded run needs). Relayed games come after the configured ones.
    ///   - forceTurnWait: in turns, how long a free slot waits for the game whose turn it is
    ///     before the next waiting game gets it (the one that did not ask misses its turn).
    ///   - recordsActivity: whether every game records its context messages and actions
    ///   (`GameActivity`) and the force slots their waits, for a dashboard; off (the default),
    ///     nothing is recorded.
    ///   - logger: the host's logger; each game logs with `neuro.game` metadata.
    /// - Throws: ``InvalidConfiguration`` for settings a plugin refuses, or a plugin the catalog
    ///   does not have.
    public init(
        configuration: HostConfiguration,
        catalog: GameCatalog,
        file: String = "games.json",
        connector: any NeuroConnector,
        clock: C,
        seed: UInt64,
        saveDirectory: URL?,
        forceTimeout: Duration = .seconds(60),
        abandonedForceTimeout: Duration = .seconds(5),
        forcesInTurns: Bool = false,
        forceTurnWait: Duration = .seconds(1),
        recordsActivity: Bool = false,
        logger: Logger
    ) throws(InvalidConfiguration) {
        self.logger = logger
        let store = saveDirectory.map(GameSaveStore.init(directory:))
        let enabled = configuration.games.enumerated().filter { $0.element.isEnabled }
        var gamesPerURL: [String: Int] = [:]
        for (_, game) in enabled { gamesPerURL[game.url, default: 0] += 1 }
        // The relay's URL is shared by any number of relayed games: it always gets a force
        // slot, and the built-in games there get prefixes.
        relayURL = configuration.relay?.url
        if let relayURL { gamesPerURL[relayURL, default: 0] += 2 }
        var forceSlots: [String: ForceSlot] = [:]
        for (url, count) in gamesPerURL where count > 1 {
            var slotLogger = logger
            slotLogger[metadataKey: "neuro.url"] = "\(url)"
            let order: ForceQueue<String>.Order =
                forcesInTurns
                ? .turns(enabled.map(\.element).filter { $0.url == url }.map(\.title), wait: forceTurnWait) : .arrival
            forceSlots[url] = ForceSlot(
                timeout: forceTimeout, order: order, clock: clock, recordsWaits: recordsActivity, logger: slotLogger)
        }
        var supervisors: [GameSupervisor<C>] = []
        var errors: [ConfigurationProblem] = []
        for (index, game) in enabled {
            let prefix = gamesPerURL[game.url, default: 0] > 1 ? game.namePrefix + "_" : ""
            let gameSeed = Self.seed(seed, title: game.title)
            do {
                let options = GameSessionOptions(
                    names: ActionNameMapping(prefix: prefix),
                    saveStore: store,
                    forceArbiter: forceSlots[game.url],
                    abandonedForceTimeout: abandonedForceTimeout,
                    // One watch for every game (``run()``), not a task per connection.
                    watchesForAbandonedForces: false,
                    activity: recordsActivity ? GameActivity() : nil,
                    logger: logger
                )
                let session = try catalog.makeSession(
                    plugin: game.plugin, title: game.title, settings: game.settings, seed: gameSeed, options: options)
                supervisors.append(
                    GameSupervisor(
                        game: session,
                        url: game.url,
                        restartPolicy: game.restartPolicy,
                        connector: connector,
                        clock: clock,
                        seed: gameSeed,
                        actionNamePrefix: prefix,
                        logger: logger
                    ))
            } catch {
                let gamePath = ConfigurationPath.root.appending("games").appending(index: index)
                let isUnknownPlugin = catalog.plugin(id: game.plugin) == nil
                errors.append(
                    ConfigurationProblem(
                        code: isUnknownPlugin ? .unknownPlugin : .invalidSettings,
                        file: file,
                        path: isUnknownPlugin
                            ? gamePath.appending("plugin")
                            : HostConfigurationDecoder.path(ofSetting: error.setting, in: gamePath.appending("settings")),
                        message: isUnknownPlugin ? error.message : "\(error.setting) \(error.message)",
                        fix: isUnknownPlugin
                            ? "use one of the known plugin ids" : "correct the setting, or remove it to use the default"
                    ))
            }
        }
        guard errors.isEmpty else { throw InvalidConfiguration(errors) }
        self.configuredSupervisors = supervisors
        self.forceSlots = forceSlots
        self.abandonedForceCheckInterval = min(abandonedForceTimeout / 4, .seconds(1))
    }

    /// Creates a host from ready supervisors (tests, benchmarks): no configuration is read.
    /// - Parameters:
    ///   - supervisors: the games.
    ///   - forceSlots: the force slots the games share, by URL.
    ///   - logger: the host's logger.
    ///   - relayURL: where relayed games play (their force slot is `forceSlots[relayURL]`).
    package init(
        supervisors: [GameSupervisor<C>], forceSlots: [String: ForceSlot] = [:], relayURL: String? = nil, logger: Logger
    ) {
        self.configuredSupervisors = supervisors
        self.relayURL = relayURL
        self.forceSlots = forceSlots
        self.logger = logger
        self.abandonedForceCheckInterval = .seconds(1)
    }

    /// Plays every game until the graceful shutdown of the process (each game then says
    /// goodbye), or until each gave up.
    ///
    /// The host is a `ServiceGroup`: the watch for abandoned forces, each force slot's timeout
    /// checks, then the games (one `GameGroup`: they run and stop in parallel). The group stops
    /// them in reverse: at the graceful shutdown the force slots close and every game says
    /// goodbye at once; once they all have, the slots' timeout checks end, then the watch.
    /// When every game gave up, the group shuts down the same way.
    public func run() async {
        logger.info("starting games", metadata: ["neuro.games": "\(supervisors.count)"])
        var services = [
            ServiceGroupConfiguration.ServiceConfiguration(
                service: UntilGracefulShutdown { await self.watchAbandonedForces() }, serviceName: "abandoned-forces")
        ]
        for (url, slot) in forceSlots.sorted(by: { $0.key < $1.key }) {
            services.append(.init(service: UntilGracefulShutdown { await slot.runTimeouts() }, serviceName: "force-slot \(url)"))
        }
        services.append(
            .init(
                service: GameGroup(
                    supervisors: configuredSupervisors, forceSlots: Array(forceSlots.values), waitsForShutdown: relayURL != nil,
                    logger: logger),
                successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "games"))
        var configuration = ServiceGroupConfiguration(services: services, logger: logger)
        configuration.logging.keys.serviceKey = "neuro.host.service"
        do {
            try await ServiceGroup(configuration: configuration).run()
        } catch {
            logger.error("the games' service group failed", metadata: ["error": "\(error)"])
        }
        logger.info("every game has stopped")
    }

    /// Checks every game for a force Neuro gave up on, until cancelled: one task for all the
    /// games instead of one per connection (each check is a lock when nothing is pending).
    private func watchAbandonedForces() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: abandonedForceCheckInterval) } catch { return }
            for supervisor in supervisors { await supervisor.game.checkForAbandonedForce() }
        }
    }

    /// Shows a relayed game's row: replaces the row of the same title (the game came back), or
    /// adds one. The relay runs the supervisor; the row stays after it stops.
    package func adoptRelayedGame(_ supervisor: GameSupervisor<C>) {
        relayedSupervisors.withLock { rows in
            if let index = rows.firstIndex(where: { $0.game.title == supervisor.game.title }) {
                rows[index] = supervisor
            } else {
                rows.append(supervisor)
            }
        }
    }

    /// A snapshot of every game.
    public var statuses: [GameStatus] { supervisors.map(\.status) }

    /// The supervisor of the game with this title.
    /// - Throws: ``GameControlError`` with ``GameControlError/Code/unknownGame``.
    package func supervisor(titled title: String) throws(GameControlError) -> GameSupervisor<C> {
        guard let supervisor = supervisors.first(where: { $0.game.title == title }) else {
            throw GameControlError(code: .unknownGame, message: "no game is titled \"\(title)\"")
        }
        return supervisor
    }

    /// A game's seed: the host's seed mixed with its title, so games differ but runs repeat.
    static func seed(_ seed: UInt64, title: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in title.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var random = SeededRandomNumberGenerator(seed: seed ^ hash)
        return random.next()
    }
}
