import Logging
import NeuroAPI
import Testing

@testable import NeuroSim

@Suite(.timeLimit(.minutes(1)))
struct ManyGamesTests {
    /// Plays one flooding game to `rounds` results over an in-memory connection.
    static func playFlood(_ transport: InMemoryTransport, game: String, rounds: Int) async throws -> Int {
        let end = GameEnd(transport: transport, game: game)
        try await end.send("startup")
        try await end.send(
            "actions/register",
            data:
                #"{"actions":[{"name":"\#(game)_step","description":"Step.","schema":{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}}]}"#
        )
        var answered = 0
        while answered < rounds {
            let action = try await end.receiveAction()
            try await end.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
            answered += 1
        }
        await transport.close(code: .normalClosure, reason: nil)
        return answered
    }

    @Test func hundredFloodingGamesAtOnce() async throws {
        let fixture = SimulatorFixture { $0.isFlooding = true }
        let games = 100
        let rounds = 20
        let answered = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<games {
                let (gameTransport, neuroTransport) = InMemoryTransport.makePair()
                group.addTask {
                    await fixture.simulator.serve(neuroTransport, abort: neuroTransport.drop)
                    return 0
                }
                group.addTask { try await Self.playFlood(gameTransport, game: "game\(index)", rounds: rounds) }
            }
            return try await group.reduce(0, +)
        }
        #expect(answered == games * rounds)
        let report = fixture.simulator.report()
        #expect(report.violationCount == 0)
        #expect(report.games.count == games)
        #expect(report.totals.results >= games * rounds)
        #expect(report.totals.latency.count == UInt64(report.totals.results))
    }

    @Test func delayedForceIsAnsweredByTheTimer() async throws {
        let fixture = SimulatorFixture { $0.forceDelay = .milliseconds(20) }
        let (gameTransport, neuroTransport) = InMemoryTransport.makePair()
        let game = GameEnd(transport: gameTransport)
        async let served: Void = fixture.simulator.serve(neuroTransport, abort: neuroTransport.drop)
        try await game.send("startup")
        try await game.send("actions/register", data: SessionHarness.jumpAndWait)
        let clock = ContinuousClock()
        let forcedAt = clock.now
        try await game.send("actions/force", data: SessionHarness.force(["jump"]))
        let action = try await game.receiveAction()
        #expect(action.name == "jump")
        #expect(forcedAt.duration(to: clock.now) >= .milliseconds(20), "the force was answered after its delay")
        await gameTransport.close(code: .normalClosure, reason: nil)
        await served
    }
}
