import NeuroAPI
import NeuroSim
import Testing

@testable import NeuroRelay

/// The relayed game's rules as pure values: the state and the upstream core change together,
/// and each test reads the effects.
@Suite struct RelayedGameStateTests {
    /// A state with its upstream core, connected (or not).
    struct Harness {
        var state = RelayedGameState(title: "Jump Game", names: RelayNames(prefix: "jump_game_"))
        var core = NeuroConnectionCore()
        let now = ContinuousClock.now

        init(connected: Bool = true) {
            _ = state.gameSent(.startup, core: &core, at: now)
            if connected { _ = state.upstreamConnected(core: &core) }
        }

        mutating func game(_ command: GameCommand) -> [RelayEffect] { state.gameSent(command, core: &core, at: now) }
        mutating func neuro(_ command: NeuroCommand) -> [RelayEffect] { state.neuroSent(command, core: &core, at: now) }
        mutating func register(_ names: String...) {
            _ = game(.registerActions(names.map { Action(name: $0, description: "Do \($0).") }))
        }
    }

    static func upstream(_ effects: [RelayEffect]) -> [GameCommand] {
        effects.compactMap { if case .upstream(let command) = $0 { command } else { nil } }
    }
    static func downstream(_ effects: [RelayEffect]) -> [NeuroCommand] {
        effects.compactMap { if case .downstream(let command) = $0 { command } else { nil } }
    }
    static func tickets(_ effects: [RelayEffect]) -> [Int] {
        effects.compactMap { if case .requestForceSlot(_, let ticket) = $0 { ticket } else { nil } }
    }
    static func releases(_ effects: [RelayEffect]) -> Int {
        effects.filter { if case .releaseForceSlot = $0 { true } else { false } }.count
    }

