import Logging
import NeuroAPI
import Testing

@testable import NeuroSim

/// A simulator whose events arrive on a stream, and helpers to await them.
struct SimulatorFixture {
    let simulator: NeuroSimulator
    let events: AsyncStream<NeuroSimEvent>

    init(
        recorder: RecordingWriter? = nil, clock: some Clock<Duration> = ContinuousClock(),
        _ configure: (inout NeuroSimConfiguration) -> Void = { _ in }
    ) {
        var configuration = NeuroSimConfiguration()
        configuration.forceDelay = .zero
        configure(&configuration)
        let (events, continuation) = AsyncStream<NeuroSimEvent>.makeStream()
        self.events = events
        var logger = Logger(label: "neuro.sim.test")
        logger.logLevel = .critical
        simulator = NeuroSimulator(configuration: configuration, logger: logger, clock: clock, recorder: recorder) {
            continuation.yield($0)
        }
    }

    /// Waits for the first event that matches, within a bounded number of events.
    func next<Value>(_ match: (NeuroSimEvent) -> Value?) async throws -> Value {
        var iterator = events.makeAsyncIterator()
        for _ in 0..<1000 {
            guard let event = await iterator.next() else { break }
            if let value = match(event) { return value }
        }
        throw NeuroError(code: .connectionClosed, message: "the awaited event never came")
    }
}

/// The game's end of an in-memory connection, reading Neuro's commands.
struct GameEnd {
    let transport: any NeuroTransport
    var game = "Game"

    func send(_ command: String, data: String? = nil) async throws {
        try await transport.send(SessionHarness.frame(command, data: data, game: game))
    }

    /// The next command from Neuro, or the close frame.
    func receive() async throws -> NeuroCommand? {
        let message = try await transport.receive()
        guard case .text(let text) = message else { return nil }
        return try NeuroCommand.decode(text)
    }

    /// Forces `jump` or `wait`, answers the action with a success, and waits until NeuroSim has
    /// the result.
    func playOneForcedAction(watching fixture: SimulatorFixture) async throws {
        try await send("actions/force", data: SessionHarness.force(["jump", "wait"]))
        let action = try await receiveAction()
        try await send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
        _ = try await fixture.next { event -> Void? in
            if case .resultReceived(_, let result, _) = event, result.id == action.id { return () }
            return nil
        }
    }

    func receiveAction() async throws -> NeuroAction {
        for _ in 0..<10 {
            if case .action(let action)? = try await receive() { return action }
        }
        throw NeuroError(code: .connectionClosed, message: "no action arrived")
    }
}

