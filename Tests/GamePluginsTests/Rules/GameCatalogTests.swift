import Foundation
import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

@Suite struct GameCatalogTests {
    @Test func catalogListsTheFiveGamesWithDistinctIDs() {
        let ids = GameCatalog.builtIn.plugins.map { $0.id }
        #expect(ids == ["tic-tac-toe", "hangman", "guess-the-number", "blackjack", "minesweeper"])
    }

    @Test(arguments: ["tic-tac-toe", "hangman", "guess-the-number", "blackjack", "minesweeper"])
    func pluginIsFoundByIDAndStartsFromEmptySettings(id: String) throws {
        let plugin = try #require(GameCatalog.builtIn.plugin(id: id))
        #expect(plugin.id == id)
        #expect(GameCatalog.builtIn.problems.isEmpty, "ids are unique and kebab case, actions declared once")
        #expect(!plugin.defaultTitle.isEmpty && !plugin.summary.isEmpty)
        try Self.startFromEmptySettings(plugin)
    }

    @Test func unknownIDFindsNothing() {
        #expect(GameCatalog.builtIn.plugin(id: "chess") == nil)
    }

    /// Decodes `{}` as the plugin's settings, starts a game, and checks its first state.
    static func startFromEmptySettings<Game: GamePlugin>(_: Game.Type) throws {
        let settings = try JSONDecoder().decode(Game.Settings.self, from: Data("{}".utf8))
        let game = try Game(settings: settings, seed: 42)
        #expect(!game.introduction.isEmpty)
        #expect(game.status.hasPrefix("round 1, score 0-0"))
        try GameTestSupport.expectWellFormed(game)
    }
}
