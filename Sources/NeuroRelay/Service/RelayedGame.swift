import GameSessions
import Logging
import NeuroAPI
import NeuroSim
import Synchronization

/// One game written with any SDK, connected to the host's relay, hosted like a built-in game:
/// a `HostedGame` that a `GameSupervisor` plays on each upstream connection to Neuro.
///
/// It lives as long as the game's connection to the relay (the relay makes a new one when the
/// game comes back). ``play(on:)`` serves one upstream connection: it sends `startup` and the
/// game's actions, then hands Neuro's commands to the game; ``gameSent(_:)`` takes the game's
/// frames. Every decision is ``RelayedGameState``'s, made under the upstream client's lock
/// together with its `NeuroConnectionCore`; this class carries the effects out.
final class RelayedGame: HostedGame {
    private struct Live {
        var state: RelayedGameState
        var isPresent = true
        var isStopping = false
        var sessions = 0
        var upstream: (any NeuroTransport)?
    }

    let title: String
    let component: NeuroComponent
    let pluginID = "relay"
    let activity: GameActivity? = nil
    /// The game's connection to the relay.
    private let downstream: any NeuroTransport
    private let forceArbiter: (any ForceArbiter)?
    private let parser = JSONParser()
    private let logger: Logger
    private let live: Mutex<Live>

    /// Creates the game of one connection to the relay.
    /// - Parameters:
    ///   - title: the `game` of its startup.
    ///   - names: its names on the wire.
    ///   - downstream: its connection to the relay.
    ///   - forceArbiter: the force slot it shares with the other games on its Neuro.
    ///   - logger: the relay's logger; the game logs with `neuro.game`.
    init(title: String, names: RelayNames, downstream: any NeuroTransport, forceArbiter: (any ForceArbiter)?, logger: Logger) {
        self.title = title
        self.downstream = downstream
        self.forceArbiter = forceArbiter
        var logger = logger
        logger[metadataKey: "neuro.game"] = "\(title)"
        self.logger = logger
        // The component is the upstream client and its protocol state; the relay runs the
        // connection itself (the component's read loop would answer actions with handlers).
        self.component = NeuroComponent(
            name: "relay", gameTitle: title, connector: nil, logger: logger,
            configuration: NeuroComponentConfiguration(validatesActionData: true))
        self.live = Mutex(Live(state: RelayedGameState(title: title, names: names)))
    }

    /// The state now (a copy).
    var state: RelayedGameState { live.withLock { $0.state } }

    var isPresent: Bool { live.withLock { $0.isPresent } }

    var diagnosticCounts: [String: Int] {
        live.withLock { live in
            var counts: [String: Int] = [:]
            for (rule, count) in live.state.diagnosticCounts { counts[rule.rawValue] = count }
            if live.state.lateResults > 0 { counts["lateResultDropped"] = live.state.lateResults }
            return counts
        }
    }

    /// The upstream connection's registered actions and pending force.
    var view: GameView { GameView(component.client.core) }

    var statistics: GameStatistics {
        let counters = component.client.core.counters
        return live.withLock { live in
            var statistics = GameStatistics()
            statistics.sessions = live.sessions
            statistics.actionsAccepted = live.state.resultsForwarded - live.state.failuresForwarded
            statistics.actionsRejected = live.state.failuresForwarded
            statistics.invalidData = counters.invalidData
            statistics.unknownActions = counters.unknownActions + counters.duplicateIDs + counters.malformedActions
            statistics.lateActions = counters.lateActions
            statistics.forcesSent = live.state.forcesSent
            return statistics
        }
    }

    var gameStatus: String {
        live.withLock { live in
            let checks = live.state.diagnosticCounts.values.reduce(0, +)
            let presence = live.isPresent ? "relayed" : "relayed, disconnected"
            return "\(presence); \(live.state.actionsForwarded) actions forwarded"
                + (checks > 0 ? "; \(checks) checks failed" : "")
        }
    }

    var isWaitingForForceSlot: Bool { forceArbiter?.isWaitingForForceSlot(title) ?? false }

    func checkForAbandonedForce() async {}

    func saveNow() {}

    // MARK: Upstream

    func play(on transport: any NeuroTransport) async throws -> SessionEnd {
        let isStopping = live.withLock { live in
            if !live.isStopping { live.upstream = transport }
            return live.isStopping
        }
        guard !isStopping else {
            await transport.close(code: .goingAway, reason: "the game has left the relay")
            return .stopped
        }
        component.client.connect(transport)
        defer {
            component.client.connect(nil)
            live.withLock { $0.upstream = nil }
            forceArbiter?.releaseForceSlot(for: title)
        }
        do {
            let end = try await withTaskExecutorPreference(transport.preferredTaskExecutor) {
                try await serve(transport)
            }
            await change { state, core, _ in state.upstreamDisconnected(core: &core) }
            return end
        } catch {
            await change { state, core, _ in state.upstreamDisconnected(core: &core) }
            if live.withLock({ $0.isStopping }) { return .stopped }
            throw error
        }
    }

