import Foundation
import NeuroHostCLI
import NeuroTestSupport
import Testing

/// `NeuroHostMain` in-process with a developer's catalog: the command line sees the plugins it
/// is given, and refuses a catalog with problems.
@Suite struct NeuroHostMainTests {
    static let catalog = GameCatalog.builtIn.adding([CoinFlip.self])

    func file(_ text: String) throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/games.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (directory, path)
    }

    @Test func aDryRunChecksTheFileAgainstTheCatalogInUse() async throws {
        let (directory, path) = try file(
            #"{"games": [{"plugin": "coin-flip"}, {"plugin": "hangman", "settings": {"lives": 3}}]}"#)
        #expect(await NeuroHostMain.exitCode(catalog: Self.catalog, arguments: ["--config", path, "--dry-run"]) == 0)
        // The built-in catalog does not know the coin.
        #expect(await NeuroHostMain.exitCode(catalog: .builtIn, arguments: ["--config", path, "--dry-run"]) == 2)
        withExtendedLifetime(directory) {}
    }

    @Test func theOwnPluginsSettingsAreChecked() async throws {
        let (directory, path) = try file(#"{"games": [{"plugin": "coin-flip", "settings": {"sides": ["edge"]}}]}"#)
        #expect(await NeuroHostMain.exitCode(catalog: Self.catalog, arguments: ["--config", path, "--dry-run"]) == 2)
        withExtendedLifetime(directory) {}
    }

    @Test func withoutAConfigTheDefaultPlaysTheOwnPluginsToo() async {
        #expect(await NeuroHostMain.exitCode(catalog: Self.catalog, arguments: ["--dry-run"]) == 0)
        #expect(await NeuroHostMain.exitCode(catalog: GameCatalog([CoinFlip.self]), arguments: ["--dry-run"]) == 0)
    }

    @Test func aCatalogWithProblemsIsRefusedWith2() async {
        let twice = GameCatalog.builtIn.adding([CoinFlip.self, CoinFlip.self])
        #expect(!twice.problems.isEmpty)
        #expect(await NeuroHostMain.exitCode(catalog: twice, arguments: ["--list"]) == 2)
    }

    @Test(arguments: [(["--help"], 0), (["--duration", "-1"], 2), (["--bogus"], 2), (["--list"], 0)] as [([String], Int32)])
    func exitCodes(arguments: [String], code: Int32) async {
        #expect(await NeuroHostMain.exitCode(catalog: Self.catalog, arguments: arguments) == code)
    }
}
