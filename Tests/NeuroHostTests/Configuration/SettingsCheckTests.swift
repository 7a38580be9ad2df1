import GamePlugins
import GameSessions
import NeuroAPI
import Testing

@testable import NeuroHost

/// Each game's `settings`, decoded and tried by its plugin in the catalog while `games.json` is
/// read: a refused setting is a problem at its own line and column, like every other.
@Suite struct SettingsCheckTests {
    func problems(_ text: String, catalog: GameCatalog = .builtIn) -> [ConfigurationProblem] {
        do {
            _ = try HostConfiguration.decode(text: text, catalog: catalog, environment: [:])
            return []
        } catch {
            return error.problems
        }
    }

    @Test func everyRefusedSettingIsReportedAtItsLineAndColumn() {
        let problems = problems(
            #"""
            {"games": [
                {"plugin": "hangman"},
                {"plugin": "guess-the-number", "settings": {"lowset": 1}},
                {"plugin": "minesweeper", "settings": {"rows": "six"}},
                {"plugin": "hangman", "title": "Words", "settings": {"words": ["swift", 3]}},
                {"plugin": "guess-the-number", "title": "Upside down", "settings": {"lowest": 10, "highest": 1}}
            ]}
            """#)
        #expect(problems.map(\.code) == Array(repeating: .invalidSettings, count: 4))
        #expect(
            problems.map(\.description) == [
                "games.json:3:49: $.games[1].settings.lowset: lowset is not a setting of guess-the-number; "
                    + "known settings: attempts, highest, lowest",
                "games.json:4:44: $.games[2].settings.rows: rows must be a whole number",
                "games.json:5:77: $.games[3].settings.words[1]: words[1] must be a string",
                "games.json:6:87: $.games[4].settings.highest: highest must be above lowest (10), not 1; "
                    + "raise highest or lower lowest",
            ])
        #expect(problems.allSatisfy { $0.fix == "correct the setting, or remove it to use the default" })
    }

    @Test func aMissingRequiredSettingIsReportedAtTheGame() {
        let problems = problems(
            #"{"games": [{"plugin": "needy"}]}"#, catalog: GameCatalog([NeedyGame.self]))
        #expect(problems.map(\.code) == [.invalidSettings])
        #expect(problems.first?.path?.description == "$.games[0].settings.level")
        #expect(problems.first?.column == 12, "at the game, which has no settings")
    }

    @Test func disabledGamesAreCheckedToo() {
        let problems = problems(
            #"{"games": [{"plugin": "hangman"}, {"plugin": "hangman", "enabled": false, "settings": {"lives": 0}}]}"#)
        #expect(problems.map(\.path?.description) == ["$.games[1].settings.lives"])
    }

    @Test func settingsThatAreNotAnObjectAreOneProblem() {
        let problems = problems(#"{"games": [{"plugin": "hangman", "settings": [1]}]}"#)
        #expect(problems.map(\.code) == [.wrongType])
    }

    @Test func theEmbeddedDefaultAndTheSampleHaveValidSettings() throws {
        _ = try HostConfiguration.decode(text: HostConfiguration.embeddedDefault, catalog: .builtIn, environment: [:])
        _ = try HostConfiguration.load(
            path: SampleGames.repositoryRoot.appendingPathComponent("games.json").path, catalog: .builtIn, environment: [:])
    }

    @Test(arguments: [
        ("lowest", "$.s.lowest"), ("words[2]", "$.s.words[2]"), ("board.size", "$.s.board.size"),
        ("a[1].b", "$.s.a[1].b"), ("settings", "$.s"), ("x[y]", "$.s.x[\"[y]\"]"),
    ])
    func aSettingNameIsAPath(setting: String, path: String) {
        let settings = ConfigurationPath.root.appending("s")
        #expect(HostConfigurationDecoder.path(ofSetting: setting, in: settings).description == path)
    }
}

/// A plugin with a setting that has no default.
struct NeedyGame: GamePlugin {
    struct Settings: Codable, Sendable {
        var level: Int
    }

    static let id = "needy"
    static let defaultTitle = "Needy"
    static var allActions: [GameAction<NeedyGame>] { [GameAction("wait", description: "Wait.") { _ in .accepted("Waited.") }] }

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "A game that needs a level." }
    var force: ActionForce? { nil }
    var status: String { "" }
}
