import NeuroAPI
import Synchronization
import Testing

@testable import GamePlugins
@testable import GameSessions

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
            title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0), options: GameSessionOptions(forceArbiter: slot))
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
            title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0), options: GameSessionOptions(forceArbiter: slot))
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
            title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0), options: GameSessionOptions(forceArbiter: slot))
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

    @Test func theResultIsWrittenBeforeTheSlotGoesToAnotherGame() async throws {
        let log = EffectLog()
        let slot = LoggingArbiter(base: ForceSlot(handoffDelay: .zero), log: log)
        let session = GameSession(
            title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0), options: GameSessionOptions(forceArbiter: slot))
        let (inMemory, neuro) = InMemoryTransport.makePair()
        let game = WriteLoggingTransport(base: inMemory, log: log)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await session.play(on: game) }
            _ = try await next("actions/force", from: neuro)
            try await neuro.send(NeuroCommand.action(NeuroAction(id: "1", name: "bonus")).encoded())
            _ = try await next("action/result", from: neuro)
            await neuro.close(code: .goingAway, reason: nil)
            try await group.waitForAll()
        }
        let entries = log.entries
        let result = try #require(entries.firstIndex { $0.contains("action/result") })
        let release = try #require(entries.firstIndex(of: "release"))
        #expect(entries[result].hasPrefix("written:"), "\(entries)")
        #expect(result < release, "\(entries)")
        // Only the frame before a release waits; the others are queued as usual.
        #expect(entries.filter { $0.hasPrefix("written:") }.count == 1, "\(entries)")
    }
}

/// Notes every frame in a shared log, marking those sent waiting until written.
private final class WriteLoggingTransport: NeuroTransport {
    let base: InMemoryTransport
    let log: EffectLog

    init(base: InMemoryTransport, log: EffectLog) {
        self.base = base
        self.log = log
    }

    func send(_ text: String) async throws {
        try await base.send(text)
        log.append("queued: \(text)")
    }

    func sendWaitingUntilWritten(_ text: String) async throws {
        try await base.send(text)
        log.append("written: \(text)")
    }

    func receive() async throws -> TransportMessage { try await base.receive() }

    func close(code: WebSocketCloseCode, reason: String?) async { await base.close(code: code, reason: reason) }
}

/// A force slot that notes each release in the same log.
private struct LoggingArbiter: ForceArbiter {
    let base: ForceSlot
    let log: EffectLog

    func requestForceSlot(for game: String, priority: ForcePriority, ticket: Int) {
        base.requestForceSlot(for: game, priority: priority, ticket: ticket)
    }

    func releaseForceSlot(for game: String) {
        log.append("release")
        base.releaseForceSlot(for: game)
    }

    func waitForForceSlot(for game: String) async throws -> ForceSlotSignal { try await base.waitForForceSlot(for: game) }

    func isWaitingForForceSlot(_ game: String) -> Bool { base.isWaitingForForceSlot(game) }
}

/// What the session did, in order, from several tasks.
private final class EffectLog: Sendable {
    private let state = Mutex<[String]>([])
    var entries: [String] { state.withLock { $0 } }
    func append(_ entry: String) { state.withLock { $0.append(entry) } }
}
