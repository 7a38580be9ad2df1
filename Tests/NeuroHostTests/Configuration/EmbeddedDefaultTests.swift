import Foundation
import GamePlugins
import GameSessions
import Testing

@testable import NeuroHost

/// `neuro-host` without `--config` runs the embedded default; the README says it is the same as
/// the repository's games.json, and that every built-in game is in it.
@Suite struct EmbeddedDefaultTests {
    func decode(_ text: String) throws -> HostConfiguration {
        try HostConfiguration.decode(text: text, knownPlugins: GameCatalog.builtIn.defaultTitles, environment: [:])
    }

    @Test func theEmbeddedDefaultHasEveryBuiltInGame() throws {
        let configuration = try decode(HostConfiguration.embeddedDefault)
        #expect(Set(configuration.enabledGames.map(\.plugin)) == Set(GameCatalog.builtIn.plugins.map { $0.id }))
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
}
