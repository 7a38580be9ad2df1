import Foundation
import Logging
import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

/// Whatever a buggy or hostile Neuro sends, a real game (Guess the Number) over an in-memory
/// connection answers every action exactly once, keeps the connection where the protocol
/// allows, and never crashes.
@Suite(.timeLimit(.minutes(1))) struct HostileInputTests {
    /// One game session on an in-memory connection, driven from Neuro's end.
    struct Harness {
        let session: GameSession<GuessTheNumber>
        let neuro: InMemoryTransport

        /// Reads frames until an `action/result`, skipping everything else (bounded).
        func nextResult(within limit: Int = 50) async throws -> ActionResult {
            for _ in 0..<limit {
                guard case .text(let text) = try await neuro.receive() else { continue }
                if case .actionResult(let result) = try GameCommand.decode(text).command { return result }
            }
            throw NeuroError(code: .invalidMessage, message: "no action/result within \(limit) frames")
        }

        /// Sends a well-formed guess and returns the next result, which must be its own: proof
        /// that the connection survived and nothing else was answered in between.
        func probe(id: String = "probe") async throws {
            try await neuro.send(Self.guess(id: id, number: 50))
            let result = try await nextResult()
            #expect(result.id == id, "the first result after the hostile input must answer the probe")
        }

        static func guess(id: String, number: Int) -> String {
            NeuroCommand.action(NeuroAction(id: id, name: "guess", data: #"{"number":\#(number)}"#)).encoded()
        }

        static func action(id: String, name: String = "guess", data: String?) -> String {
            NeuroCommand.action(NeuroAction(id: id, name: name, data: data)).encoded()
        }
    }

    /// Plays a session until `body` returns, then closes from Neuro's end and checks the
    /// session ended cleanly (no crash, no thrown error).
    func withSession(
        _ body: @escaping @Sendable (Harness) async throws -> Void
    ) async throws -> GameSession<
        GuessTheNumber
    > {
        var logger = Logger(label: "test.hostile")
        logger.logLevel = .critical
        let session = GameSession(
            title: "Guess", plugin: try GuessTheNumber(settings: .init(), seed: 7), options: GameSessionOptions(logger: logger))
        let (game, neuro) = InMemoryTransport.makePair()
        let harness = Harness(session: session, neuro: neuro)
        let end = try await withThrowingTaskGroup(of: SessionEnd?.self) { group in
            group.addTask { try await session.play(on: game) }
            group.addTask {
                for _ in 0..<20 {
                    guard case .text(let text) = try await neuro.receive() else { continue }
                    if try GameCommand.decode(text).command.name == "actions/force" { break }
                }
                try await body(harness)
                await neuro.close(code: .normalClosure, reason: "test done")
                return nil
            }
            var ends: [SessionEnd] = []
            for try await end in group { if let end { ends.append(end) } }
            return ends
        }
        #expect(end == [.closedByNeuro(.normalClosure, reason: "test done")])
        return session
    }

    /// Frames that carry no action id: nothing can be answered, the frame is skipped, and the
    /// connection carries on.
    @Test(arguments: [
        "this is not json",
        "{\"command\":\"action\",",
        "[1,2,3]",
        "42",
        "\"action\"",
        "null",
        #"{"data":{"id":"x","name":"guess"}}"#,
        #"{"command":5,"data":{}}"#,
        #"{"command":null}"#,
        #"{"command":"action","data":"guess"}"#,
        #"{"command":"action","data":{"id":7,"name":"guess"}}"#,
        #"{"command":"action"}"#,
        #"{"command":"no/such/command","data":{"x":1}}"#,
        #"{"command":"actions/reregister_all","data":[1]}"#,
    ])
    func anUnanswerableFrameIsSkippedAndTheConnectionSurvives(frame: String) async throws {
        let session = try await withSession { harness in
            try await harness.neuro.send(frame)
            try await harness.probe()
        }
        #expect(session.statistics.actionsAccepted + session.statistics.actionsRejected == 1)
    }

    @Test func aBinaryFrameIsSkippedAndTheConnectionSurvives() async throws {
        _ = try await withSession { harness in
            harness.neuro.sendBinary(Array(repeating: 0xFF, count: 4096))
            harness.neuro.sendBinary([])
            try await harness.probe()
        }
    }

    @Test func aMalformedActionWithAStringIdGetsOneFailure() async throws {
        _ = try await withSession { harness in
            try await harness.neuro.send(#"{"command":"action","data":{"id":"m1","name":42}}"#)
            let result = try await harness.nextResult()
            #expect(result.id == "m1")
            #expect(!result.isSuccess)
            #expect(result.message?.hasPrefix("Invalid action message:") == true)
            try await harness.probe()
        }
    }

    /// An action whose name or data is wrong: exactly one failure, with a message naming the
    /// problem and short enough not to echo a huge payload back.
    @Test(arguments: [
        ("unknown name", "no_such_action", #"{"number":5}"#, "Unknown action \"no_such_action\""),
        ("invalid JSON", "guess", #"{"number":"#, "Invalid data for \"guess\""),
        ("not an object", "guess", "[1,2,3]", "Invalid data for \"guess\""),
        ("wrong type", "guess", #"{"number":"five"}"#, "Invalid data for \"guess\""),
        ("out of range", "guess", #"{"number":100000}"#, "Invalid data for \"guess\""),
        ("missing field", "guess", #"{}"#, "Invalid data for \"guess\""),
        (
            "100,000 levels deep", "guess", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
            "Invalid data for \"guess\""
        ),
        (
            "deep object", "guess", String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000),
            "Invalid data for \"guess\""
        ),
        ("900 KB string", "guess", "\"" + String(repeating: "x", count: 900_000) + "\"", "Invalid data for \"guess\""),
        (
            "900 KB field", "guess", #"{"number":""# + String(repeating: "9", count: 900_000) + "\"}",
            "Invalid data for \"guess\""
        ),
    ])
    func aBadActionGetsExactlyOneClearFailure(
        label: String, name: String, data: String, expected: String
    ) async throws {
        _ = try await withSession { harness in
            try await harness.neuro.send(Harness.action(id: "bad", name: name, data: data))
            let result = try await harness.nextResult()
            #expect(result.id == "bad", "\(label)")
            #expect(!result.isSuccess, "\(label)")
            let message = try #require(result.message, "\(label)")
            #expect(message.contains(expected), "\(label): \(message)")
            #expect(message.utf8.count < 2000, "\(label): the failure echoes too much (\(message.utf8.count) bytes)")
            try await harness.probe()
        }
    }

    @Test func duplicateActionIdsAreEachAnsweredOnce() async throws {
        _ = try await withSession { harness in
            try await harness.neuro.send(Harness.guess(id: "dup", number: 10))
            try await harness.neuro.send(Harness.action(id: "dup", data: #"{"number":"x"}"#))
            let first = try await harness.nextResult()
            let second = try await harness.nextResult()
            #expect(first.id == "dup" && second.id == "dup")
            #expect(first.isSuccess || first.message?.contains("Invalid data") == false)
            #expect(!second.isSuccess)
            #expect(second.message?.contains("Invalid data for \"guess\"") == true)
            try await harness.probe()
        }
    }

    /// 10,000 actions at once (valid, invalid and unknown, mixed): each id answered exactly
    /// once, and nothing the session keeps grows with the number of actions.
    @Test func aBurstOfTenThousandActionsIsAnsweredOnceEachWithBoundedState() async throws {
        let count = 10_000
        let session = try await withSession { harness in
            for index in 0..<count {
                let frame =
                    switch index % 4 {
                    case 0: Harness.guess(id: "b\(index)", number: 1 + index % 100)
                    case 1: Harness.action(id: "b\(index)", data: #"{"number":"x"}"#)
                    case 2: Harness.action(id: "b\(index)", name: "gone_\(index)", data: nil)
                    default: Harness.action(id: "b\(index)", data: "{")
                    }
                try await harness.neuro.send(frame)
            }
            var answers: [String: Int] = [:]
            for _ in 0..<count {
                let result = try await harness.nextResult()
                answers[result.id, default: 0] += 1
            }
            #expect(answers.count == count)
            #expect(answers.values.allSatisfy { $0 == 1 })
            #expect(Set(answers.keys) == Set((0..<count).map { "b\($0)" }))
            try await harness.probe()
        }
        let statistics = session.statistics
        #expect(statistics.actionsAccepted + statistics.actionsRejected == count / 4 + 1)
        #expect(statistics.invalidData == count / 2)
        #expect(statistics.unknownActions == count / 4)
        // Bounded: what Neuro knows of the game is one action and at most one force, however
        // many actions arrived; unknown names are not remembered.
        let state = session.component.client.core
        #expect(state.registrations.count == 1)
        #expect(state.recentlyUnregisteredCount == 0)
        #expect(state.pendingForce.map { $0.actionNames.count } ?? 0 <= 1)
    }
}
