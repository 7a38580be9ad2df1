import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroSim

/// One check of one plugin against an in-process NeuroSim on 127.0.0.1: the two sessions, the
/// drop, the save, and the checks over what was recorded.
///
/// The stages run one after another on one NeuroSim: the game under its own names, dropped
/// after a quarter of the actions and resumed on a new connection; then saved and restored;
/// then the restored game under a prefix for the second half. Each stage waits until NeuroSim
/// has seen its connections end before the next begins, so the stages never overlap on
/// NeuroSim's cross-game checks.
struct PluginCheckRun<Plugin: GamePlugin>: Sendable {
    let configuration: PluginCheckConfiguration
    let title: String
    let namePrefix: String
    let monitor: CheckMonitor
    let simulator: NeuroSimulator
    let url: String
    let deadline: ContinuousClock.Instant

    /// What one session's stage left behind.
    struct SessionOutcome: Sendable {
        var finalGame: Plugin
        var recordings: [ConnectionRecording]
        var violations: [PluginCheckViolation]
    }

    // MARK: - Setting up

    /// Runs the whole check: NeuroSim listening on 127.0.0.1 port 0 while the stages play.
    static func check(configuration: PluginCheckConfiguration) async throws(PluginCheckError) -> PluginCheckReport {
        try validate(configuration)
        let game = try makeGame(configuration)
        let clock = ContinuousClock()
        let deadline = clock.now + configuration.timeLimit
        let monitor = CheckMonitor()
        let simulator = NeuroSimulator(
            configuration: simulatorConfiguration(configuration), logger: configuration.logger,
            eventHandler: { monitor.record($0) })
        monitor.setDropper { [weak simulator] connection in try? simulator?.drop(connection: connection) }
        let server = NeuroSimServer(simulator: simulator, host: "127.0.0.1", port: 0, logger: configuration.logger)
        let title = configuration.title ?? Plugin.defaultTitle
        let namePrefix = configuration.namePrefix ?? Plugin.id.replacingOccurrences(of: "-", with: "_") + "_"
        do {
            return try await withThrowingTaskGroup(of: Void.self) { group in
                let (ports, listening) = AsyncStream<Int>.makeStream()
                group.addTask {
                    defer { listening.finish() }
                    try await server.run(onListening: { listening.yield($0) })
                }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else {
                    try await group.waitForAll()
                    throw PluginCheckError(code: .serverFailed, message: "NeuroSim stopped before it listened on 127.0.0.1")
                }
                let run = PluginCheckRun(
                    configuration: configuration, title: title, namePrefix: namePrefix, monitor: monitor,
                    simulator: simulator, url: "ws://127.0.0.1:\(port)", deadline: deadline)
                do {
                    let report = try await run.play(game)
                    server.stop()
                    try await group.waitForAll()
                    return report
                } catch {
                    server.stop()
                    throw error
                }
            }
        } catch let error as PluginCheckError {
            throw error
        } catch {
            throw PluginCheckError(code: .serverFailed, message: "NeuroSim failed on 127.0.0.1: \(error)", cause: error)
        }
    }

    static func validate(_ configuration: PluginCheckConfiguration) throws(PluginCheckError) {
        func invalid(_ message: String) -> PluginCheckError { PluginCheckError(code: .invalidConfiguration, message: message) }
        guard configuration.actions >= PluginCheckConfiguration.minimumActions else {
            throw invalid("actions must be at least \(PluginCheckConfiguration.minimumActions), not \(configuration.actions)")
        }
        guard (0...1).contains(configuration.badDataShare) else {
            throw invalid("badDataShare must be from 0 to 1, not \(configuration.badDataShare)")
        }
        if let prefix = configuration.namePrefix {
            let isName = prefix.utf8.allSatisfy { byte in
                (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "-")
            }
            guard !prefix.isEmpty, isName else {
                throw invalid("namePrefix must be one or more of a-z 0-9 _ -, not \"\(prefix)\"")
            }
        }
        guard configuration.stallTimeout > .zero, configuration.timeLimit > .zero, configuration.resultTimeout > .zero else {
            throw invalid("stallTimeout, timeLimit and resultTimeout must be above zero")
        }
    }

    static func makeGame(_ configuration: PluginCheckConfiguration) throws(PluginCheckError) -> Plugin {
        do {
            return try Plugin(settings: Plugin.decodeSettings(configuration.settings), seed: configuration.seed)
        } catch {
            throw PluginCheckError(
                code: .invalidSettings, message: "\(Plugin.id) cannot start with these settings: \(error)", cause: error)
        }
    }