    @Test func theUpstreamConnectionSendsStartupAndTheActionsUnderWireNames() {
        var harness = Harness(connected: false)
        harness.register("jump")
        let effects = harness.state.upstreamConnected(core: &harness.core)
        #expect(
            Self.upstream(effects) == [.startup, .registerActions([Action(name: "jump_game_jump", description: "Do jump.")])])
    }

    @Test func aForceWaitsForTheSlotAndGoesOutOnTheGrant() {
        var harness = Harness()
        harness.register("jump")
        let asked = harness.game(.forceActions(ActionForce(query: "Jump with `jump`.", actionNames: ["jump"])))
        #expect(Self.upstream(asked).isEmpty, "the force waits for the slot")
        #expect(Self.tickets(asked).count == 1, "the force asks for the slot")
        let granted = harness.state.forceSlotGranted(ticket: Self.tickets(asked).first ?? -1, core: &harness.core)
        guard case .forceActions(let force)? = Self.upstream(granted).first else {
            Issue.record("no force on the grant")
            return
        }
        #expect(force.actionNames == ["jump_game_jump"])
        #expect(force.query == "Jump with `jump_game_jump`.")
        #expect(harness.state.forceSlot == .holding)
        // Neuro picks the action; the game gets its own name; its success frees the slot after the result.
        let action = harness.neuro(.action(NeuroAction(id: "a1", name: "jump_game_jump", data: nil)))
        #expect(Self.downstream(action) == [.action(NeuroAction(id: "a1", name: "jump", data: nil))])
        let answered = harness.game(.actionResult(.success(id: "a1", message: "Jumped")))
        #expect(Self.upstream(answered) == [.actionResult(.success(id: "a1", message: "Jumped"))])
        #expect(Self.releases(answered) == 1)
        #expect(harness.state.forceSlot == .idle)
    }

    @Test func unregisteringTheForcedActionsWithdrawsAWaitingForce() {
        var harness = Harness()
        harness.register("jump", "duck")
        _ = harness.game(.forceActions(ActionForce(query: "Jump.", actionNames: ["jump"])))
        let withdrawn = harness.game(.unregisterActions(["jump"]))
        #expect(Self.upstream(withdrawn) == [.unregisterActions(["jump_game_jump"])])
        #expect(Self.releases(withdrawn) == 1)
        #expect(harness.state.wantedForce == nil)
        // A late grant of the withdrawn request sends nothing.
        #expect(Self.upstream(harness.state.forceSlotGranted(ticket: 0, core: &harness.core)).isEmpty)
    }

    @Test func aGrantWhileAnActionAwaitsTheGamesResultWaitsForTheResult() {
        var harness = Harness()
        harness.register("jump", "duck")
        _ = harness.neuro(.action(NeuroAction(id: "d1", name: "jump_game_duck", data: nil)))
        let asked = harness.game(.forceActions(ActionForce(query: "Jump.", actionNames: ["jump"])))
        #expect(asked.contains { if case .diagnostic(.forceWhileResultPending, _) = $0 { true } else { false } })
        #expect(Self.upstream(harness.state.forceSlotGranted(ticket: 0, core: &harness.core)).isEmpty)
        let answered = harness.game(.actionResult(.success(id: "d1")))
        #expect(Self.upstream(answered).map(\.name) == ["action/result", "actions/force"])
    }

    @Test func neuroDroppingOrphansActionsInFlightAndTheLateResultIsDroppedAndCounted() {
        var harness = Harness()
        harness.register("jump")
        _ = harness.game(.forceActions(ActionForce(query: "Jump.", actionNames: ["jump"])))
        _ = harness.state.forceSlotGranted(ticket: 0, core: &harness.core)
        _ = harness.neuro(.action(NeuroAction(id: "a1", name: "jump_game_jump", data: nil)))
        let dropped = harness.state.upstreamDisconnected(core: &harness.core)
        #expect(Self.releases(dropped) == 1)
        #expect(harness.game(.actionResult(.success(id: "a1"))).isEmpty, "answered to nobody")
        #expect(harness.state.lateResults == 1)
        // The next connection: startup, the actions, and the force through the slot again.
        let again = harness.state.upstreamConnected(core: &harness.core)
        #expect(Self.upstream(again).map(\.name) == ["startup", "actions/register"])
        #expect(Self.tickets(again) == [1])
        #expect(Self.upstream(harness.state.forceSlotGranted(ticket: 1, core: &harness.core)).map(\.name) == ["actions/force"])
    }

    @Test func contextIsRepeatedToANewSessionAndNotToTheSameOne() {
        var harness = Harness()
        _ = harness.neuro(.startupAcknowledgement(NeuroSessionInfo(sessionID: "s1")))
        #expect(Self.upstream(harness.game(.context(message: "The level began.", isSilent: false))).count == 1)
        // Neuro drops; the same session comes back: nothing repeated.
        _ = harness.state.upstreamDisconnected(core: &harness.core)
        _ = harness.state.upstreamConnected(core: &harness.core)
        #expect(Self.upstream(harness.neuro(.startupAcknowledgement(NeuroSessionInfo(sessionID: "s1")))).isEmpty)
        // Neuro restarts: a new session hears the context again, silently.
        _ = harness.state.upstreamDisconnected(core: &harness.core)
        _ = harness.state.upstreamConnected(core: &harness.core)
        let repeated = harness.neuro(.startupAcknowledgement(NeuroSessionInfo(sessionID: "s2")))
        #expect(Self.upstream(repeated) == [.context(message: "The level began.", isSilent: true)])
    }

    @Test func onlyTheGamesOwnStartupIsAcknowledgedToIt() {
        var harness = Harness()
        let first = harness.neuro(.startupAcknowledgement(nil))
        #expect(Self.downstream(first) == [.startupAcknowledgement(nil)])
        _ = harness.state.upstreamDisconnected(core: &harness.core)
        _ = harness.state.upstreamConnected(core: &harness.core)
        #expect(Self.downstream(harness.neuro(.startupAcknowledgement(nil))).isEmpty, "the host's reconnect")
    }

    @Test func theGameLeavingFailsItsActionsUnregistersAndFreesTheSlot() {
        var harness = Harness()
        harness.register("jump")
        _ = harness.game(.forceActions(ActionForce(query: "Jump.", actionNames: ["jump"])))
        _ = harness.state.forceSlotGranted(ticket: 0, core: &harness.core)
        _ = harness.neuro(.action(NeuroAction(id: "a1", name: "jump_game_jump", data: nil)))
        let left = harness.state.gameDisconnected(core: &harness.core, at: harness.now)
        let commands = Self.upstream(left)
        #expect(commands.map(\.name) == ["action/result", "actions/unregister"])
        if case .actionResult(let result) = commands.first { #expect(!result.isSuccess) }
        #expect(Self.releases(left) == 1)
    }

    @Test func neurosShutdownReregisterAndVendorCommandsReachTheGame() {
        var harness = Harness()
        harness.register("jump")
        for command: NeuroCommand in [
            .gracefulShutdownRequest(wantsShutdown: true), .immediateShutdownRequest,
            .speechFinished(SpeechFinished(isFinal: true)), .unknown(command: "vedal/ping", data: ["x": 1]),
        ] {
            #expect(Self.downstream(harness.neuro(command)) == [command])
        }
        let reregister = harness.neuro(.reregisterAllActions)
        #expect(Self.upstream(reregister).map(\.name) == ["actions/register"])
        #expect(Self.downstream(reregister) == [.reregisterAllActions])
        // The game's identical registration in answer is not sent twice.
        #expect(Self.upstream(harness.game(.registerActions([Action(name: "jump", description: "Do jump.")]))).isEmpty)
        #expect(Self.upstream(harness.game(.shutdownReady)) == [.shutdownReady])
    }

    @Test func checksCountWhatNeuroSimWouldFlagAndSendNothingBroken() {
        var harness = Harness()
        let bad = harness.game(
            .registerActions([
                Action(name: "Bad Name", description: "x"), Action(name: "ok", description: "x", schema: .string("no")),
                Action(name: "fine", description: "x"),
            ]))
        #expect(Self.upstream(bad) == [.registerActions([Action(name: "jump_game_fine", description: "x")])])
        #expect(Self.upstream(harness.game(.forceActions(ActionForce(query: "q", actionNames: ["ghost"])))).isEmpty)
        #expect(Self.upstream(harness.game(.actionResult(.success(id: "never-sent")))).isEmpty)
        #expect(Self.upstream(harness.game(.unregisterActions(["ghost"]))).isEmpty)
        #expect(harness.state.diagnosticCounts[.invalidActionName] == 1)
        #expect(harness.state.diagnosticCounts[.invalidSchema] == 1)
        #expect(harness.state.diagnosticCounts[.forceUnregisteredAction] == 1)
        #expect(harness.state.diagnosticCounts[.unknownResultID] == 1)
        #expect(harness.state.diagnosticCounts[.unregisterUnknown] == 1)
    }

    @Test func aFailureWithoutAMessageGetsOneOnTheWay() {
        var harness = Harness()
        harness.register("jump")
        _ = harness.neuro(.action(NeuroAction(id: "a1", name: "jump_game_jump", data: nil)))
        let answered = harness.game(.actionResult(ActionResult(id: "a1", isSuccess: false)))
        guard case .actionResult(let result)? = Self.upstream(answered).first else {
            Issue.record("no result")
            return
        }
        #expect(result.message?.isEmpty == false)
        #expect(harness.state.diagnosticCounts[.failureWithoutMessage] == 1)
    }

    @Test func neurosActionsForNamesNotRegisteredAreAnsweredByTheHost() {
        var harness = Harness()
        let effects = harness.neuro(.action(NeuroAction(id: "x", name: "jump_game_ghost", data: nil)))
        #expect(Self.downstream(effects).isEmpty)
        guard case .actionResult(let result)? = Self.upstream(effects).first else {
            Issue.record("not answered")
            return
        }
        #expect(!result.isSuccess)
    }
}

