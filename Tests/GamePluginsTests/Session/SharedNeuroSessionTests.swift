import NeuroAPI
import Synchronization
import Testing

@testable import GamePlugins
@testable import GameSessions

/// Playable on a shared Neuro, over real (in-memory) connections: a force Neuro gave up on, a
/// force slot that times out, a graceful shutdown request, the introduction across Neuro's
/// sessions. Every wait is for a frame, never a sleep.
@Suite(.timeLimit(.minutes(1))) struct SharedNeuroSessionTests {
    /// Reads frames from the Neuro end until one named `name`; returns every command read.
    static func commands(until name: String, from neuro: InMemoryTransport) async throws -> [GameCommand] {
        var commands: [GameCommand] = []
        for _ in 0..<50 {
            guard case .text(let text) = try await neuro.receive() else { continue }
            let (_, command) = try GameCommand.decode(text)
            commands.append(command)
            if command.name == name { return commands }
        }
        throw NeuroError(code: .invalidMessage, message: "no \(name) within 50 frames: \(commands.map(\.name))")
    }

    static func send(_ command: NeuroCommand, to neuro: InMemoryTransport) async throws {
        try await neuro.send(command.encoded())
    }

    @Test func aForceNeuroRetriedAndThenGaveUpOnIsSentAgain() async throws {
        // No watch and no wait: the test checks for an abandoned force itself once Neuro has
        // given up, so no scheduling delay between retries can count as giving up.
        let session = GameSession(
            title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0),
            options: GameSessionOptions(abandonedForceTimeout: .zero, watchesForAbandonedForces: false))
        let (game, neuro) = InMemoryTransport.makePair()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await session.play(on: game) }
            _ = try await Self.commands(until: "actions/force", from: neuro)
            // As the real Neuro: the forced action and three retries fail, then she gives up silently.
            for attempt in 0..<4 {
                try await Self.send(.action(NeuroAction(id: "r\(attempt)", name: "open", data: #"{"door":2}"#)), to: neuro)
                let answered = try await Self.commands(until: "action/result", from: neuro)
                #expect(answered.count == 1)
            }
            await session.checkForAbandonedForce()
            // The game forces again, its actions unregistered and registered first.
            let next = try await Self.commands(until: "actions/force", from: neuro)
            #expect(next.map(\.name) == ["actions/unregister", "actions/register", "actions/force"])
            await neuro.close(code: .normalClosure, reason: nil)
            try await group.waitForAll()
        }
        #expect(session.statistics.forcesAbandoned == 1)
    }

    @Test func theSessionsOwnWatchForcesAgainAfterAFailedForcedAction() async throws {
        let session = GameSession(
            title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0),
            options: GameSessionOptions(abandonedForceTimeout: .milliseconds(50)))
        let (game, neuro) = InMemoryTransport.makePair()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await session.play(on: game) }
            _ = try await Self.commands(until: "actions/force", from: neuro)
            try await Self.send(.action(NeuroAction(id: "once", name: "open", data: #"{"door":2}"#)), to: neuro)
            _ = try await Self.commands(until: "action/result", from: neuro)
            // Nothing more from Neuro: the watch withdraws the force and forces again.
            let next = try await Self.commands(until: "actions/force", from: neuro)
            #expect(next.map(\.name) == ["actions/unregister", "actions/register", "actions/force"])
            await neuro.close(code: .normalClosure, reason: nil)
            try await group.waitForAll()
        }
        #expect(session.statistics.forcesAbandoned == 1)
    }

    @Test func aTimedOutForceSlotIsHandedOnOnlyAfterTheForceIsWithdrawn() async throws {
        // Neuro never answers any force: each game holds the slot until it times out.
        let log = SendLog()
        let slot = ForceSlot(timeout: .milliseconds(150), withdrawalTimeout: .seconds(20), handoffDelay: .zero)
        let sessions = try ["A", "B"].map { title in
            GameSession(
                title: title, plugin: try DoorsGame(settings: .init(), seed: 0), options: GameSessionOptions(forceArbiter: slot))
        }
        let pairs = sessions.map { _ in InMemoryTransport.makePair() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await slot.runTimeouts() }
            for (session, pair) in zip(sessions, pairs) {
                group.addTask { _ = try await session.play(on: LoggingTransport(base: pair.0, title: session.title, log: log)) }
            }
            // Four hand-offs: A, B, A, B hold the slot in turn (or B first).
            try await log.waitForForces(4)
            for (_, neuro) in pairs { await neuro.close(code: .normalClosure, reason: nil) }
            group.cancelAll()
        }
        // Never two forces outstanding: after a game's force, the next force (by anyone) comes
        // only after that game unregistered the forced actions.
        var outstanding: String?
        for (title, command) in log.entries {
            switch command.name {
            case "actions/force":
                #expect(outstanding == nil, "\(title) forced while \(outstanding ?? "") had a force outstanding")
                outstanding = title
            case "actions/unregister" where outstanding == title:
                outstanding = nil
            default:
                break
            }
        }
        #expect(sessions.allSatisfy { $0.statistics.forcesWithdrawn >= 1 })
    }

    @Test func aGracefulShutdownQuitsToTheMenuAndACancelBringsTheGameBack() async throws {
        let session = GameSession(title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0))
        let (game, neuro) = InMemoryTransport.makePair()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await session.play(on: game) }
            _ = try await Self.commands(until: "actions/force", from: neuro)
            try await Self.send(.gracefulShutdownRequest(wantsShutdown: true), to: neuro)
            let quitting = try await Self.commands(until: "shutdown/ready", from: neuro)
            #expect(quitting == [.unregisterActions(["open", "bonus"]), .shutdownReady])
            // A late action is answered; nothing is registered or forced at the menu.
            try await Self.send(.action(NeuroAction(id: "late", name: "open", data: #"{"door":1}"#)), to: neuro)
            let late = try await Self.commands(until: "action/result", from: neuro)
            #expect(late.count == 1)
            try await Self.send(.gracefulShutdownRequest(wantsShutdown: false), to: neuro)
            let back = try await Self.commands(until: "actions/force", from: neuro)
            #expect(back.map(\.name) == ["actions/register", "actions/force"])
            await neuro.close(code: .normalClosure, reason: nil)
            try await group.waitForAll()
        }
        #expect(session.plugin.opened.isEmpty)
    }

    @Test func theIntroductionIsRepeatedForANewNeuroSessionOnly() async throws {
        let session = GameSession(title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0))
        let introduction = GameCommand.context(message: "Open doors. Door 2 is locked.", isSilent: true)
        /// One connection: Neuro acknowledges with `sessionID`, then an action marks the point
        /// by which a repeated introduction would have been sent.
        func connection(acknowledging sessionID: String?, id: String) async throws -> [GameCommand] {
            let (game, neuro) = InMemoryTransport.makePair()
            return try await withThrowingTaskGroup(of: [GameCommand]?.self) { group in
                group.addTask {
                    _ = try await session.play(on: game)
                    return nil
                }
                var seen = try await Self.commands(until: "actions/force", from: neuro)
                try await Self.send(.startupAcknowledgement(NeuroSessionInfo(sessionID: sessionID)), to: neuro)
                try await Self.send(.action(NeuroAction(id: id, name: "nothing")), to: neuro)
                seen += try await Self.commands(until: "action/result", from: neuro)
                neuro.drop()
                _ = try? await group.next()
                return seen
            }
        }
        let first = try await connection(acknowledging: "s1", id: "1")
        #expect(first.filter { $0 == introduction }.count == 1)
        let sameSession = try await connection(acknowledging: "s1", id: "2")
        #expect(!sameSession.contains(introduction))
        let newSession = try await connection(acknowledging: "s2", id: "3")
        #expect(newSession.filter { $0 == introduction }.count == 1)
        #expect(newSession.firstIndex(of: introduction)! < newSession.firstIndex { $0.name == "action/result" }!)
    }
}

