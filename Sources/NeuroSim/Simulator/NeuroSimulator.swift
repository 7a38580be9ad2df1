import Logging
import NeuroProtocol
import NeuroWebSocket
import Synchronization

/// A stand-in for Neuro that serves game connections over any `NeuroTransport`: it checks
/// every message against the protocol, plays at random like Randy (retrying and timing out like
/// the real server), injects faults on request, and reports what it saw.
///
/// Each call to ``serve(_:peer:abort:)`` serves one connection until it ends; call it once
/// per connection, from as many tasks as there are games. Connections are independent: a
/// misbehaving game only ever affects its own connection. ``NeuroSimServer`` puts a websocket
/// listener in front of it.
///
/// ```swift
/// let simulator = NeuroSimulator(configuration: configuration, logger: logger)
/// let (game, neuro) = InMemoryTransport.makePair()
/// async let served: Void = simulator.serve(neuro)
/// // … play the game over `game` …
/// let report = simulator.report()
/// ```
public final class NeuroSimulator: Sendable {
    private struct GameTally {
        var connections = 0
        var statistics = NeuroSimStatistics()
    }

    private struct State {
        var nextConnectionID = 1
        var live: [Int: LiveConnection] = [:]
        /// Statistics of finished connections, by game title.
        var finished: [String: GameTally] = [:]
        /// Connections ever identified, by game title (for reconnects).
        var connectionsByGame: [String: Int] = [:]
        /// Errors and warnings, capped by the configuration.
        var violations: [NeuroSimDiagnostic] = []
        /// Performance and info diagnostics, capped by the configuration.
        var notes: [NeuroSimDiagnostic] = []
    }

    /// The title under which connections that never sent a `game` are reported.
    public static let unidentifiedGame = "<unidentified>"

    /// The configuration every connection is served with.
    public let configuration: NeuroSimConfiguration
    private let logger: Logger
    private let eventHandler: (@Sendable (NeuroSimEvent) -> Void)?
    private let clock: ElapsedClock
    private let dataSource: ActionDataSource
    private let registry = CrossGameRegistry()
    /// The language-model player's HTTP shell; `nil` with the random player.
    private let player: LLMPlayer?
    /// Where every frame is recorded (`neuro-sim --record`); `nil` records nothing.
    private let recorder: RecordingWriter?
    // Taken when a connection opens, is identified, emits a diagnostic or ends, and by the
    // fault and report calls; never for an ordinary message, which locks only its connection.
    private let state = Mutex(State())

    /// Creates a simulator.
    /// - Parameters:
    ///   - configuration: how to check, play and inject faults.
    ///   - logger: receives a line per event (violations at `warning`, the rest at `info`).
    ///   - clock: the clock of delays and timeouts.
    ///   - eventHandler: called with every event as it happens, on the connection's task; keep
    ///     it quick.
    public convenience init(
        configuration: NeuroSimConfiguration = NeuroSimConfiguration(),
        logger: Logger = Logger(label: "neuro.sim"),
        clock: some Clock<Duration> = ContinuousClock(),
        eventHandler: (@Sendable (NeuroSimEvent) -> Void)? = nil
    ) {
        self.init(
            configuration: configuration, logger: logger, clock: ElapsedClock(clock), dataSource: .standard,
            recorder: nil, eventHandler: eventHandler)
    }

    /// Creates a simulator that records every frame of every connection, both ways, with the
    /// connections' openings, closes and drops (`neuro-sim --record`; see `RecordedEntry`).
    package convenience init(
        configuration: NeuroSimConfiguration = NeuroSimConfiguration(),
        logger: Logger = Logger(label: "neuro.sim"),
        clock: some Clock<Duration> = ContinuousClock(),
        recorder: RecordingWriter?,
        eventHandler: (@Sendable (NeuroSimEvent) -> Void)? = nil
    ) {
        self.init(
            configuration: configuration, logger: logger, clock: ElapsedClock(clock), dataSource: .standard,
            recorder: recorder, eventHandler: eventHandler)
    }

