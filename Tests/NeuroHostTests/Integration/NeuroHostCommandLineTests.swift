import Foundation
import GamePlugins
import NeuroAPI
import NeuroTestSupport
import Testing

@testable import NeuroHost

/// The built `neuro-host` executable: `--list`, `--print-schema`, usage errors, `$schema`, and
/// NeuroSim's verdict in the summary of `--simulate`.
///
/// One process at a time: the other suites' timing-sensitive games share the machine.
@Suite(.serialized, .timeLimit(.minutes(2)), .enabled(if: NeuroHostProcess.isBuilt, "needs .build/debug/neuro-host"))
struct NeuroHostCommandLineTests {
    func run(_ arguments: [String], files: [String: String] = [:]) async throws -> NeuroHostProcess.Run {
        let directory = try TemporaryDirectory()
        for (name, text) in files {
            try text.write(toFile: directory.path + "/" + name, atomically: true, encoding: .utf8)
        }
        return try await NeuroHostProcess.run(arguments, in: URL(fileURLWithPath: directory.path))
    }

    @Test func listPrintsEachPluginOnceWithItsTitleSummaryAndActions() async throws {
        let run = try await run(["--list"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == GameCatalog.builtIn.plugins.count)
        #expect(
            lines.contains(
                "blackjack         Blackjack — bet, hit, stand or double against a dealer who stands on 17. "
                    + "Actions: bet, hit, stand, double"))
        for (line, plugin) in zip(lines, GameCatalog.builtIn.plugins) {
            #expect(line.hasPrefix(plugin.id + " "), "catalog order: \(line)")
            #expect(line.hasSuffix("Actions: " + plugin.actionNames.joined(separator: ", ")), "\(line)")
            let described = line.dropFirst(plugin.id.count).lowercased()
            #expect(described.components(separatedBy: plugin.defaultTitle.lowercased()).count == 2, "the title once: \(line)")
        }
    }

    @Test func printSchemaPrintsTheSchemaOfTheCatalogAndExits() async throws {
        let run = try await run(["--print-schema"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let printed = try JSONParser().parse(run.standardOutput)
        #expect(printed == HostConfiguration.jsonSchema(for: .builtIn))
        for id in GameCatalog.builtIn.ids {
            #expect(run.standardOutput.contains("\"\(id)\""))
        }
    }

    @Test func aSchemaKeyInTheFileIsAccepted() async throws {
        let run = try await run(
            ["--config", "games.json", "--dry-run"],
            files: ["games.json": #"{"$schema": "./games.schema.json", "games": [{"plugin": "hangman"}]}"#])
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("- Hangman [hangman]"))
    }

    @Test func aRefusedSettingExitsWith2AtItsLineAndColumn() async throws {
        let run = try await run(
            ["--config", "games.json", "--simulate", "--duration", "1", "--status", "off"],
            files: ["games.json": "{\"games\": [\n  {\"plugin\": \"guess-the-number\", \"settings\": {\"lowset\": 1}}\n]}"])
        #expect(run.exitCode == 2)
        #expect(
            run.standardError.contains("games.json:2:47: $.games[0].settings.lowset: lowset is not a setting"),
            "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }

    @Test(arguments: [["--duration", "0"], ["--no-such-flag"], ["--simulate", "--url", "ws://localhost:8000"]])
    func usageErrorsExitWith2(arguments: [String]) async throws {
        let run = try await run(arguments)
        #expect(run.exitCode == 2, "\(run.standardError)")
        #expect(run.standardError.contains("Usage: neuro-host"), "\(run.standardError)")
    }

    @Test func helpNamesPrintSchemaAndExits0() async throws {
        let run = try await run(["--help"])
        #expect(run.exitCode == 0)
        #expect(run.standardOutput.contains("--print-schema"))
        #expect(run.standardOutput.contains("\"$schema\""))
        #expect(run.standardOutput.contains("List the game plugins (built-in and your own)"))
    }

    @Test func theSummaryOfSimulateCarriesNeuroSimsVerdict() async throws {
        let run = try await run(["--simulate", "--no-dashboard", "--duration", "2", "--status", "off", "--seed", "7"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let summary = try JSONParser().parse(run.standardOutput)
        let neuroSim = try #require(summary["neuroSim"], "\(run.standardOutput)")
        #expect(neuroSim["violationCount"] == 0, "\(neuroSim["violations"] ?? nil)")
        #expect(neuroSim["diagnostics"]?.objectValue != nil)
        #expect(neuroSim["seed"] == "7")
        let titles = summary["games"]?.arrayValue?.compactMap { $0["title"]?.stringValue } ?? []
        #expect(titles.count == 6)
        for title in titles {
            let game = neuroSim["games"]?[title]
            #expect((game?["connections"]?.integerValue ?? 0) >= 1, "\(title): \(game ?? nil)")
        }
    }

    @Test func withoutSimulateTheSummaryHasNoNeuroSim() async throws {
        // Nothing listens on port 1: the games back off until the time limit.
        let run = try await run(["--url", "ws://127.0.0.1:1", "--duration", "1", "--status", "off"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let summary = try JSONParser().parse(run.standardOutput)
        #expect(summary["games"]?.arrayValue?.count == 6)
        #expect(summary["neuroSim"] == nil)
    }
}