/// Every command sent by several games, in the order they were sent.
private final class SendLog: Sendable {
    private let state = Mutex<(entries: [(String, GameCommand)], waiters: [(Int, CheckedContinuation<Void, Never>)])>(
        ([], []))

    var entries: [(String, GameCommand)] { state.withLock { $0.entries } }

    func append(_ title: String, _ command: GameCommand) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.entries.append((title, command))
            let forces = state.entries.count { $0.1.name == "actions/force" }
            let ready = state.waiters.filter { $0.0 <= forces }.map(\.1)
            state.waiters.removeAll { $0.0 <= forces }
            return ready
        }
        for waiter in ready { waiter.resume() }
    }

    /// Returns once `count` forces were sent.
    func waitForForces(_ count: Int) async throws {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                if state.entries.count(where: { $0.1.name == "actions/force" }) >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }
}

/// Notes each frame a game sends in a shared log, as it is sent.
private final class LoggingTransport: NeuroTransport {
    let base: InMemoryTransport
    let title: String
    let log: SendLog

    init(base: InMemoryTransport, title: String, log: SendLog) {
        self.base = base
        self.title = title
        self.log = log
    }

    func send(_ text: String) async throws {
        if let (_, command) = try? GameCommand.decode(text) { log.append(title, command) }
        try await base.send(text)
    }

    func receive() async throws -> TransportMessage { try await base.receive() }

    func close(code: WebSocketCloseCode, reason: String?) async { await base.close(code: code, reason: reason) }
}