@Suite(.timeLimit(.minutes(1)))
struct SimulatorTests {
    @Test func playsAForcedGameOverATransport() async throws {
        let fixture = SimulatorFixture()
        let (gameTransport, neuroTransport) = InMemoryTransport.makePair()
        let game = GameEnd(transport: gameTransport)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await fixture.simulator.serve(neuroTransport, abort: neuroTransport.drop) }
            try await game.send("startup")
            guard case .startupAcknowledgement(let session?)? = try await game.receive() else {
                Issue.record("no startup acknowledgement")
                return
            }
            #expect(session.characterID == "neuro")
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
            for _ in 0..<3 { try await game.playOneForcedAction(watching: fixture) }
            await gameTransport.close(code: .normalClosure, reason: nil)
            try await group.waitForAll()
        }
        let report = fixture.simulator.report()
        let played = try #require(report.games.first)
        #expect(played.title == "Game")
        #expect(played.statistics.results == 3)
        #expect(played.statistics.messagesByCommand["actions/force"] == 3)
        #expect(played.statistics.latency.count == 3)
        #expect(report.violationCount == 0)
        #expect(fixture.simulator.connections.isEmpty)
    }

    @Test func resettingLatenciesKeepsTheCountersAndCoversLiveAndFinishedConnections() async throws {
        let fixture = SimulatorFixture()
        let (gameTransport, neuroTransport) = InMemoryTransport.makePair()
        let game = GameEnd(transport: gameTransport)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await fixture.simulator.serve(neuroTransport, abort: neuroTransport.drop) }
            try await game.send("startup")
            _ = try await game.receive()
            try await game.send("actions/register", data: SessionHarness.jumpAndWait)
            try await game.playOneForcedAction(watching: fixture)
            try await game.playOneForcedAction(watching: fixture)
            #expect(fixture.simulator.report().totals.latency.count == 2)
            fixture.simulator.resetLatencies()
            let afterReset = fixture.simulator.report().totals
            #expect(afterReset.latency.count == 0)
            #expect(afterReset.results == 2)
            try await game.playOneForcedAction(watching: fixture)
            #expect(fixture.simulator.report().totals.latency.count == 1)
            await gameTransport.close(code: .normalClosure, reason: nil)
            try await group.waitForAll()
        }
        #expect(fixture.simulator.connections.isEmpty)
        #expect(fixture.simulator.report().totals.latency.count == 1)
        fixture.simulator.resetLatencies()
        #expect(fixture.simulator.report().totals.latency.count == 0)
        #expect(fixture.simulator.report().totals.results == 3)
    }

    @Test func strictModeClosesTheConnectionWithTheReason() async throws {
        let fixture = SimulatorFixture { $0.isStrict = true }
        let (gameTransport, neuroTransport) = InMemoryTransport.makePair()
        let game = GameEnd(transport: gameTransport)
        async let served: Void = fixture.simulator.serve(neuroTransport, abort: neuroTransport.drop)
        try await game.send("startup")
        _ = try await game.receive()
        try await game.send("actions/dance")
        let message = try await gameTransport.receive()
        guard case .closed(let code, let reason) = message else {
            Issue.record("expected a close frame, got \(message)")
            await served
            return
        }
        #expect(code == .policyViolation)
        #expect(reason?.contains("actions/dance") == true)
        await served
        #expect(fixture.simulator.report().violations.map(\.rule) == [.unknownCommand])
    }

    @Test func oneMisbehavingGameNeverDisturbsAnother() async throws {
        let fixture = SimulatorFixture { $0.isStrict = true }
        let (goodTransport, goodNeuro) = InMemoryTransport.makePair()
        let (badTransport, badNeuro) = InMemoryTransport.makePair()
        let good = GameEnd(transport: goodTransport, game: "Good")
        let bad = GameEnd(transport: badTransport, game: "Bad")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await fixture.simulator.serve(goodNeuro, abort: goodNeuro.drop) }
            group.addTask { await fixture.simulator.serve(badNeuro, abort: badNeuro.drop) }
            try await good.send("startup")
            _ = try await good.receive()
            try await badTransport.send("this is not JSON")
            badTransport.sendBinary([0xFF])
            #expect(try await bad.receive() == nil, "the bad game is closed")
            try await good.send("actions/register", data: SessionHarness.jumpAndWait)
            try await good.send("actions/force", data: SessionHarness.force(["wait"]))
            let action = try await good.receiveAction()
            try await good.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
            await goodTransport.close(code: .normalClosure, reason: nil)
            try await group.waitForAll()
        }
        let report = fixture.simulator.report()
        #expect(report.violations.map(\.rule) == [.invalidJSON])
        let goodReport = try #require(report.games.first { $0.title == "Good" })
        #expect(goodReport.statistics.results == 1)
        #expect(goodReport.statistics.violations == 0)
    }

    @Test func resultTimeoutIsReportedLive() async throws {
        let fixture = SimulatorFixture { $0.resultTimeout = .milliseconds(50) }
        let (gameTransport, neuroTransport) = InMemoryTransport.makePair()
        let game = GameEnd(transport: gameTransport)
        async let served: Void = fixture.simulator.serve(neuroTransport, abort: neuroTransport.drop)
        try await game.send("startup")
        try await game.send("actions/register", data: SessionHarness.jumpAndWait)
        try await game.send("actions/force", data: SessionHarness.force(["wait"]))
        let action = try await game.receiveAction()
        let violation = try await fixture.next { event -> NeuroSimDiagnostic? in
            // The first violation; a busy machine may add performance notes first.
            if case .diagnostic(let diagnostic) = event, diagnostic.isViolation { return diagnostic }
            return nil
        }
        #expect(violation.rule == .resultTimeout)
        #expect(violation.message.contains(action.id))
        await gameTransport.close(code: .normalClosure, reason: nil)
        await served
    }

    @Test func faultsOnCommand() async throws {
        let fixture = SimulatorFixture()
        let (gameTransport, neuroTransport) = InMemoryTransport.makePair()
        let game = GameEnd(transport: gameTransport)
        async let served: Void = fixture.simulator.serve(neuroTransport, abort: neuroTransport.drop)
        try await game.send("startup")
        _ = try await game.receive()
        let id = try await fixture.next { event -> Int? in
            if case .identified(let id, _) = event { return id }
            return nil
        }
        try await game.send("actions/register", data: SessionHarness.jumpAndWait)
        try await game.send("actions/force", data: SessionHarness.force(["wait"]))
        let first = try await game.receiveAction()
        try await game.send("action/result", data: #"{"id":"\#(first.id)","success":true,"message":"Done."}"#)
        _ = try await fixture.next { event -> Void? in
            if case .resultReceived = event { return () }
            return nil
        }
        let snapshot = try #require(fixture.simulator.connections.first)
        #expect(snapshot.id == id)
        #expect(snapshot.game == "Game")
        #expect(snapshot.registeredActions == ["jump", "wait"])
        #expect(snapshot.pendingActionIDs.isEmpty)
        #expect(!snapshot.hasPendingForce)
        #expect(snapshot.statistics.results == 1)
        try await fixture.simulator.send(.reregisterAllActions, toConnection: id)
        #expect(try await game.receive() == .reregisterAllActions)
        try await game.send("actions/register", data: SessionHarness.jumpAndWait)
        try await game.send("actions/force", data: SessionHarness.force(["wait"]))
        #expect(try await game.receiveAction().name == "wait", "the second registration was taken")
        try await fixture.simulator.send(.gracefulShutdownRequest(wantsShutdown: true))
        #expect(try await game.receive() == .gracefulShutdownRequest(wantsShutdown: true))
        try await fixture.simulator.send(.gracefulShutdownRequest(wantsShutdown: false))
        #expect(try await game.receive() == .gracefulShutdownRequest(wantsShutdown: false))
        try await fixture.simulator.send(.immediateShutdownRequest, toConnection: id)
        #expect(try await game.receive() == .immediateShutdownRequest)
        try fixture.simulator.drop(connection: id)
        await #expect(throws: NeuroError.self) { _ = try await gameTransport.receive() }
        await served
        #expect(throws: NeuroError.self) { try fixture.simulator.drop(connection: id) }
        #expect(fixture.simulator.report().violationCount == 0, "registering again after reregister_all is fine")
    }

    @Test func cleanCloseOnCommand() async throws {
        let fixture = SimulatorFixture()
        let (gameTransport, neuroTransport) = InMemoryTransport.makePair()
        let game = GameEnd(transport: gameTransport)
        async let served: Void = fixture.simulator.serve(neuroTransport, abort: neuroTransport.drop)
        try await game.send("startup")
        _ = try await game.receive()
        try await fixture.simulator.close(code: .goingAway, reason: "bye")
        #expect(try await gameTransport.receive() == .closed(.goingAway, reason: "bye"))
        await served
    }

    @Test func reconnectsAreCountedPerGame() async throws {
        let fixture = SimulatorFixture()
        for _ in 0..<3 {
            let (gameTransport, neuroTransport) = InMemoryTransport.makePair()
            async let served: Void = fixture.simulator.serve(neuroTransport, abort: neuroTransport.drop)
            try await GameEnd(transport: gameTransport).send("startup")
            _ = try await gameTransport.receive()
            await gameTransport.close(code: .normalClosure, reason: nil)
            await served
        }
        let game = try #require(fixture.simulator.report().games.first)
        #expect(game.connections == 3)
        #expect(game.reconnects == 2)
    }

    @Test func reportIsJSON() throws {
        var statistics = NeuroSimStatistics()
        statistics.results = 2
        statistics.latency.record(.milliseconds(10))
        statistics.latency.record(.milliseconds(30))
        statistics.messagesByCommand["startup"] = 1
        statistics.diagnosticsByRule = [.emptyForce: 1, .lateResult: 2]
        let report = NeuroSimReport(
            games: [.init(title: "Chess", connections: 2, reconnects: 1, statistics: statistics)],
            violations: [
                NeuroSimDiagnostic(rule: .emptyForce, connectionID: 1, game: "Chess", command: "actions/force", message: "m")
            ],
            notes: [
                NeuroSimDiagnostic(rule: .lateResult, connectionID: 1, game: "Chess", command: "action/result", message: "n")
            ],
            seed: 42)
        let parsed = try JSONParser().parse(report.encoded())
        #expect(parsed["seed"] == "42")
        #expect(parsed["totals"]?["results"] == 2)
        #expect(parsed["games"]?["Chess"]?["reconnects"] == 1)
        #expect(parsed["games"]?["Chess"]?["messagesByCommand"]?["startup"] == 1)
        #expect(parsed["spec"] == "2026-08-21")
        #expect(parsed["violationCount"] == 1)
        #expect(parsed["diagnosticCount"] == 3)
        #expect(parsed["violations"]?.arrayValue?.first?["rule"] == "emptyForce")
        #expect(parsed["violations"]?.arrayValue?.first?["severity"] == "error")
        #expect(parsed["notes"]?.arrayValue?.first?["rule"] == "lateResult")
        #expect(parsed["diagnostics"]?["emptyForce"] == ["severity": "error", "count": 1])
        #expect(parsed["diagnostics"]?["lateResult"] == ["severity": "performance", "count": 2])
        #expect(parsed["totals"]?["violationsByRule"] == ["emptyForce": 1])
        #expect(parsed["totals"]?["diagnosticsByRule"] == ["emptyForce": 1, "lateResult": 2])
        let p50 = try #require(parsed["totals"]?["latencyMilliseconds"]?["p50"]?.doubleValue)
        #expect(abs(p50 - 10) < 0.2)
        #expect(parsed["totals"]?["latencyMilliseconds"]?["max"]?.doubleValue == 30)
    }
}