    init(
        configuration: NeuroSimConfiguration,
        logger: Logger,
        clock: ElapsedClock,
        dataSource: ActionDataSource,
        recorder: RecordingWriter? = nil,
        eventHandler: (@Sendable (NeuroSimEvent) -> Void)?
    ) {
        self.configuration = configuration
        self.recorder = recorder
        self.logger = logger
        self.clock = clock
        self.dataSource = dataSource
        self.eventHandler = eventHandler
        if case .languageModel(let player) = configuration.player {
            self.player = LLMPlayer(configuration: player, logger: logger)
        } else {
            player = nil
        }
    }

    // MARK: - Serving

    /// Serves one game connection until it ends (closed by either side, dropped, or the calling
    /// task cancelled). Never throws: whatever the game does is recorded, not raised.
    /// - Parameters:
    ///   - transport: the connection, Neuro's end.
    ///   - peer: a description of the remote end for logs (e.g. `127.0.0.1:51234`).
    ///   - abort: ends the connection abruptly, without a close frame (used by drop faults);
    ///     for `InMemoryTransport` pass its `drop()`.
    public func serve(
        _ transport: some NeuroTransport, peer: String? = nil, abort: @escaping @Sendable () -> Void = {}
    )
        async
    {
        let connection = state.withLock { state in
            let id = state.nextConnectionID
            state.nextConnectionID += 1
            let session = SimulatedConnection(
                connectionID: id, configuration: configuration, dataSource: dataSource, registry: registry)
            let connection = LiveConnection(
                id: id, peer: peer, transport: transport, session: session, clock: clock, recorder: recorder,
                abort: abort)
            state.live[id] = connection
            return connection
        }
        logger.info("game connected", metadata: ["neuro.connection": "\(connection.id)", "neuro.peer": "\(peer ?? "-")"])
        eventHandler?(.connected(connectionID: connection.id, peer: peer))
        var decide: (@Sendable (LLMTurn) async -> LLMDecision)?
        if let player { decide = { await player.decide($0) } }
        // Next to the socket (a websocket's event loop): no thread hop per message.
        await withTaskExecutorPreference(transport.preferredTaskExecutor) {
            await connection.run(decide: decide) { effects in
                await self.perform(effects, on: connection)
            }
        }
        // The session is read under the simulator's lock (the order resetLatencies uses too), so
        // a reset cannot fall between reading it and filing it as finished.
        let session = state.withLock { state in
            let session = connection.state.withLock { $0.session }
            state.live[connection.id] = nil
            state.finished[session.game ?? Self.unidentifiedGame, default: GameTally()].connections += 1
            state.finished[session.game ?? Self.unidentifiedGame, default: GameTally()].statistics.merge(session.statistics)
            return session
        }
        logger.info(
            "game disconnected",
            metadata: ["neuro.connection": "\(connection.id)", "neuro.game": "\(session.game ?? Self.unidentifiedGame)"])
        eventHandler?(.disconnected(connectionID: connection.id, game: session.game))
    }

