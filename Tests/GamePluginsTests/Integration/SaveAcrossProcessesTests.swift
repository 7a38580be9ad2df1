import Foundation
import GamePlugins
import GameSessions
import NeuroTestSupport
import Testing

/// A game saved by one `neuro-host` process is continued by the next.
@Suite(.timeLimit(.minutes(2)))
struct SaveAcrossProcessesTests {
    static let title = "Guess the Number"
    static let attempts = 1000

    @Test(.enabled(if: NeuroHostProcess.isBuilt, "needs .build/debug/neuro-host (swift build --build-tests)"))
    func aSecondRunContinuesTheSavedGame() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("neuro-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let saves = directory.appendingPathComponent("saves")
        // A range so wide that no round ends in two seconds: every accepted guess uses one attempt.
        let configuration = """
            {
                "saveDirectory": "\(saves.path)",
                "games": [
                    { "plugin": "guess-the-number", "settings": { "lowest": 1, "highest": 1000000000, "attempts": \(Self.attempts) } }
                ]
            }
            """
        try Data(configuration.utf8).write(to: directory.appendingPathComponent("games.json"))
        let saveFile = GameSaveStore(directory: saves).fileURL(forTitle: Self.title)

        let first = try await Self.run(in: directory, summary: "first.json")
        let (firstHandled, _) = try Self.actions(in: directory.appendingPathComponent("first.json"))
        let firstLeft = try Self.attemptsLeft(in: saveFile)
        #expect(firstHandled >= 1)
        #expect(firstLeft == Self.attempts - firstHandled, "the first run started a new game")
        #expect(!first.standardError.contains("restored the saved game"))

        let second = try await Self.run(in: directory, summary: "second.json")
        let (secondHandled, secondRefused) = try Self.actions(in: directory.appendingPathComponent("second.json"))
        let secondLeft = try Self.attemptsLeft(in: saveFile)
        #expect(second.standardError.contains("restored the saved game"))
        // It played: guesses outside the range the first run narrowed down are refused.
        #expect(secondHandled + secondRefused >= 1)
        // A new game would have `attempts - secondHandled` left; `firstHandled` is at least 1.
        #expect(secondLeft == firstLeft - secondHandled, "the second run did not continue the first run's game")
    }

    static func run(in directory: URL, summary: String) async throws -> NeuroHostProcess.Run {
        let run = try await NeuroHostProcess.run(
            [
                "--simulate", "--duration", "2", "--config", "games.json", "--summary", summary, "--status", "off",
                "--seed", "7",
            ],
            in: directory
        )
        #expect(run.exitCode == 0, "\(run.standardError)")
        return run
    }

    /// `games[0].actionsHandled` and `games[0].failures` of a summary file.
    static func actions(in summary: URL) throws -> (handled: Int, failures: Int) {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as? [String: Any]
        let games = try #require(object?["games"] as? [[String: Any]])
        #expect(games.count == 1)
        #expect((games.first?["gameStatus"] as? String)?.hasPrefix("round 1,") == true)
        return (try #require(games.first?["actionsHandled"] as? Int), try #require(games.first?["failures"] as? Int))
    }

    /// `state.attemptsLeft` of a guess-the-number save file.
    static func attemptsLeft(in save: URL) throws -> Int {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: save)) as? [String: Any]
        #expect(object?["plugin"] as? String == "guess-the-number")
        let state = try #require(object?["state"] as? [String: Any])
        return try #require(state["attemptsLeft"] as? Int)
    }
}
