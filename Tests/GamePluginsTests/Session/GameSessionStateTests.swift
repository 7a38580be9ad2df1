import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

@Suite struct GameSessionStateTests {
    let start = ContinuousClock.now

    func makeState(prefix: String = "") throws -> SessionCoreHarness<DoorsGame> {
        SessionCoreHarness(plugin: try DoorsGame(settings: .init(), seed: 0), names: ActionNameMapping(prefix: prefix))
    }

    func sent(_ effects: [SessionEffect]) -> [GameCommand] {
        effects.compactMap {
            if case .send(let command) = $0 { return command }
            return nil
        }
    }

    @Test func firstConnectionIntroducesRegistersAndForces() throws {
        var state = try makeState()
        let commands = sent(state.connected())
        #expect(
            commands == [
                .startup,
                .context(message: "Open doors. Door 2 is locked.", isSilent: true),
                .registerActions([DoorsGame.open, DoorsGame.bonus]),
                .forceActions(ActionForce(query: "Open a door.", state: "Opened: []", actionNames: ["open", "bonus"])),
            ])
        #expect(state.pendingForce?.actionNames == ["open", "bonus"])
        #expect(state.statistics.sessions == 1)
    }

    @Test func aReconnectResumesWithoutTheIntroduction() throws {
        var state = try makeState()
        _ = state.connected()
        _ = state.handle(NeuroAction(id: "1", name: "bonus"), at: start)
        let commands = sent(state.connected())
        #expect(
            commands == [
                .startup,
                .registerActions([DoorsGame.open]),
                .forceActions(ActionForce(query: "Open a door.", state: "Opened: []", actionNames: ["open"])),
            ])
        #expect(state.statistics.sessions == 2)
    }

    @Test func aOneOffActionIsUnregisteredBeforeTheSuccessfulResult() throws {
        var state = try makeState()
        _ = state.connected()
        let (effects, error) = state.handle(NeuroAction(id: "7", name: "bonus"), at: start)
        #expect(error == nil)
        #expect(
            sent(effects) == [
                .unregisterActions(["bonus"]),
                .actionResult(.success(id: "7", message: "Bonus taken.")),
                .forceActions(ActionForce(query: "Open a door.", state: "Opened: []", actionNames: ["open"])),
            ])
        #expect(Array(state.registered.keys) == ["open"])
    }

    @Test func anAcceptedActionSendsResultContextAndTheNextForce() throws {
        var state = try makeState()
        _ = state.connected()
        let (effects, _) = state.handle(NeuroAction(id: "1", name: "open", data: #"{"door": 1}"#), at: start)
        #expect(
            sent(effects) == [
                .actionResult(.success(id: "1", message: "Opened door 1.")),
                .context(message: "The opponent knocked.", isSilent: true),
                .forceActions(ActionForce(query: "Open a door.", state: "Opened: [1]", actionNames: ["open", "bonus"])),
            ])
        #expect(state.plugin.opened == [1])
        #expect(state.statistics.actionsAccepted == 1)
        #expect(state.statistics.forcesSent == 2)
    }

    @Test func aRuleRefusalChangesNothingAndLeavesTheForcePending() throws {
        var state = try makeState()
        _ = state.connected()
        let before = state.plugin
        let (effects, _) = state.handle(NeuroAction(id: "2", name: "open", data: #"{"door": 2}"#), at: start)
        #expect(sent(effects) == [.actionResult(.failure(id: "2", message: "Door 2 is locked; open door 1 or 3."))])
        #expect(state.plugin.opened == before.opened)
        #expect(state.pendingForce != nil)
        #expect(state.statistics.actionsRejected == 1)
    }

    @Test(arguments: [
        (
            String?.none,
            "Invalid data for \"open\": the action needs data: missing required property \"door\". Try again with valid data."
        ),
        ("{\"door\": 9}", "Invalid data for \"open\": door: 9 is above the maximum 3. Try again with valid data."),
    ])
    func invalidDataIsAnsweredWithTheValidatorsMessage(data: String?, message: String) throws {
        var state = try makeState()
        _ = state.connected()
        let (effects, _) = state.handle(NeuroAction(id: "3", name: "open", data: data), at: start)
        #expect(sent(effects) == [.actionResult(.failure(id: "3", message: message))])
        #expect(state.statistics.invalidData == 1)
    }

    @Test func notJSONIsAnsweredWithAFailure() throws {
        var state = try makeState()
        _ = state.connected()
        let (effects, _) = state.handle(NeuroAction(id: "3", name: "open", data: "{door"), at: start)
        guard case .send(.actionResult(let result)) = effects.first else {
            Issue.record("expected a result")
            return
        }
        #expect(result.isSuccess == false)
        #expect(result.message?.hasPrefix("Invalid data for \"open\": the data is not valid JSON") == true)
    }

    @Test func unknownAndRecentlyUnregisteredActionsAreToldApart() throws {
        var state = try makeState()
        _ = state.connected()
        _ = state.handle(NeuroAction(id: "1", name: "bonus"), at: start)
        let late = state.handle(NeuroAction(id: "2", name: "bonus"), at: start + .seconds(3))
        #expect(
            sent(late.effects) == [
                .actionResult(
                    .failure(
                        id: "2",
                        message: "\"bonus\" is no longer available (it was unregistered 3 s ago). Available now: \"open\"."))
            ])
        let tooLate = state.handle(NeuroAction(id: "3", name: "bonus"), at: start + .seconds(11))
        #expect(
            sent(tooLate.effects) == [
                .actionResult(.failure(id: "3", message: "Unknown action \"bonus\". Available now: \"open\"."))
            ])
        let unknown = state.handle(NeuroAction(id: "4", name: "fly"), at: start + .seconds(12))
        #expect(
            sent(unknown.effects) == [
                .actionResult(.failure(id: "4", message: "Unknown action \"fly\". Available now: \"open\"."))
            ])
        #expect(state.statistics.lateActions == 1)
        #expect(state.statistics.unknownActions == 2)
    }

    @Test func aBrokenGameAnswersTheActionAndKeepsItsLastGoodValue() throws {
        var state = try makeState()
        _ = state.connected()
        _ = state.handle(NeuroAction(id: "1", name: "open", data: #"{"door": 1}"#), at: start)
        let (effects, error) = state.handle(NeuroAction(id: "2", name: "open", data: #"{"door": 3}"#), at: start)
        #expect(error is DoorsGame.Broken)
        #expect(
            sent(effects) == [
                .actionResult(
                    .failure(id: "2", message: "The game hit an internal error and is restarting; try again in a moment."))
            ])
        #expect(state.plugin.opened == [1])
        #expect(state.statistics.pluginErrors == 1)
    }

    @Test func reregisterAllSendsWhatNeuroShouldHave() throws {
        var state = try makeState()
        #expect(state.reregisterAll() == [])
        _ = state.connected()
        // Neuro forgot the actions and the force: both are sent again.
        #expect(
            sent(state.reregisterAll()) == [
                .registerActions([DoorsGame.open, DoorsGame.bonus]),
                .forceActions(ActionForce(query: "Open a door.", state: "Opened: []", actionNames: ["open", "bonus"])),
            ])
    }

    @Test func aGracefulShutdownQuitsToTheMenuBeforeReady() throws {
        var state = try makeState()
        _ = state.connected()
        // Quit: save, unregister every action (ending the force), then ready; nothing more.
        #expect(
            state.gracefulShutdownRequested(wantsShutdown: true)
                == [.save, .send(.unregisterActions(["open", "bonus"])), .send(.shutdownReady)])
        #expect(state.registeredNames.isEmpty)
        #expect(state.pendingForce == nil)
        #expect(state.handle(NeuroAction(id: "1", name: "open", data: #"{"door":1}"#), at: start).effects.count == 1)
        #expect(state.checkForAbandonedForce(at: start + .seconds(60)).isEmpty)
        // Cancelled: the game comes back with its actions and its force.
        #expect(
            sent(state.gracefulShutdownRequested(wantsShutdown: false)) == [
                .registerActions([DoorsGame.open, DoorsGame.bonus]),
                .forceActions(ActionForce(query: "Open a door.", state: "Opened: []", actionNames: ["open", "bonus"])),
            ])
        #expect(state.gracefulShutdownRequested(wantsShutdown: false).isEmpty)
    }

    @Test func anImmediateShutdownSavesThenAnswersReady() throws {
        var state = try makeState()
        #expect(state.immediateShutdownRequested() == [.save, .send(.shutdownReady)])
    }

    @Test func anActionAnsweredAfterTheStopRegistersNothingAgain() throws {
        var state = try makeState()
        _ = state.connected()
        // The action was under way when the session began to stop: its answer goes out, but
        // nothing is registered or forced after the final unregister.
        let accepted = state.state.perform(
            NeuroAction(id: "1", name: "bonus"), data: nil, core: &state.core, at: start)
        #expect(accepted.outcome.isSuccess)
        _ = state.stopping()
        let after = state.state.actionAnswered(
            NeuroAction(id: "1", name: "bonus"), result: .success(id: "1"), core: &state.core, handler: state.handler, at: start)
        #expect(after.compactMap(\.command).allSatisfy { $0.name == "context" }, "\(after)")
        #expect(state.registeredNames.isEmpty)
    }

    @Test func stoppingUnregistersEverythingRegistered() throws {
        var neverConnected = try makeState()
        #expect(neverConnected.stopping() == [.save])
        var state = try makeState()
        _ = state.connected()
        #expect(state.stopping() == [.save, .send(.unregisterActions(["open", "bonus"]))])
        #expect(state.registered.isEmpty)
    }

    @Test func wireNamesCarryThePrefixAndRouteBack() throws {
        var state = try makeState(prefix: "doors_")
        let commands = sent(state.connected())
        #expect(
            commands[2]
                == .registerActions([
                    Action(name: "doors_open", description: "Open a door.", schema: DoorsGame.open.schema),
                    Action(name: "doors_bonus", description: "Take the one-time bonus."),
                ]))
        let (effects, _) = state.handle(NeuroAction(id: "1", name: "doors_bonus"), at: start)
        #expect(sent(effects).first == .unregisterActions(["doors_bonus"]))
        let unprefixed = state.handle(NeuroAction(id: "2", name: "open", data: #"{"door":1}"#), at: start)
        #expect(
            sent(unprefixed.effects) == [
                .actionResult(.failure(id: "2", message: "Unknown action \"open\". Available now: \"doors_open\"."))
            ])
    }

    @Test func autosaveFollowsAcceptedActionsOnly() throws {
        var state = SessionCoreHarness(plugin: try DoorsGame(settings: .init(), seed: 0), savesAfterEveryAction: true)
        _ = state.connected()
        #expect(state.handle(NeuroAction(id: "1", name: "bonus"), at: start).effects.last == .save)
        #expect(state.handle(NeuroAction(id: "2", name: "open", data: #"{"door":2}"#), at: start).effects.last != .save)
    }
}