    private func perform(_ effects: [SimulatedConnectionEffect], on connection: LiveConnection) async {
        for effect in effects {
            switch effect {
            case .decide(let turn):
                logger.debug(
                    "asking the model",
                    metadata: [
                        "neuro.connection": "\(connection.id)", "neuro.llm.turn": "\(turn.id)",
                        "neuro.llm.forced": "\(turn.isForced)", "neuro.llm.tools": "\(turn.tools.map(\.name))",
                    ])
                connection.requestDecision(turn)
            case .send, .close, .drop:
                if case .drop = effect {
                    logger.info("dropping connection (fault)", metadata: ["neuro.connection": "\(connection.id)"])
                }
                await connection.carryOut(effect, logger: logger)
            case .identified(let game):
                state.withLock { $0.connectionsByGame[game, default: 0] += 1 }
                logger.info("game identified", metadata: ["neuro.connection": "\(connection.id)", "neuro.game": "\(game)"])
                eventHandler?(.identified(connectionID: connection.id, game: game))
            case .diagnostic(let diagnostic):
                record(diagnostic)
            case .closedByGame(let code, let registeredActions):
                logger.info(
                    "game closed the connection",
                    metadata: ["neuro.connection": "\(connection.id)", "neuro.close.code": "\(code?.description ?? "-")"])
                eventHandler?(.closedByGame(connectionID: connection.id, code: code, registeredActions: registeredActions))
            case .actionSent(let action, let isForced, let isBad):
                logger.info(
                    "action sent",
                    metadata: [
                        "neuro.connection": "\(connection.id)", "neuro.action.id": "\(action.id)",
                        "neuro.action.name": "\(action.name)", "neuro.action.forced": "\(isForced)",
                        "neuro.action.bad": "\(isBad)",
                    ])
                eventHandler?(.actionSent(connectionID: connection.id, action: action, isForced: isForced, isBad: isBad))
            case .resultReceived(let result, let latency):
                logger.info(
                    "action result",
                    metadata: [
                        "neuro.connection": "\(connection.id)", "neuro.action.id": "\(result.id)",
                        "neuro.result.success": "\(result.isSuccess)", "neuro.result.latency": "\(latency)",
                    ])
                eventHandler?(.resultReceived(connectionID: connection.id, result: result, latency: latency))
            }
        }
    }

    private func record(_ diagnostic: NeuroSimDiagnostic) {
        let limit = configuration.maximumReportedViolations
        state.withLock { state in
            if diagnostic.isViolation {
                if state.violations.count < limit { state.violations.append(diagnostic) }
            } else if state.notes.count < limit {
                state.notes.append(diagnostic)
            }
        }
        logger.log(
            level: diagnostic.isViolation ? .warning : .info,
            diagnostic.isViolation ? "protocol violation" : "protocol note",
            metadata: [
                "neuro.connection": "\(diagnostic.connectionID)", "neuro.game": "\(diagnostic.game ?? "-")",
                "neuro.command": "\(diagnostic.command ?? "-")", "neuro.rule": "\(diagnostic.rule)",
                "neuro.severity": "\(diagnostic.severity)", "neuro.message": "\(diagnostic.message)",
            ])
        eventHandler?(.diagnostic(diagnostic))
    }

    // MARK: - Inspecting

    /// The connections being served now, by connection number.
    package var connections: [NeuroSimConnectionInfo] {
        let live = state.withLock { Array($0.live.values) }
        return live.map { connection in
            let session = connection.state.withLock { $0.session }
            return NeuroSimConnectionInfo(
                id: connection.id, peer: connection.peer, game: session.game, hasStartedUp: session.hasStartedUp,
                registeredActions: session.registeredNames, hasPendingForce: session.hasPendingForce,
                pendingActionIDs: session.pendingActionIDs, statistics: session.statistics)
        }
        .sorted { $0.id < $1.id }
    }

    /// Every violation (error or warning) so far, up to
    /// ``NeuroSimConfiguration/maximumReportedViolations`` (and 100 of one rule per connection).
    public var violations: [NeuroSimDiagnostic] { state.withLock { $0.violations } }

    /// Every note (performance or info diagnostic) so far, capped alike.
    public var notes: [NeuroSimDiagnostic] { state.withLock { $0.notes } }

    /// What the simulator has seen so far, over finished and live connections.
    public func report() -> NeuroSimReport {
        let (finished, live, byGame, violations, notes) = state.withLock {
            ($0.finished, Array($0.live.values), $0.connectionsByGame, $0.violations, $0.notes)
        }
        var tallies = finished
        for connection in live {
            let session = connection.state.withLock { $0.session }
            tallies[session.game ?? Self.unidentifiedGame, default: GameTally()].connections += 1
            tallies[session.game ?? Self.unidentifiedGame, default: GameTally()].statistics.merge(session.statistics)
        }
        let games = tallies.keys.sorted().map { title in
            let tally = tallies[title] ?? GameTally()
            return NeuroSimReport.Game(
                title: title, connections: tally.connections, reconnects: max(0, (byGame[title] ?? 0) - 1),
                statistics: tally.statistics)
        }
        return NeuroSimReport(
            games: games, violations: violations, notes: notes, spec: configuration.spec, seed: configuration.seed)
    }

