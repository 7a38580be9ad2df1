import Foundation
import NeuroHost
import NeuroTestSupport
import Testing

/// The `neuro-host` executable's exit codes and messages.
@Suite(.timeLimit(.minutes(2)), .enabled(if: NeuroHostProcess.isBuilt, "needs .build/debug/neuro-host"))
struct NeuroHostExitCodeTests {
    @Test func anUnknownPluginExitsWith2AndSaysWhy() async throws {
        let directory = try TemporaryDirectory()
        let url = URL(fileURLWithPath: directory.path)
        try Data(#"{"games": [{"plugin": "hangman"}, {"plugin": "chess"}]}"#.utf8)
            .write(to: url.appendingPathComponent("games.json"))
        let run = try await NeuroHostProcess.run(
            ["--config", "games.json", "--simulate", "--duration", "1", "--status", "off"], in: url)
        #expect(run.exitCode == 2)
        #expect(run.standardError.contains(#"$.games[1].plugin: unknown plugin "chess""#), "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }

    @Test(arguments: [
        (["--player", "llm", "--llm-url", "http://127.0.0.1:1/v1", "--llm-model", "m"], "--player llm needs --simulate"),
        (["--simulate", "--player", "llm", "--llm-model", "m"], "--player llm needs --llm-url and --llm-model"),
        (
            [
                "--simulate", "--player", "llm", "--llm-url", "http://127.0.0.1:1/v1", "--llm-model", "m", "--llm-key-env",
                "NEURO_UNSET_KEY",
            ],
            "NEURO_UNSET_KEY"
        ),
    ])
    func theSimulatedPlayersOptionsAreChecked(arguments: [String], message: String) async throws {
        let directory = try TemporaryDirectory()
        let run = try await NeuroHostProcess.run(arguments + ["--duration", "1"], in: URL(fileURLWithPath: directory.path))
        #expect(run.exitCode != 0)
        #expect(run.standardError.contains(message), "\(run.standardError)")
    }

    @Test func aDryRunOfTheSampleListsEveryGameWithItsPrefix() async throws {
        let directory = try TemporaryDirectory()
        let sample = SampleGames.repositoryRoot.appendingPathComponent("games.json")
        let run = try await NeuroHostProcess.run(
            ["--config", sample.path, "--dry-run"], in: URL(fileURLWithPath: directory.path))
        #expect(run.exitCode == 0, "\(run.standardError)")
        let configuration = try SampleGames.configuration()
        var gamesPerURL: [String: Int] = [:]
        for game in configuration.enabledGames { gamesPerURL[game.url, default: 0] += 1 }
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        for game in configuration.games {
            let prefix = gamesPerURL[game.url, default: 0] > 1 ? game.namePrefix + "_" : "(none)"
            let line = lines.first { $0.hasPrefix("- \(game.title) [\(game.plugin)]") }
            #expect(line?.hasSuffix("action-name-prefix=\(prefix)") == true, "\(game.title): \(line ?? "missing")")
        }
        #expect(lines.filter { $0.hasPrefix("- ") }.count == configuration.games.count)
    }
}
