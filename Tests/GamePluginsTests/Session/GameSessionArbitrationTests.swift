import NeuroAPI
import Testing

@testable import GamePlugins

/// The shell with a shared force slot, over in-memory transports.
@Suite(.timeLimit(.minutes(1))) struct GameSessionArbitrationTests {
    func next(_ name: String, from neuro: InMemoryTransport) async throws -> GameCommand {
        for _ in 0..<20 {
            guard case .text(let text) = try await neuro.receive() else { continue }
            let (_, command) = try GameCommand.decode(text)
            if command.name == name { return command }
        }
        throw NeuroError(code: .invalidMessage, message: "no \(name) within 20 frames")
    }

    @Test func theForceWaitsUntilAnotherGameGivesTheSlotBack() async throws {
        let slot = ForceSlot(handoffDelay: .zero)
        slot.requestForceSlot(for: "Other", priority: .low, ticket: 0)
        let session = GameSession(
            title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0), forceArbiter: slot)
        let (game, neuro) = InMemoryTransport.makePair()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await session.play(on: game) }
            _ = try await next("actions/register", from: neuro)
            slot.releaseForceSlot(for: "Other")
            let force = try await next("actions/force", from: neuro)
            #expect(
                force == .forceActions(ActionForce(query: "Open a door.", state: "Opened: []", actionNames: ["open", "bonus"])))
            #expect(slot.holder == "Doors")
            try await neuro.send(NeuroCommand.action(NeuroAction(id: "1", name: "bonus")).encoded())
            _ = try await next("action/result", from: neuro)
            _ = try await next("actions/force", from: neuro)  // the slot was free: asked and granted again
            await neuro.close(code: .goingAway, reason: nil)
            try await group.waitForAll()
        }
        // The connection ended: the force whose game disconnected frees the slot.
        #expect(slot.holder == nil)
        #expect(session.statistics.forcesSent == 2)
    }

    @Test func aDisconnectWithdrawsAWaitingForceAndNoForceIsSentWithoutTheSlot() async throws {
        let slot = ForceSlot(handoffDelay: .zero)
        slot.requestForceSlot(for: "Other", priority: .low, ticket: 0)
        let session = GameSession(
            title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0), forceArbiter: slot)
        let (game, neuro) = InMemoryTransport.makePair()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await session.play(on: game) }
            _ = try await next("actions/register", from: neuro)
            await neuro.close(code: .goingAway, reason: nil)
            try await group.waitForAll()
        }
        #expect(slot.holder == "Other")
        #expect(slot.waitingGames.isEmpty)
        #expect(!game.sentFrames.contains { $0.contains("actions/force") })
        #expect(session.statistics.forcesSent == 0)
    }

    @Test func aCleanStopUnregistersAndGivesTheSlotBack() async throws {
        let slot = ForceSlot(handoffDelay: .zero)
        let session = GameSession(
            title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0), forceArbiter: slot)
        let (game, neuro) = InMemoryTransport.makePair()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let end = try await session.play(on: game)
                #expect(end == .stopped)
            }
            _ = try await next("actions/force", from: neuro)
            await session.stop()
            let unregister = try await next("actions/unregister", from: neuro)
            #expect(unregister == .unregisterActions(["open", "bonus"]))
            try await group.waitForAll()
        }
        #expect(slot.holder == nil)
    }
}