    /// NeuroSim as the check wants it: quick, persistent, with bad data on purpose.
    static func simulatorConfiguration(_ configuration: PluginCheckConfiguration) -> NeuroSimConfiguration {
        var simulator = NeuroSimConfiguration()
        simulator.seed = configuration.seed
        // No thinking time: the check is about the protocol, not about pacing.
        simulator.forceDelay = .zero
        // Randy's habit, not the real Neuro's: a failed forced action is retried until it
        // succeeds. The random player fails far more often than Neuro, and a game does not force
        // again after Neuro abandons a force, so with the real limit the check could stall.
        simulator.forceRetries = .max
        simulator.badDataShare = configuration.badDataShare
        simulator.resultTimeout = configuration.resultTimeout
        return simulator
    }

    // MARK: - The stages

    /// Plays every stage and checks what was recorded.
    func play(_ game: Plugin) async throws(PluginCheckError) -> PluginCheckReport {
        let firstHalf = configuration.actions / 2
        var violations: [PluginCheckViolation] = []
        do throws(PluginCheckError) {
            let first = try await playSession(
                title: title, game: game, names: .identity, stage: .play, results: firstHalf,
                dropAfter: configuration.actions / 4)
            violations += first.violations
            violations += Self.contextViolations(in: first.recordings, names: .identity)
            violations += ReplayCheck<Plugin>(names: .identity, seed: configuration.seed)
                .violations(from: game, through: first.recordings, endingAt: first.finalGame)

            let saved = SaveCheck.roundTrip(first.finalGame)
            violations += saved.violations
            // A game that cannot be restored goes on as it is, so the prefixed stage still runs.
            let restored = saved.restored ?? first.finalGame

            let prefixed = ActionNameMapping(prefix: namePrefix)
            let second = try await playSession(
                title: title + " (restored)", game: restored, names: prefixed, stage: .prefixedPlay,
                results: configuration.actions - firstHalf, dropAfter: nil)
            violations += second.violations
            violations += Self.contextViolations(in: second.recordings, names: prefixed)
            violations += ReplayCheck<Plugin>(names: prefixed, seed: configuration.seed &+ 1)
                .violations(from: restored, through: second.recordings, endingAt: second.finalGame)
        } catch {
            var error = error
            error.report = report(violations)
            throw error
        }
        return report(violations)
    }

    /// Plays one session until NeuroSim got `target` results on its connections, dropping the
    /// first connection after `dropAfter` results when given.
    func playSession(
        title: String, game: Plugin, names: ActionNameMapping, stage: PluginCheckStage, results target: Int,
        dropAfter: Int?
    ) async throws(PluginCheckError) -> SessionOutcome {
        let session = GameSession(
            title: title, plugin: game, options: GameSessionOptions(names: names, logger: configuration.logger))
        let player = PluginCheckPlayer(
            session: session, names: names, stage: stage, url: url, monitor: monitor,
            connector: WebSocketConnector(logger: configuration.logger))
        let describe: @Sendable () -> String = { Self.describe(session) }
        // NeuroSim drops the connection at exact result counts (mid-game, and at the end), so
        // the same seed plays the same actions again.
        var drops = [CheckMonitor.PlannedDrop(afterResults: target, purpose: .endOfStage)]
        if let dropAfter { drops.append(CheckMonitor.PlannedDrop(afterResults: dropAfter, purpose: .reconnect)) }
        monitor.begin(stage, drops: drops)
        let outcome: PluginCheckPlayer<Plugin>.Outcome
        do {
            outcome = try await withThrowingTaskGroup(of: PluginCheckPlayer<Plugin>.Outcome.self) { group in
                group.addTask { await player.play() }
                do throws(PluginCheckError) {
                    try await waitForProgress("NeuroSim gets \(target) results in \(stage)", describe: describe) {
                        $0.isPlayerDone
                    }
                } catch {
                    await session.stop(code: .normalClosure, reason: "the check failed")
                    throw error
                }
                // Disconnected already: saves and unregisters nothing, makes the session final.
                await session.stop(code: .normalClosure, reason: "the check is over")
                return try await group.next() ?? PluginCheckPlayer<Plugin>.Outcome()
            }
        } catch let error as PluginCheckError {
            throw error
        } catch {
            throw PluginCheckError(code: .serverFailed, message: "the \(stage) stage failed: \(error)", cause: error)
        }
        if let error = outcome.connectionError {
            throw PluginCheckError(
                code: .serverFailed, message: "the game could not connect to NeuroSim at \(url): \(error)", cause: error)
        }
        // Before the next stage: NeuroSim must have seen this one's connections end.
        try await waitForProgress("NeuroSim sees the \(stage) connections end", describe: describe) {
            $0.liveConnections.isEmpty
        }
        return SessionOutcome(finalGame: session.plugin, recordings: outcome.recordings, violations: outcome.violations)
    }

    /// The context messages of `recordings` that name no action of the game as on the wire.
    static func contextViolations(in recordings: [ConnectionRecording], names: ActionNameMapping) -> [PluginCheckViolation] {
        let check = ContextMentionCheck(wireNames: Set(Plugin.actionNames.map(names.wireName)))
        return recordings.flatMap { recording in
            check.problems(in: recording).map {
                PluginCheckViolation(rule: .contextNamesUnknownAction, stage: recording.stage, message: $0)
            }
        }
    }