    /// Forgets every latency recorded so far, on finished and live connections, so that the
    /// report's latencies cover only what follows: a benchmark calls it once its games are
    /// connected, to leave the connection ramp-up out (`neuro-sim` does on `SIGUSR1`). Counters
    /// other than latencies are kept.
    public func resetLatencies() {
        // Both under the simulator's lock, so that a connection ending meanwhile cannot carry
        // samples from before the reset into the finished tallies.
        state.withLock { state in
            for title in state.finished.keys { state.finished[title]?.statistics.latency = LatencyHistogram() }
            for connection in state.live.values {
                connection.state.withLock { $0.session.resetLatencies() }
            }
        }
    }

    // MARK: - Faults

    /// Sends a command to one connection, or to every connection when `connectionID` is `nil`.
    ///
    /// Use it for `actions/reregister_all`, `shutdown/graceful` and `shutdown/immediate`, or any
    /// hand-made command. NeuroSim then expects what the real Neuro would: the game's actions
    /// registered again after `actions/reregister_all`
    /// (``NeuroSimConfiguration/reregisterTimeout``), `shutdown/ready` after a shutdown request
    /// (``NeuroSimConfiguration/shutdownReadyTimeout``).
    /// - Throws: `NeuroError` with `NeuroError/Code/notConnected` when no such connection is
    ///   being served.
    public func send(_ command: NeuroCommand, toConnection connectionID: Int? = nil) async throws(NeuroError) {
        for connection in try select(connectionID) {
            logger.info(
                "sending command (fault)", metadata: ["neuro.connection": "\(connection.id)", "neuro.command": "\(command.name)"])
            await connection.send(command, logger: logger)
        }
    }

    /// Closes one connection (or every one) cleanly with a close frame.
    /// - Throws: `NeuroError` with `NeuroError/Code/notConnected` when no such connection is
    ///   being served.
    public func close(
        connection connectionID: Int? = nil, code: WebSocketCloseCode = .normalClosure, reason: String? = nil
    ) async throws(NeuroError) {
        for connection in try select(connectionID) {
            logger.info("closing connection (fault)", metadata: ["neuro.connection": "\(connection.id)"])
            connection.record(.closed(by: .neuro, code: Int(code.rawValue)))
            await connection.transport.close(code: code, reason: reason)
        }
    }

    /// Drops one connection (or every one) abruptly, without a close frame.
    /// - Throws: `NeuroError` with `NeuroError/Code/notConnected` when no such connection is
    ///   being served.
    public func drop(connection connectionID: Int? = nil) throws(NeuroError) {
        for connection in try select(connectionID) {
            logger.info("dropping connection (fault)", metadata: ["neuro.connection": "\(connection.id)"])
            connection.drop()
        }
    }

    /// Records that every live connection is being closed by NeuroSim (a restart or a stop of
    /// the server): with `code`, or dropped when it is `nil`. Only with a recorder.
    func recordClosingAll(code: WebSocketCloseCode?) {
        guard recorder != nil else { return }
        let live = state.withLock { $0.live.values.sorted { $0.id < $1.id } }
        for connection in live {
            connection.record(code.map { .closed(by: .neuro, code: Int($0.rawValue)) } ?? .dropped(by: .neuro))
        }
    }

    private func select(_ connectionID: Int?) throws(NeuroError) -> [LiveConnection] {
        let selected = state.withLock { state in
            connectionID.map { id in state.live[id].map { [$0] } ?? [] } ?? state.live.values.sorted { $0.id < $1.id }
        }
        if let connectionID, selected.isEmpty {
            throw NeuroError(code: .notConnected, message: "NeuroSim is not serving a connection \(connectionID)")
        }
        return selected
    }
}
