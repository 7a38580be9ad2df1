import Foundation
import GamePlugins
import GameSessions
import Testing

@testable import NeuroHost

/// `neuro-host` without `--config` runs the embedded default; the README says it is the same as
/// the repository's games.json, and that every built-in game is in it.
@Suite struct EmbeddedDefaultTests {
    func decode(_ text: String) throws -> HostConfiguration {
        try HostConfiguration.decode(text: text, catalog: .builtIn, environment: [:])
    }

    @Test func theEmbeddedDefaultHasEveryBuiltInGame() throws {
        let configuration = try decode(HostConfiguration.embeddedDefault)
        #expect(Set(configuration.enabledGames.map(\.plugin)) == Set(GameCatalog.builtIn.ids))
    }

    @Test func theEmbeddedDefaultRunsTheSameGamesAsTheSampleFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let sample = try decode(String(contentsOf: root.appendingPathComponent("games.json"), encoding: .utf8))
        let embedded = try decode(HostConfiguration.embeddedDefault)
        #expect(embedded.enabledGames == sample.enabledGames)
        #expect(embedded.restartPolicy == sample.restartPolicy)
        #expect(embedded.saveDirectory == sample.saveDirectory)
    }

    @Test func theBuiltInCatalogRunsTheEmbeddedDefaultItself() {
        #expect(HostConfiguration.embeddedDefault(for: .builtIn) == HostConfiguration.embeddedDefault)
    }

    @Test func anotherCatalogRunsItsOwnPluginsToo() throws {
        let text = HostConfiguration.embeddedDefault(for: .builtIn.adding([FlakyGame.self]))
        let configuration = try HostConfiguration.decode(
            text: text, catalog: .builtIn.adding([FlakyGame.self]), environment: [:])
        let builtIn = try decode(HostConfiguration.embeddedDefault)
        #expect(configuration.games.dropLast() == builtIn.games[...])
        #expect(configuration.games.last?.plugin == "flaky")
        #expect(configuration.games.last?.title == "Flaky")
        #expect(configuration.restartPolicy == builtIn.restartPolicy)
    }

    @Test func aCatalogWithoutABuiltInGameLeavesItsGamesOut() throws {
        let catalog = GameCatalog([Hangman.self, FlakyGame.self])
        let configuration = try HostConfiguration.decode(
            text: HostConfiguration.embeddedDefault(for: catalog), catalog: catalog, environment: [:])
        #expect(configuration.games.map(\.plugin) == ["hangman", "flaky"])
    }
}
