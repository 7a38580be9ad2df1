import Foundation
import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

/// The shell over real transports (in memory): frames on the wire, reconnects, stop, saves.
@Suite(.timeLimit(.minutes(1))) struct GameSessionTests {
    /// Reads frames from the Neuro end until one decodes to a command named `name`.
    func next(_ name: String, from neuro: InMemoryTransport) async throws -> GameCommand {
        for _ in 0..<20 {
            guard case .text(let text) = try await neuro.receive() else { continue }
            let (_, command) = try GameCommand.decode(text)
            if command.name == name { return command }
        }
        throw NeuroError(code: .invalidMessage, message: "no \(name) within 20 frames")
    }

    @Test func playsAnActionRoundTripAndEndsWhenNeuroCloses() async throws {
        let session = GameSession(title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0))
        let (game, neuro) = InMemoryTransport.makePair()
        try await withThrowingTaskGroup(of: SessionEnd?.self) { group in
            group.addTask { try await session.play(on: game) }
            group.addTask {
                _ = try await next("actions/force", from: neuro)
                try await neuro.send(NeuroCommand.action(NeuroAction(id: "a1", name: "open", data: #"{"door":1}"#)).encoded())
                let result = try await next("action/result", from: neuro)
                #expect(result == .actionResult(.success(id: "a1", message: "Opened door 1.")))
                await neuro.close(code: .goingAway, reason: "server restarting")
                return nil
            }
            var ends: [SessionEnd] = []
            for try await end in group { if let end { ends.append(end) } }
            #expect(ends == [.closedByNeuro(.goingAway, reason: "server restarting")])
        }
        #expect(session.plugin.opened == [1])
        #expect(game.sentFrames.first == #"{"command":"startup","game":"Doors"}"#)
    }

    @Test func aDropThrowsAndTheNextConnectionResumes() async throws {
        let session = GameSession(title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0))
        let (game, neuro) = InMemoryTransport.makePair()
        await #expect(throws: NeuroError.self) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await session.play(on: game) }
                group.addTask {
                    _ = try await next("actions/force", from: neuro)
                    try await neuro.send(NeuroCommand.action(NeuroAction(id: "b", name: "bonus")).encoded())
                    _ = try await next("action/result", from: neuro)
                    neuro.drop()
                }
                try await group.waitForAll()
            }
        }
        let (game2, neuro2) = InMemoryTransport.makePair()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await session.play(on: game2) }
            group.addTask {
                let startup = try await next("startup", from: neuro2)
                let register = try await next("actions/register", from: neuro2)
                let force = try await next("actions/force", from: neuro2)
                #expect(startup == .startup)
                #expect(register == .registerActions([DoorsGame.open]))
                #expect(force == session.plugin.force.map(GameCommand.forceActions))
                await neuro2.close(code: .normalClosure, reason: nil)
            }
            try await group.waitForAll()
        }
        #expect(!game2.sentFrames.contains { $0.contains("\"context\"") })
        #expect(session.statistics.sessions == 2)
    }

    @Test func stopUnregistersThenClosesWithGoingAway() async throws {
        let session = GameSession(title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0))
        let (game, neuro) = InMemoryTransport.makePair()
        try await withThrowingTaskGroup(of: SessionEnd?.self) { group in
            group.addTask { try await session.play(on: game) }
            group.addTask {
                _ = try await next("actions/force", from: neuro)
                await session.stop(reason: "host stopping")
                let unregister = try await next("actions/unregister", from: neuro)
                let close = try await neuro.receive()
                #expect(unregister == .unregisterActions(["open", "bonus"]))
                #expect(close == .closed(.goingAway, reason: "host stopping"))
                return nil
            }
            var ends: [SessionEnd] = []
            for try await end in group { if let end { ends.append(end) } }
            #expect(ends == [.stopped])
        }
    }

    @Test func shutdownRequestSavesAndTheSaveRestores() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "neuro-save-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = GameSaveStore(directory: directory)
        let session = GameSession(
            title: "Doors", plugin: try DoorsGame(settings: .init(), seed: 0), options: GameSessionOptions(saveStore: store))
        let (game, neuro) = InMemoryTransport.makePair()
        async let script: GameCommand = {
            _ = try await next("actions/force", from: neuro)
            try await neuro.send(NeuroCommand.action(NeuroAction(id: "1", name: "open", data: #"{"door":3}"#)).encoded())
            return try await next("action/result", from: neuro)
        }()
        // The broken move ends the session with the game's error, after answering the action.
        await #expect(throws: NeuroError.self) { try await session.play(on: game) }
        guard case .actionResult(let result) = try await script else {
            Issue.record("expected a result")
            return
        }
        #expect(result.isSuccess == false)
        let (game2, neuro2) = InMemoryTransport.makePair()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await session.play(on: game2) }
            group.addTask {
                _ = try await next("actions/force", from: neuro2)
                try await neuro2.send(NeuroCommand.action(NeuroAction(id: "2", name: "open", data: #"{"door":1}"#)).encoded())
                _ = try await next("action/result", from: neuro2)
                try await neuro2.send(NeuroCommand.gracefulShutdownRequest(wantsShutdown: true).encoded())
                let ready = try await next("shutdown/ready", from: neuro2)
                #expect(ready == .shutdownReady)
                await neuro2.close(code: .normalClosure, reason: nil)
            }
            try await group.waitForAll()
        }
        let restored = try #require(try store.restore(DoorsGame.self, title: "Doors"))
        #expect(restored.opened == [1])
        #expect(try store.restore(DoorsGame.self, title: "Other") == nil)
    }

    @Test func aDamagedSaveIsMovedAsideNotLost() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "neuro-save-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = GameSaveStore(directory: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: store.fileURL(forTitle: "Doors"))
        do {
            _ = try store.restore(DoorsGame.self, title: "Doors")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .restoreFailed)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.count == 1)
        #expect(files.first?.contains(".corrupt-") == true)
    }

    @Test func saveFileNamesKeepSimilarTitlesApart() {
        let store = GameSaveStore(directory: URL(fileURLWithPath: "/tmp"))
        #expect(store.fileURL(forTitle: "A b") != store.fileURL(forTitle: "a-b"))
        #expect(store.fileURL(forTitle: "../../etc/passwd").deletingLastPathComponent().path == "/tmp")
    }
}
