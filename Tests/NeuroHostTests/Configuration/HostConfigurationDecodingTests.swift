import Foundation
import NeuroAPI
import NeuroHost
import NeuroTestSupport
import Testing

/// Valid files: defaults, merging, pass-through settings, the sample, and loading from disk.
@Suite struct HostConfigurationDecodingTests {
    @Test func minimalFileTakesEveryDefault() throws {
        let configuration = try ConfigurationFixtures.decode(#"{"games": [{"plugin": "hangman"}]}"#)
        #expect(configuration.url == nil)
        #expect(configuration.saveDirectory == "saves")
        #expect(configuration.restartPolicy == RestartPolicy())
        let game = try #require(configuration.games.first)
        #expect(game.plugin == "hangman")
        #expect(game.title == "Hangman")
        #expect(game.settings == [:])
        #expect(game.isEnabled)
        #expect(game.url == "ws://localhost:8000")
        #expect(game.urlSource == .builtInDefault)
        #expect(game.restartPolicy == RestartPolicy())
        #expect(game.namePrefix == "hangman")
    }

    @Test func gamePolicyOverridesOnlyWhatItNames() throws {
        let configuration = try ConfigurationFixtures.decode(
            """
            {
              "restartPolicy": {"initialDelay": 0.5, "maximumDelay": 30, "multiplier": 3, "jitter": 0,
                                "maximumRestarts": 7, "healthyAfter": 10},
              "games": [
                {"plugin": "hangman"},
                {"plugin": "blackjack", "restartPolicy": {"maximumDelay": 5, "maximumRestarts": null}}
              ]
            }
            """
        )
        let base = RestartPolicy(
            initialDelay: .milliseconds(500),
            maximumDelay: .seconds(30),
            multiplier: 3,
            jitter: 0,
            maximumRestarts: 7,
            healthyAfter: .seconds(10)
        )
        #expect(configuration.restartPolicy == base)
        #expect(configuration.games[0].restartPolicy == base)
        var overridden = base
        overridden.maximumDelay = .seconds(5)
        overridden.maximumRestarts = nil
        #expect(configuration.games[1].restartPolicy == overridden)
    }

    @Test func settingsPassThroughUntouched() throws {
        let configuration = try ConfigurationFixtures.decode(
            #"{"games": [{"plugin": "guess-the-number", "settings": {"lowest": 1, "nested": {"list": [1.5, "x", null]}}}]}"#
        )
        #expect(configuration.games[0].settings == ["lowest": 1, "nested": ["list": [1.5, "x", nil]]])
    }

    @Test func samePluginTwiceWithDifferentTitlesAndSettings() throws {
        let configuration = try ConfigurationFixtures.decode(
            """
            {"games": [
              {"plugin": "guess-the-number", "settings": {"highest": 10}},
              {"plugin": "guess-the-number", "title": "Guess the Number (hard)", "settings": {"highest": 1000}}
            ]}
            """
        )
        #expect(configuration.games.map(\.title) == ["Guess the Number", "Guess the Number (hard)"])
        #expect(configuration.games.map(\.namePrefix) == ["guess_the_number", "guess_the_number_hard"])
        #expect(configuration.games.map(\.settings) == [["highest": 10], ["highest": 1000]])
    }

    @Test func sampleFileAtTheRepositoryRootDecodes() throws {
        let configuration = try HostConfiguration.load(
            path: Self.samplePath,
            catalog: ConfigurationFixtures.catalog,
            environment: [:]
        )
        #expect(Set(configuration.games.map(\.plugin)) == Set(ConfigurationFixtures.catalog.ids))
        #expect(configuration.games.filter { $0.plugin == "guess-the-number" }.count == 2)
        #expect(configuration.games.contains { !$0.isEnabled })
        #expect(Set(configuration.enabledGames.map(\.plugin)) == Set(ConfigurationFixtures.catalog.ids))
        #expect(configuration.url == "ws://localhost:8000")
        #expect(configuration.restartPolicy.maximumRestarts == nil)
        #expect(configuration.saveDirectory.hasSuffix("/saves"))
        let prefixes = configuration.enabledGames.map(\.namePrefix)
        #expect(Set(prefixes).count == prefixes.count)
    }

    @Test func loadReportsAMissingFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/absent.json"
        let errors = Self.loadErrors(path)
        #expect(errors.map(\.code) == [.fileNotFound])
        #expect(errors.first?.description == "\(path): no such file")
        #expect(
            errors.first?.fix
                == "create it (the repository's games.json is a sample to copy) or give the path of an existing file"
        )
    }

    @Test func loadReportsADirectory() throws {
        let directory = try TemporaryDirectory()
        let errors = Self.loadErrors(directory.path)
        #expect(errors.map(\.code) == [.unreadableFile])
        #expect(errors.first?.description == "\(directory.path): is a directory, not a file")
    }

    @Test func loadRefusesAnOversizedFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/games.json"
        let padding = String(repeating: " ", count: HostConfiguration.maximumFileSize)
        try Data((#"{"games": [{"plugin": "hangman"}]}"# + padding).utf8).write(to: URL(fileURLWithPath: path))
        let errors = Self.loadErrors(path)
        #expect(errors.map(\.code) == [.fileTooLarge])
        #expect(errors.first?.description == "\(path): is larger than the limit of 4194304 bytes")
    }

    @Test func loadNamesTheFileInErrorsAndResolvesTheSaveDirectory() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/host.json"
        try Data(#"{"games": [{"plugin": "hangman", "enabled": 0}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(Self.loadErrors(path).first?.description.hasPrefix("\(path):1:34: $.games[0].enabled:") == true)

        try Data(#"{"saveDirectory": "state/saves", "games": [{"plugin": "hangman"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        let relative = try HostConfiguration.load(path: path, catalog: ConfigurationFixtures.catalog, environment: [:])
        #expect(relative.saveDirectory == directory.path + "/state/saves")

        try Data(#"{"saveDirectory": "/var/lib/neuro", "games": [{"plugin": "hangman"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        let absolute = try HostConfiguration.load(path: path, catalog: ConfigurationFixtures.catalog, environment: [:])
        #expect(absolute.saveDirectory == "/var/lib/neuro")
    }

    static var samplePath: String {
        // Tests/NeuroHostTests/Configuration/ → the repository root.
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("games.json").path
    }

    static func loadErrors(_ path: String) -> [ConfigurationProblem] {
        do {
            _ = try HostConfiguration.load(path: path, catalog: ConfigurationFixtures.catalog, environment: [:])
            return []
        } catch {
            return error.problems
        }
    }
}