    // MARK: - Waiting, bounded

    /// Waits until `condition` holds, failing with ``PluginCheckError/Code/stalled`` when
    /// NeuroSim sends no action and gets no result for the stall timeout, and with
    /// ``PluginCheckError/Code/timedOut`` at the check's deadline.
    func waitForProgress(
        _ what: String, describe: @escaping @Sendable () -> String,
        until condition: @escaping @Sendable (CheckMonitor.State) -> Bool
    ) async throws(PluginCheckError) {
        let started = ContinuousClock.now
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { [monitor] in _ = await monitor.wait(until: condition) }
                group.addTask { try await watchForStall(what, since: started, describe: describe) }
                // The first to finish decides: the condition held, or the watch threw.
                try await group.next()
                group.cancelAll()
            }
        } catch let error as PluginCheckError {
            throw error
        } catch {
            // Cancelled from outside: the caller is being torn down anyway.
        }
    }

    /// Sleeps until the stall timeout after the last progress (or the deadline), and throws
    /// when nothing happened meanwhile; ends with `CancellationError` once the wait is over.
    private func watchForStall(
        _ what: String, since started: ContinuousClock.Instant, describe: @Sendable () -> String
    ) async throws {
        let clock = ContinuousClock()
        while true {
            let progress = max(monitor.lastProgress, started)
            try await clock.sleep(until: min(progress + configuration.stallTimeout, deadline))
            let state = monitor.snapshot
            let counts =
                "NeuroSim sent \(state.actionsSent.values.reduce(0, +)) actions and got "
                + "\(state.results.values.reduce(0, +)) results so far; \(describe())"
            if clock.now >= deadline {
                throw PluginCheckError(
                    code: .timedOut,
                    message: "the check took longer than its time limit of \(configuration.timeLimit) while waiting until "
                        + "\(what); \(counts)")
            }
            if max(state.lastProgress, started) == progress {
                throw PluginCheckError(
                    code: .stalled,
                    message: "nothing happened for \(configuration.stallTimeout) while waiting until \(what): NeuroSim sent no "
                        + "action and got no result (does the game force, and answer?); \(counts)")
            }
        }
    }

    /// The game as a stalled check describes it.
    static func describe(_ session: GameSession<Plugin>) -> String {
        let plugin = session.plugin
        let actions = plugin.actions.map { "`\($0.name)`" }.joined(separator: ", ")
        let force = plugin.force.map { "forces \"\($0.query)\"" } ?? "forces nothing"
        return "the game's status is \"\(plugin.status)\", it offers \(actions.isEmpty ? "no actions" : actions) and \(force)"
    }

    // MARK: - The report

    /// The report: the kit's findings and NeuroSim's violations, in stage order.
    func report(_ kitViolations: [PluginCheckViolation]) -> PluginCheckReport {
        let neuroSim = simulator.report()
        let state = monitor.snapshot
        let stages = state.stageByConnection
        let simulated = neuroSim.violations.map { diagnostic in
            PluginCheckViolation(
                rule: PluginCheckRule(diagnostic.rule), stage: stages[diagnostic.connectionID] ?? .play,
                message: diagnostic.message, connectionID: diagnostic.connectionID)
        }
        let badData = Self.badDataViolations(state.acceptedBadActions)
        let order = Dictionary(uniqueKeysWithValues: PluginCheckStage.allCases.enumerated().map { ($1, $0) })
        let violations = (kitViolations + simulated + badData).enumerated()
            .sorted { (order[$0.element.stage] ?? 0, $0.offset) < (order[$1.element.stage] ?? 0, $1.offset) }
            .map(\.element)
        let totals = neuroSim.totals
        return PluginCheckReport(
            pluginID: Plugin.id, title: title, namePrefix: namePrefix, violations: violations,
            actionsSent: totals.actionsSent, actionsAnswered: totals.results, failedResults: totals.failedResults,
            badActionsSent: totals.badActionsSent, reconnects: neuroSim.games.reduce(0) { $0 + $1.reconnects },
            neuroSim: neuroSim)
    }

    /// The bad data on purpose that the game answered with success.
    static func badDataViolations(_ accepted: [CheckMonitor.AcceptedBadAction]) -> [PluginCheckViolation] {
        accepted.map { bad in
            let what =
                bad.action.data.map { "the data \($0), which is off the schema or meant for another action" }
                ?? "no data, under a name it never registered"
            return PluginCheckViolation(
                rule: .badDataAccepted, stage: bad.stage,
                message: "NeuroSim sent `\(bad.action.name)` (id \(bad.action.id)) with \(what), on purpose, and the game "
                    + "answered with success", connectionID: bad.connectionID)
        }
    }
}
