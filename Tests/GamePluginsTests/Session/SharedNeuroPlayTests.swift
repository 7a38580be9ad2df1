import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

/// What a game must do to be playable on a Neuro it shares with other games, checked on the
/// pure cores (``SessionCoreHarness``) with explicit times.
@Suite struct SharedNeuroPlayTests {
    let start = ContinuousClock.now

    // MARK: Texts name actions as they are on the wire

    /// Every backticked word that looks like an action name.
    static func backtickedNames(in text: String) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset.isMultiple(of: 2) == false }
            .map { String($0.element) }
            .filter { !$0.isEmpty && $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-" } }
    }

    /// Every text Neuro reads in a command.
    static func texts(of command: GameCommand) -> [String] {
        switch command {
        case .context(let message, _): return [message]
        case .forceActions(let force): return [force.query] + (force.state.map { [$0] } ?? [])
        case .actionResult(let result): return result.message.map { [$0] } ?? []
        default: return []
        }
    }

    static func playUnderAPrefix<Game: GamePlugin>(_: Game.Type, seed: UInt64) throws -> (texts: [String], forces: Int) {
        let prefix = "shared_"
        var harness = SessionCoreHarness(
            plugin: try Game(settings: Game.decodeSettings(nil), seed: seed), names: ActionNameMapping(prefix: prefix))
        var commands = harness.connected().compactMap(\.command)
        var player = RandomPlayer(seed: seed)
        for index in 0..<300 {
            let (name, data) = player.nextAction(for: harness.plugin)
            let action = NeuroAction(id: "\(index)", name: prefix + name, data: data.map(JSONWriter.string(from:)))
            commands += harness.handle(action, at: .now).effects.compactMap(\.command)
        }
        let texts = commands.flatMap(texts(of:))
        return (texts, commands.count { if case .forceActions = $0 { true } else { false } })
    }

    @Test(arguments: GameCatalog.builtIn.plugins.map { $0.id })
    func everyTextNamesActionsByTheirWireNames(id: String) throws {
        let type = try #require(GameCatalog.builtIn.plugin(id: id))
        for seed: UInt64 in [1, 2, 3] {
            let (texts, forces) = try Self.playUnderAPrefix(type, seed: seed)
            #expect(forces > 1, "the game should have been played")
            let local = Set(type.actionNames)
            for text in texts {
                let stale = Self.backtickedNames(in: text).filter(local.contains)
                #expect(stale.isEmpty, "\(id) names \(stale) without the prefix in: \(text)")
            }
            // The prefix did reach the texts that name actions.
            #expect(texts.contains { Self.backtickedNames(in: $0).contains { $0.hasPrefix("shared_") } })
        }
    }

    static func forcesAndRefusals<Game: GamePlugin>(
        _: Game.Type, seed: UInt64
    ) throws -> (
        forces: [ActionForce], refusals: [String]
    ) {
        var game = try Game(settings: Game.decodeSettings(nil), seed: seed)
        var player = RandomPlayer(seed: seed)
        var forces: [ActionForce] = []
        var refusals: [String] = []
        for _ in 0..<300 {
            if let force = game.force { forces.append(force) }
            let (name, data) = player.nextAction(for: game)
            guard game.actions.contains(where: { $0.name == name }) else { continue }
            // A built-in game never throws: a throw fails the test.
            let outcome = try game.perform(name, data: data)
            if !outcome.isAccepted { refusals.append(outcome.message) }
        }
        return (forces, refusals)
    }

    /// The best practices: the state re-sent with every force is ephemeral, and a refusal
    /// says what would succeed (an action to use, or the values that are allowed).
    @Test(arguments: GameCatalog.builtIn.plugins.map { $0.id })
    func forcesAreEphemeralAndRefusalsSayWhatWouldSucceed(id: String) throws {
        let type = try #require(GameCatalog.builtIn.plugin(id: id))
        let (forces, refusals) = try Self.forcesAndRefusals(type, seed: 5)
        #expect(!forces.isEmpty)
        #expect(forces.allSatisfy { $0.state == nil || $0.isEphemeralContext }, "\(id)")
        #expect(!refusals.isEmpty, "\(id): 300 random actions were never refused, so nothing was checked")
        let names = type.actionNames.map { "`\($0)`" }
        for message in refusals {
            // What would succeed: one of the game's actions, a number, or a list of what is allowed.
            let listsValues = message.contains(": ") && message.contains(", ")
            let pointsOnward = names.contains(where: message.contains) || message.contains(where: \.isNumber) || listsValues
            #expect(pointsOnward, "\(id) refuses without saying what would succeed: \(message)")
        }
    }

    @Test func renderingTouchesOnlyTheGamesBacktickedNames() {
        let names = ActionNameMapping(prefix: "ttt_")
        let text = "Use `play` (not play) on a `#` cell:\n```\n play \n```\n`playing` `play`"
        #expect(
            names.render(text, actionNames: ["play"])
                == "Use `ttt_play` (not play) on a `#` cell:\n```\n play \n```\n`playing` `ttt_play`")
        #expect(ActionNameMapping.identity.render(text, actionNames: ["play"]) == text)
        #expect(names.render("an unclosed `play", actionNames: ["play"]) == "an unclosed `play")
    }

    // MARK: A force Neuro gave up on

    @Test func aForceNeuroGaveUpOnIsWithdrawnAndSentAgain() throws {
        var state = SessionCoreHarness(
            plugin: try DoorsGame(settings: .init(), seed: 0), abandonedForceTimeout: .seconds(5))
        _ = state.connected()
        // The forced action fails (door 2 is locked); Neuro retried, then went quiet.
        _ = state.handle(NeuroAction(id: "1", name: "open", data: #"{"door":2}"#), at: start)
        #expect(state.state.forceFailedAt == start)
        #expect(state.checkForAbandonedForce(at: start + .seconds(4)).isEmpty)
        #expect(
            state.checkForAbandonedForce(at: start + .seconds(5)).compactMap(\.command) == [
                .unregisterActions(["open", "bonus"]),
                .registerActions([DoorsGame.open, DoorsGame.bonus]),
                .forceActions(ActionForce(query: "Open a door.", state: "Opened: []", actionNames: ["open", "bonus"])),
            ])
        #expect(state.statistics.forcesAbandoned == 1)
        #expect(state.checkForAbandonedForce(at: start + .seconds(60)).isEmpty)
    }

    @Test func anActionAfterTheFailureMeansNeuroHasNotGivenUp() throws {
        var state = SessionCoreHarness(plugin: try DoorsGame(settings: .init(), seed: 0))
        _ = state.connected()
        _ = state.handle(NeuroAction(id: "1", name: "open", data: #"{"door":2}"#), at: start)
        // Her retry, with bad data this time (answered without the game), fails again.
        _ = state.handle(NeuroAction(id: "2", name: "open", data: #"{"door":9}"#), at: start + .seconds(3))
        #expect(state.checkForAbandonedForce(at: start + .seconds(6)).isEmpty)
        // Her next retry succeeds: nothing is pending any more.
        _ = state.handle(NeuroAction(id: "3", name: "open", data: #"{"door":1}"#), at: start + .seconds(7))
        #expect(state.state.forceFailedAt == nil)
        #expect(state.checkForAbandonedForce(at: start + .seconds(30)).isEmpty)
    }

    @Test func anArbitratedGameHandsTheSlotOnAndQueuesAgain() throws {
        var state = SessionCoreHarness(
            plugin: try DoorsGame(settings: .init(), seed: 0), isForceArbitrated: true, abandonedForceTimeout: .seconds(5))
        _ = state.connected()
        _ = state.forceSlotGranted(ticket: 0)
        _ = state.handle(NeuroAction(id: "1", name: "open", data: #"{"door":2}"#), at: start)
        let effects = state.checkForAbandonedForce(at: start + .seconds(5))
        #expect(
            effects == [
                .send(.unregisterActions(["open", "bonus"])),
                .releaseForceSlot,
                .send(.registerActions([DoorsGame.open, DoorsGame.bonus])),
                .requestForceSlot(.low, ticket: 1),
            ])
    }

    // MARK: The force slot times out

    @Test func aRevokedSlotWithdrawsTheForceBeforeItIsReleased() throws {
        var state = SessionCoreHarness(plugin: try DoorsGame(settings: .init(), seed: 0), isForceArbitrated: true)
        _ = state.connected()
        _ = state.forceSlotGranted(ticket: 0)
        #expect(state.pendingForce != nil)
        #expect(
            state.forceSlotRevoked() == [
                .send(.unregisterActions(["open", "bonus"])),
                .releaseForceSlot,
                .send(.registerActions([DoorsGame.open, DoorsGame.bonus])),
                .requestForceSlot(.low, ticket: 1),
            ])
        #expect(state.statistics.forcesWithdrawn == 1)
        #expect(state.forceSlotRevoked().isEmpty, "no longer the holder")
    }

    // MARK: The introduction and Neuro's sessions

    @Test func theIntroductionFollowsNeurosSessionNotTheConnection() throws {
        var state = SessionCoreHarness(plugin: try DoorsGame(settings: .init(), seed: 0))
        let introduction = SessionEffect.send(.context(message: "Open doors. Door 2 is locked.", isSilent: true))
        #expect(state.connected().contains(introduction))
        #expect(state.startupAcknowledged(NeuroSessionInfo(sessionID: "s1")).isEmpty)
        // A reconnect to the same session: she still knows the rules.
        #expect(!state.connected().contains(introduction))
        #expect(state.startupAcknowledged(NeuroSessionInfo(sessionID: "s1")).isEmpty)
        // Neuro restarted: a new session has not heard them.
        #expect(!state.connected().contains(introduction))
        #expect(state.startupAcknowledged(NeuroSessionInfo(sessionID: "s2")) == [introduction])
        // No session named: she may not know them.
        _ = state.connected()
        #expect(state.startupAcknowledged(nil) == [introduction])
        #expect(state.startupAcknowledged(NeuroSessionInfo(sessionID: nil)) == [introduction])
    }
}

extension SessionEffect {
    /// The command, when the effect sends one.
    var command: GameCommand? {
        if case .send(let command) = self { return command }
        return nil
    }
}
