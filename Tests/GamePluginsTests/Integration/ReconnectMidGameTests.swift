import Foundation
import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroSim
import NeuroTestSupport
import Testing

/// A connection dropped while a force is pending: the same session resumes on a new one.
@Suite(.timeLimit(.minutes(2)))
struct ReconnectMidGameTests {
    @Test func aDropDuringAPendingForceKeepsTheGameAndForcesAgain() async throws {
        var configuration = NeuroSimConfiguration()
        configuration.seed = 5
        // NeuroSim never answers within the test, so the force stays pending and the game's
        // state can change only through the drop and the reconnect themselves.
        configuration.forceDelay = .seconds(600)
        let simulator = NeuroSimulator(configuration: configuration, logger: Logger(label: "test.sim"))
        // Mid-game: two guesses already made.
        var plugin = try GuessTheNumber(settings: .init(lowest: 1, highest: 1_000_000, attempts: 50), seed: 11)
        _ = try plugin.perform("guess", data: ["number": 250_000])
        _ = try plugin.perform("guess", data: ["number": 750_000])
        let session = GameSession(
            title: "Guess the Number", plugin: plugin, options: GameSessionOptions(logger: Logger(label: "test.game")))
        let before = try Self.encoded(session.plugin)

        let (game1, neuro1) = InMemoryTransport.makePair()
        let firstID = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await simulator.serve(neuro1, abort: { neuro1.drop() }) }
            group.addTask {
                await #expect(throws: NeuroError.self) { _ = try await session.play(on: game1) }
            }
            let connection = try await Self.pendingForce(in: simulator, after: 0)
            #expect(try Self.encoded(session.plugin) == before)
            try simulator.drop(connection: connection.id)
            try await group.waitForAll()
            return connection.id
        }
        #expect(try Self.encoded(session.plugin) == before, "the drop changed the game")
        #expect(game1.sentFrames.contains { $0.contains(#""command":"actions/force""#) })

        let (game2, neuro2) = InMemoryTransport.makePair()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await simulator.serve(neuro2, abort: { neuro2.drop() }) }
            group.addTask {
                let end = try await session.play(on: game2)
                #expect(end == .stopped)
            }
            let connection = try await Self.pendingForce(in: simulator, after: firstID)
            #expect(connection.hasStartedUp)
            #expect(connection.game == "Guess the Number")
            #expect(connection.registeredActions == session.state.wantedActions.map(\.name))
            #expect(try Self.encoded(session.plugin) == before, "the reconnect changed the game")
            let frames = game2.sentFrames
            #expect(frames.first?.contains(#""command":"startup""#) == true)
            #expect(frames.contains { $0.contains(#""command":"actions/force""#) })
            await session.stop(code: .normalClosure, reason: nil)
            try await group.waitForAll()
        }
        #expect(session.statistics.sessions == 2)
        #expect(simulator.violations.isEmpty, "\(simulator.violations)")
    }

    /// The first connection numbered above `id` that has started up with a pending force.
    static func pendingForce(in simulator: NeuroSimulator, after id: Int) async throws -> NeuroSimConnectionInfo {
        var found: NeuroSimConnectionInfo?
        try await eventually("NeuroSim sees a pending force on a connection after \(id)") {
            found = simulator.connections.first { $0.id > id && $0.hasStartedUp && $0.hasPendingForce }
            return found != nil
        }
        return try #require(found)
    }

    static func encoded(_ plugin: some GamePlugin) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(plugin), as: UTF8.self)
    }
}
