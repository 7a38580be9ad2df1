import Foundation
import Logging
import NeuroAPI
import NeuroSim
import NeuroTestSupport
import Testing

@testable import NeuroHostCLI

/// `neuro-host --record DIR`: a file per game and connection attempt, every frame both ways
/// from the game's side, in the format `neuro-sim replay` reads.
@Suite(.timeLimit(.minutes(2)))
struct RecordingConnectorTests {
    /// Hands out in-memory connections, keeping Neuro's ends.
    final class InMemoryConnector: NeuroConnector {
        let neuroEnds = AsyncStream<InMemoryTransport>.makeStream()

        func withConnection<Result: Sendable>(
            to url: String, _ body: (any NeuroTransport) async throws -> Result
        ) async throws -> Result {
            let (game, neuro) = InMemoryTransport.makePair()
            neuroEnds.continuation.yield(neuro)
            return try await body(game)
        }
    }

    @Test func eachGameAndAttemptGetsAFileWithEveryFrameBothWays() async throws {
        let directory = try TemporaryDirectory()
        let base = InMemoryConnector()
        let connector = try RecordingConnector(
            wrapping: base, directory: directory.path + "/rec", logger: Logger(label: "test"))
        var neuroEnds = base.neuroEnds.stream.makeAsyncIterator()
        for attempt in 1...2 {
            try await connector.withConnection(to: "ws://unused") { transport in
                let neuro = try #require(await neuroEnds.next())
                try await transport.send(#"{"command":"startup","game":"Tic Tac Toe!"}"#)
                #expect(try await neuro.receive() == .text(#"{"command":"startup","game":"Tic Tac Toe!"}"#))
                try await neuro.send(#"{"command":"action","data":{"id":"a\#(attempt)","name":"play"}}"#)
                _ = try await transport.receive()
                await transport.close(code: .goingAway, reason: nil)
            }
        }
        try await connector.withConnection(to: "ws://unused") { transport in
            await transport.close(code: .normalClosure, reason: nil)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/rec").sorted()
        #expect(names == ["tic-tac-toe-1.jsonl", "tic-tac-toe-2.jsonl", "unidentified-1.jsonl"])
        for attempt in 1...2 {
            let text = try String(contentsOfFile: directory.path + "/rec/tic-tac-toe-\(attempt).jsonl", encoding: .utf8)
            let recording = try Recording(parsing: text)
            #expect(recording.header.recorder == "neuro-host")
            let connection = try #require(recording.connections.first)
            #expect(connection.id == attempt)
            #expect(connection.framesToNeuro == [#"{"command":"startup","game":"Tic Tac Toe!"}"#])
            #expect(connection.framesToGame == [#"{"command":"action","data":{"id":"a\#(attempt)","name":"play"}}"#])
            #expect(
                connection.entries.map(\.event).first == .opened
                    && connection.entries.map(\.event).contains(.closed(by: .game, code: 1001))
                    && connection.entries.last?.event == .ended)
            #expect(connection.entries.allSatisfy { $0.game == "Tic Tac Toe!" }, "every line once the title is known")
        }
    }

    @Test func fileNamesComeFromTheTitle() {
        #expect(RecordingConnector.fileStem(for: "Guess the Number") == "guess-the-number")
        #expect(RecordingConnector.fileStem(for: "  ../x ") == "x")
        #expect(RecordingConnector.fileStem(for: "★") == "game")
        #expect(RecordingConnector.fileStem(for: nil) == "unidentified")
    }

    @Test(.enabled(if: NeuroHostProcess.isBuilt, "needs .build/debug/neuro-host (swift build --build-tests)"))
    func theHostRecordsEveryGame() async throws {
        let directory = try TemporaryDirectory()
        let run = try await NeuroHostProcess.run(
            ["--simulate", "--no-dashboard", "--record", "rec", "--duration", "3", "--status", "off", "--seed", "3"],
            in: URL(fileURLWithPath: directory.path), timeout: .seconds(60))
        #expect(run.exitCode == 0, "\(run.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/rec")
        var actions = 0
        for game in ["tic-tac-toe", "hangman", "guess-the-number", "blackjack", "minesweeper"] {
            let name = try #require(names.first { $0.hasPrefix(game) && $0.hasSuffix("-1.jsonl") }, "\(game): \(names)")
            let recording = try Recording(
                parsing: try String(contentsOfFile: directory.path + "/rec/" + name, encoding: .utf8))
            let connection = try #require(recording.connections.first)
            #expect(connection.framesToNeuro.first?.contains(#""command":"startup""#) == true)
            #expect(connection.framesToGame.first?.contains(#""command":"startup""#) == true, "the acknowledgement")
            actions += connection.framesToGame.count { $0.contains(#""command":"action""#) }
        }
        // One force slot between the games: not every game is forced within 3 s, some are.
        #expect(actions > 0, "Neuro's actions are recorded")
    }
}