extension RelayedGameStateTests {
    @Test func idsRepeatedByANewNeuroConnectionReachTheGameDistinct() {
        var harness = Harness()
        harness.register("jump")
        let first = harness.neuro(.action(NeuroAction(id: "sim-1", name: "jump_game_jump", data: nil)))
        _ = harness.state.upstreamDisconnected(core: &harness.core)
        _ = harness.state.upstreamConnected(core: &harness.core)
        let second = harness.neuro(.action(NeuroAction(id: "sim-1", name: "jump_game_jump", data: nil)))
        #expect(Self.downstream(first) == [.action(NeuroAction(id: "sim-1", name: "jump", data: nil))])
        #expect(Self.downstream(second) == [.action(NeuroAction(id: "sim-1@2", name: "jump", data: nil))])
        // The old id's late result is dropped; the new one goes to Neuro under Neuro's id.
        #expect(harness.game(.actionResult(.success(id: "sim-1"))).isEmpty)
        #expect(Self.upstream(harness.game(.actionResult(.success(id: "sim-1@2")))) == [.actionResult(.success(id: "sim-1"))])
    }

    @Test func aForceWaitingForTheSlotIsWithdrawnByShutdownReady() {
        var harness = Harness()
        harness.register("jump")
        _ = harness.game(.forceActions(ActionForce(query: "q", actionNames: ["jump"])))
        let ready = harness.game(.shutdownReady)
        #expect(Self.upstream(ready) == [.shutdownReady])
        #expect(Self.releases(ready) == 1)
        #expect(Self.upstream(harness.state.forceSlotGranted(ticket: 0, core: &harness.core)).isEmpty)
    }

    @Test func aForceAfterShutdownReadyIsNotSent() {
        var harness = Harness()
        harness.register("jump")
        _ = harness.game(.shutdownReady)
        #expect(Self.tickets(harness.game(.forceActions(ActionForce(query: "q", actionNames: ["jump"])))).isEmpty)
        #expect(harness.state.diagnosticCounts[.forceAfterShutdownReady] == 1)
        _ = harness.neuro(.gracefulShutdownRequest(wantsShutdown: false))
        #expect(Self.tickets(harness.game(.forceActions(ActionForce(query: "q", actionNames: ["jump"])))).count == 1)
    }
}