    private func serve(_ transport: any NeuroTransport) async throws -> SessionEnd {
        live.withLock { $0.sessions += 1 }
        await change { state, core, _ in state.upstreamConnected(core: &core) }
        return try await withThrowingTaskGroup(of: SessionEnd?.self) { group in
            if let forceArbiter {
                group.addTask {
                    try await self.serveForceSlot(from: forceArbiter)
                    return nil
                }
            }
            group.addTask { try await self.readUpstream() }
            while let end = try await group.next() {
                if let end {
                    group.cancelAll()
                    return end
                }
            }
            return .stopped
        }
    }

    /// Hands Neuro's commands to the state until the connection ends.
    private func readUpstream() async throws -> SessionEnd {
        while true {
            switch try await component.client.read() {
            case .command(let command):
                await change { state, core, now in state.neuroSent(command, core: &core, at: now) }
            case .invalidFrame(let error, _):
                logger.warning("Neuro sent a frame that could not be read", metadata: ["error": "\(error.message)"])
            case .closed(let code, let reason):
                return live.withLock({ $0.isStopping }) ? .stopped : .closedByNeuro(code, reason: reason)
            }
        }
    }

    /// Acts on the slot's signals until cancelled.
    private func serveForceSlot(from arbiter: any ForceArbiter) async throws {
        while true {
            switch try await arbiter.waitForForceSlot(for: title) {
            case .granted(let ticket):
                await change { state, core, _ in state.forceSlotGranted(ticket: ticket, core: &core) }
            case .withdrawForce:
                logger.warning("withdrawing a force Neuro did not answer in time")
                await change { state, core, now in state.forceSlotRevoked(core: &core, at: now) }
            }
        }
    }

    // MARK: Downstream

    /// Takes one frame of the game.
    func gameSent(_ message: TransportMessage) async {
        switch RelayFrameReading.read(message, parser: parser) {
        case .rejected(let rule, let message):
            await change { state, _, _ in [state.diagnose(rule, message)] }
        case .command(let command, let game, let diagnostics):
            await change { state, core, now in
                var effects = diagnostics.map { state.diagnose($0.0, $0.1) }
                if let game, game != title {
                    effects.append(state.diagnose(.gameChanged, "the title changed to \"\(game)\"; taken as \"\(title)\""))
                }
                return effects + state.gameSent(command, core: &core, at: now)
            }
        }
    }

    /// Takes a command of the game already read (the relay's first frame).
    func gameSent(command: GameCommand) async {
        await change { state, core, now in state.gameSent(command, core: &core, at: now) }
    }

    /// The game left the relay (or the host stops): its actions in flight fail, its actions are
    /// unregistered at Neuro, the slot is given back, and both connections close.
    func stop(code: WebSocketCloseCode, reason: String?) async {
        let upstream = live.withLock { live in
            live.isStopping = true
            return live.upstream
        }
        await change { state, core, now in state.gameDisconnected(core: &core, at: now) }
        live.withLock { $0.isPresent = false }
        await upstream?.close(code: code, reason: reason)
        await downstream.close(code: code, reason: reason)
    }

    /// Marks the game gone once its connection to the relay has ended.
    func markLeft() {
        live.withLock { $0.isPresent = false }
    }

    // MARK: Internals

    /// Changes the state and the upstream core together, then carries the effects out in order:
    /// upstream frames through the client's ordered update, frames for the game after it.
    private func change(
        _ body: (inout RelayedGameState, inout NeuroConnectionCore, ContinuousClock.Instant) -> [RelayEffect]
    ) async {
        var forGame: [NeuroCommand] = []
        var diagnostics: [(ConformanceRule, String)] = []
        do {
            try await component.client.update { core -> (Void, [OutgoingStep]) in
                let effects = live.withLock { body(&$0.state, &core, .now) }
                var steps: [OutgoingStep] = []
                for effect in effects {
                    switch effect {
                    case .upstream(let command): steps.append(.send(command))
                    case .downstream(let command): forGame.append(command)
                    case .diagnostic(let rule, let message): diagnostics.append((rule, message))
                    case .requestForceSlot(let priority, let ticket):
                        guard let forceArbiter else { continue }
                        steps.append(
                            .then { [title] in forceArbiter.requestForceSlot(for: title, priority: priority, ticket: ticket) })
                    case .releaseForceSlot:
                        guard let forceArbiter else { continue }
                        steps.append(.afterWritten { [title] in forceArbiter.releaseForceSlot(for: title) })
                    }
                }
                return ((), steps)
            }
        } catch let error as NeuroError where error.code == .notConnected {
            // Neuro is away: the state keeps what the next connection sends.
        } catch {
            logger.debug("a frame for Neuro was not sent", metadata: ["error": "\(error)"])
        }
        for (rule, message) in diagnostics {
            logger.warning(
                "the game broke a rule of the game API",
                metadata: ["neuro.rule": "\(rule.rawValue)", "neuro.problem": "\(message)"])
        }
        for command in forGame {
            do {
                try await downstream.send(command.encoded())
            } catch {
                logger.debug("a frame for the game was not sent", metadata: ["error": "\(error)"])
                return
            }
        }
    }
}
