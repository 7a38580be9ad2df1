import Foundation
import NeuroHostCLI
import NeuroTestSupport
import Testing

/// `neuro-host --relay HOST:PORT` and `"relay"` in games.json on the command line.
@Suite(.timeLimit(.minutes(1))) struct RelayCommandLineTests {
    func file(_ text: String) throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/games.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (directory, path)
    }

    @Test(
        arguments: [
            (["--relay", "127.0.0.1:0", "--dry-run"], 0), (["--relay", "8001", "--dry-run"], 0),
            (["--relay", "nowhere:port", "--dry-run"], 2), (["--relay", "127.0.0.1:70000", "--dry-run"], 2),
        ] as [([String], Int32)])
    func theFlagIsChecked(arguments: [String], code: Int32) async {
        #expect(await NeuroHostMain.exitCode(catalog: .builtIn, arguments: arguments) == code)
    }

    @Test func aHostWithOnlyARelayRunsUntilItIsStopped() async throws {
        let (directory, path) = try file(#"{"relay": {"listen": "127.0.0.1:0"}, "games": []}"#)
        let summary = directory.path + "/summary.json"
        let code = await NeuroHostMain.exitCode(
            catalog: .builtIn,
            arguments: [
                "--config", path, "--simulate", "--no-dashboard", "--duration", "1", "--status", "off", "--summary", summary,
            ])
        #expect(code == 0)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summary))) as? [String: Any])
        // No games of its own, yet the host ran for its whole duration: the relay keeps it up.
        #expect((json["secondsRunning"] as? Double ?? 0) >= 1)
        withExtendedLifetime(directory) {}
    }
}
