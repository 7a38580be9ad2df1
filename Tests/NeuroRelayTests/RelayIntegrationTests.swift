import Logging
import NeuroAPI
import NeuroDashboard
import NeuroHost
import NeuroSim
import NeuroTestSupport
import Testing

@testable import NeuroRelay

/// Outside games (raw frames, as any SDK sends them) through the relay, a built-in game beside
/// them, on one strict NeuroSim that checks across games: every bullet of the relay's rules
/// over real websockets.
@Suite(.timeLimit(.minutes(2))) struct RelayIntegrationTests {
    static let guess = #"{"plugin": "guess-the-number"}"#

    /// Plays `games` while `body` runs, then closes them.
    func playing(_ games: [OutsideGame], _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for game in games { group.addTask { try await game.play() } }
            do {
                try await body()
            } catch {
                for game in games { game.send(.closed(.normalClosure, reason: nil)) }
                try? await group.waitForAll()
                throw error
            }
            for game in games { game.send(.closed(.normalClosure, reason: nil)) }
            try await group.waitForAll()
        }
    }

    func registered(_ simulator: NeuroSimulator) -> [String: [String]] {
        var names: [String: [String]] = [:]
        for connection in simulator.connections { names[connection.game ?? "?", default: []] += connection.registeredActions }
        return names
    }

    @Test func twoGamesWithTheSameNamesAndABuiltInGameShareOneNeuroWithOneForce() async throws {
        try await RelayFixture.run(builtIn: [Self.guess]) { fixture in
            let a = OutsideGame(title: "Outside A", url: fixture.relayURL)
            let b = OutsideGame(title: "Outside B", url: fixture.relayURL)
            try await playing([a, b]) {
                try await eventually("both outside games and the built-in one played", timeout: .seconds(60)) {
                    (fixture.status("Outside A")?.actionsHandled ?? 0) >= 5
                        && (fixture.status("Outside B")?.actionsHandled ?? 0) >= 5
                        && (fixture.status("Guess the Number")?.actionsHandled ?? 0) >= 2
                }
                let names = registered(fixture.simulator)
                #expect(names["Outside A"]?.sorted() == ["outside_a_choose", "outside_a_wait"])
                #expect(names["Outside B"]?.sorted() == ["outside_b_choose", "outside_b_wait"])
                #expect(names["Guess the Number"]?.allSatisfy { $0.hasPrefix("guess_the_number_") } == true)
                let rows = try #require(fixture.status("Outside A"))
                #expect(rows.plugin == "relay")
                #expect(rows.state == .connected || rows.state == .waitingForForceSlot)
                #expect(rows.actionNamePrefix == "outside_a_")
                #expect(rows.actionsHandled >= 5)
            }
            #expect(a.duplicateActions == 0 && b.duplicateActions == 0)
            // The game heard its own names only, and its texts kept its own names.
            for case .action(let action) in a.received { #expect(action.name == "choose" || action.name == "wait") }
            let report = fixture.simulator.report()
            #expect(report.violationCount == 0, "\(fixture.simulator.violations)")
            #expect(report.totals.violationsByRule[.forceWhileOtherGamePending] == nil)
        }
    }

    @Test func neuroDroppingEveryConnectionLeavesTheGamesConnectedAndPlaying() async throws {
        try await RelayFixture.run(builtIn: [Self.guess]) { fixture in
            let a = OutsideGame(title: "Outside A", url: fixture.relayURL)
            let b = OutsideGame(title: "Outside B", url: fixture.relayURL)
            try await playing([a, b]) {
                try await eventually("both played", timeout: .seconds(60)) { a.actionsAnswered >= 3 && b.actionsAnswered >= 3 }
                try fixture.simulator.drop()
                let (beforeA, beforeB) = (a.actionsAnswered, b.actionsAnswered)
                try await eventually("both reconnected upstream", timeout: .seconds(60)) {
                    (fixture.status("Outside A")?.reconnects ?? 0) >= 1 && (fixture.status("Outside B")?.reconnects ?? 0) >= 1
                }
                try await eventually("both play on after the drop", timeout: .seconds(60)) {
                    a.actionsAnswered >= beforeA + 3 && b.actionsAnswered >= beforeB + 3
                }
            }
            #expect(a.connections == 1 && b.connections == 1, "the outside games never reconnected themselves")
            #expect(a.duplicateActions == 0 && b.duplicateActions == 0)
            #expect(fixture.simulator.report().violationCount == 0, "\(fixture.simulator.violations)")
        }
    }

    @Test func aGameThatLeavesIsUnregisteredAndKeepsItsRowUntilItComesBack() async throws {
        try await RelayFixture.run { fixture in
            let a = OutsideGame(title: "Outside A", url: fixture.relayURL)
            try await playing([a]) {
                try await eventually("A played", timeout: .seconds(60)) { a.actionsAnswered >= 2 }
            }
            try await eventually("A's row shows it disconnected", timeout: .seconds(30)) {
                fixture.status("Outside A")?.state == .disconnected
            }
            try await eventually("Neuro no longer has A's actions", timeout: .seconds(30)) {
                registered(fixture.simulator)["Outside A", default: []].isEmpty
            }
            #expect(fixture.host.statuses.filter { $0.title == "Outside A" }.count == 1)
            let again = OutsideGame(title: "Outside A", url: fixture.relayURL)
            try await playing([again]) {
                try await eventually("A came back and played", timeout: .seconds(60)) { again.actionsAnswered >= 2 }
                let row = try #require(fixture.status("Outside A"))
                #expect(row.state != .disconnected)
            }
            #expect(fixture.host.statuses.filter { $0.title == "Outside A" }.count == 1)
            #expect(fixture.simulator.report().violationCount == 0, "\(fixture.simulator.violations)")
        }
    }

    @Test func aGameThatComesBackWhileItsPreviousConnectionEndsWaitsForTheEnd() async throws {
        let upstream = GatedCloseConnector(wrapping: WebSocketConnector(logger: RelayFixture.logger))
        try await RelayFixture.run(relayUpstream: upstream) { fixture in
            defer { upstream.open() }  // also when the test fails: the fixture's shutdown closes too
            let a = OutsideGame(title: "Outside A", url: fixture.relayURL)
            try await playing([a]) {
                try await eventually("A played", timeout: .seconds(60)) { a.actionsAnswered >= 2 }
            }
            // A has left; its upstream session is ending and waits at the gate to close, as a
            // slow Neuro or a busy machine would make it. A comes back now, as an SDK reconnects.
            var closes = upstream.closing.makeAsyncIterator()
            _ = await closes.next()
            let again = OutsideGame(title: "Outside A", url: fixture.relayURL)
            try await playing([again]) {
                // Its startup is read while the first session still ends: it waits, not refused.
                try await eventually("the returning game waits for its previous connection", timeout: .seconds(60)) {
                    fixture.relay.returningGamesWaiting == 1
                }
                upstream.open()
                try await eventually("A came back and played", timeout: .seconds(60)) { again.actionsAnswered >= 2 }
            }
            #expect(again.connections == 1)
            #expect(fixture.host.statuses.filter { $0.title == "Outside A" }.count == 1)
            #expect(fixture.simulator.report().violationCount == 0, "\(fixture.simulator.violations)")
        }
    }

    @Test func brokenFramesAreCountedByRuleAndNeverReachNeuro() async throws {
        try await RelayFixture.run { fixture in
            let a = OutsideGame(title: "Outside A", url: fixture.relayURL)
            try await playing([a]) {
                try await eventually("A played", timeout: .seconds(60)) { a.actionsAnswered >= 1 }
                a.send(.binary([0xde, 0xad]))
                a.send(.text("{this is not json"))
                a.send(.text(a.frame("actions/register", data: #"{"actions": [{"name": "Bad Name!", "description": "x"}]}"#)))
                a.send(.text(a.frame("actions/force", data: #"{"query": "q", "action_names": ["ghost"]}"#)))
                a.send(.text(a.frame("action/result", data: #"{"id": "never-sent", "success": true}"#)))
                a.send(.text(a.frame("teleport")))
                try await eventually("the relay counted every broken frame", timeout: .seconds(30)) {
                    let checks = fixture.status("Outside A")?.relayChecks ?? [:]
                    return [
                        "binaryFrame", "invalidJSON", "invalidActionName", "forceUnregisteredAction", "unknownResultID",
                        "unknownCommand",
                    ]
                    .allSatisfy { checks[$0] == 1 }
                }
                let before = a.actionsAnswered
                try await eventually("A plays on", timeout: .seconds(60)) { a.actionsAnswered >= before + 2 }
                // The row on /metrics and the dashboard: its counts, its checks, its wire names.
                let metrics = DashboardMetrics()
                metrics.update(from: fixture.host)
                let text = metrics.prometheusText()
                #expect(text.contains(#"neuro_relay_checks{game="Outside A",rule="binaryFrame"} 1"#), "\(text)")
                #expect(text.contains(#"neuro_actions_total{game="Outside A"}"#), "\(text)")
                let row = try #require(
                    DashboardModel(games: { fixture.host }).snapshot().games.first { $0.status.title == "Outside A" })
                #expect(row.registeredActions.map(\.name).sorted() == ["outside_a_choose", "outside_a_wait"])
            }
            #expect(fixture.simulator.report().violationCount == 0, "\(fixture.simulator.violations)")
        }
    }

    @Test func shutdownRequestsAndReregisterAllReachEveryRelayedGame() async throws {
        try await RelayFixture.run { fixture in
            let a = OutsideGame(title: "Outside A", url: fixture.relayURL)
            let b = OutsideGame(title: "Outside B", url: fixture.relayURL)
            try await playing([a, b]) {
                try await eventually("both played", timeout: .seconds(60)) { a.actionsAnswered >= 1 && b.actionsAnswered >= 1 }
                try await fixture.simulator.send(.reregisterAllActions)
                let before = a.actionsAnswered
                try await eventually("A plays on after the reregistration", timeout: .seconds(60)) { a.actionsAnswered > before }
                try await fixture.simulator.send(.gracefulShutdownRequest(wantsShutdown: true))
                try await fixture.simulator.send(.immediateShutdownRequest)
                for game in [a, b] {
                    try await eventually("\(game.title) heard every request", timeout: .seconds(30)) {
                        let received = game.received
                        return received.contains(.reregisterAllActions)
                            && received.contains(.gracefulShutdownRequest(wantsShutdown: true))
                            && received.contains(.immediateShutdownRequest)
                    }
                }
                // A force after the game's shutdown/ready: counted, not sent.
                try await eventually("A said shutdown/ready twice", timeout: .seconds(30)) { a.shutdownReadySent >= 2 }
                a.send(.text(a.frame("actions/force", data: OutsideGame.force)))
                try await eventually("the relay held back a force after shutdown/ready", timeout: .seconds(30)) {
                    (fixture.status("Outside A")?.relayChecks?["forceAfterShutdownReady"] ?? 0) >= 1
                }
            }
            // shutdown/ready went upstream (else missingShutdownReady), the actions were
            // registered again in time (else missingReregistration), nothing twice.
            #expect(fixture.simulator.report().violationCount == 0, "\(fixture.simulator.violations)")
        }
    }

    @Test func theStartupAcknowledgementSpeechAndVendorCommandsPassThrough() async throws {
        try await RelayFixture.run { fixture in
            let a = OutsideGame(title: "Outside A", url: fixture.relayURL)
            try await playing([a]) {
                try await eventually("A played", timeout: .seconds(60)) { a.actionsAnswered >= 1 }
                let speech = SpeechFinished(isFinal: true, isCancelled: false, reason: nil)
                try await fixture.simulator.send(.speechFinished(speech))
                try await fixture.simulator.send(.unknown(command: "vedal/hello", data: ["mood": "curious"]))
                try await eventually("A received both", timeout: .seconds(30)) {
                    a.received.contains(.speechFinished(speech))
                        && a.received.contains(.unknown(command: "vedal/hello", data: ["mood": "curious"]))
                }
            }
            let acknowledgements = a.received.filter { if case .startupAcknowledgement = $0 { true } else { false } }
            #expect(acknowledgements.count == 1)
            if case .startupAcknowledgement(let session)? = acknowledgements.first { #expect(session?.sessionID != nil) }
        }
    }

    @Test func aTitleAlreadyConnectedOrABuiltInOneIsRefused() async throws {
        try await RelayFixture.run(builtIn: [Self.guess]) { fixture in
            let a = OutsideGame(title: "Outside A", url: fixture.relayURL)
            try await playing([a]) {
                try await eventually("A played", timeout: .seconds(60)) { a.actionsAnswered >= 1 }
                for title in ["Outside A", "Guess the Number"] {
                    let code = try await WebSocketConnector(logger: Logger(label: "test")).withConnection(to: fixture.relayURL) {
                        transport -> WebSocketCloseCode? in
                        try await transport.send(#"{"command": "startup", "game": "\#(title)"}"#)
                        guard case .closed(let code, _) = try await transport.receive() else { return nil }
                        return code
                    }
                    #expect(code == .policyViolation, "\(title)")
                }
            }
            #expect(fixture.simulator.report().violationCount == 0, "\(fixture.simulator.violations)")
        }
    }
}
