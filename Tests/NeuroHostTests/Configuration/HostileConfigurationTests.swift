import Foundation
import NeuroAPI
import NeuroHost
import Testing

/// Truncated, mistyped, enormous and deeply nested files end in clean errors, never a crash.
@Suite struct HostileConfigurationTests {
    static var sample: String {
        get throws { try String(contentsOfFile: HostConfigurationDecodingTests.samplePath, encoding: .utf8) }
    }

    @Test func everyTruncationOfTheSampleIsAnInvalidJSONError() throws {
        // Without the final newline, every proper prefix is incomplete.
        let bytes = Array(try Self.sample.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        for length in 0..<bytes.count {
            let errors: [ConfigurationProblem]
            do {
                _ = try HostConfiguration.decode(
                    bytes: Array(bytes[..<length]),
                    catalog: ConfigurationFixtures.catalog,
                    environment: [:]
                )
                errors = []
            } catch {
                errors = error.problems
            }
            #expect(errors.map(\.code) == [.invalidJSON], "length \(length)")
            #expect(errors.first?.line != nil)
        }
    }

    /// A value of every JSON type at every typed spot; all but the right type are errors.
    static let typedSpots: [(key: String, wrap: @Sendable (String) -> String, accepts: Set<String>)] = [
        ("$", { $0 }, ["object"]),
        ("$.url", { #"{"url": \#($0), "games": [{"plugin": "hangman"}]}"# }, ["string"]),
        ("$.saveDirectory", { #"{"saveDirectory": \#($0), "games": [{"plugin": "hangman"}]}"# }, ["string"]),
        ("$.restartPolicy", { #"{"restartPolicy": \#($0), "games": [{"plugin": "hangman"}]}"# }, ["object"]),
        (
            "$.restartPolicy.initialDelay", { #"{"restartPolicy": {"initialDelay": \#($0)}, "games": [{"plugin": "hangman"}]}"# },
            ["number"]
        ),
        ("$.restartPolicy.jitter", { #"{"restartPolicy": {"jitter": \#($0)}, "games": [{"plugin": "hangman"}]}"# }, ["number"]),
        (
            "$.restartPolicy.maximumRestarts",
            { #"{"restartPolicy": {"maximumRestarts": \#($0)}, "games": [{"plugin": "hangman"}]}"# }, ["number", "null"]
        ),
        ("$.games", { #"{"games": \#($0)}"# }, ["array"]),
        ("$.games[0]", { #"{"games": [\#($0)]}"# }, ["object"]),
        ("$.games[0].plugin", { #"{"games": [{"plugin": \#($0)}]}"# }, ["string"]),
        ("$.games[0].title", { #"{"games": [{"plugin": "hangman", "title": \#($0)}]}"# }, ["string"]),
        ("$.games[0].settings", { #"{"games": [{"plugin": "hangman", "settings": \#($0)}]}"# }, ["object"]),
        ("$.games[0].enabled", { #"{"games": [{"plugin": "hangman", "enabled": \#($0)}]}"# }, ["boolean"]),
        ("$.games[0].url", { #"{"games": [{"plugin": "hangman", "url": \#($0)}]}"# }, ["string"]),
        ("$.games[0].restartPolicy", { #"{"games": [{"plugin": "hangman", "restartPolicy": \#($0)}]}"# }, ["object"]),
        (
            "$.games[0].restartPolicy.healthyAfter",
            { #"{"games": [{"plugin": "hangman", "restartPolicy": {"healthyAfter": \#($0)}}]}"# }, ["number"]
        ),
    ]

    static let valuesByType: [(type: String, text: String)] = [
        ("null", "null"), ("boolean", "true"), ("number", "3"), ("string", #""x""#), ("array", "[]"), ("object", "{}"),
    ]

    @Test func wrongTypesAtEveryLevelAreReportedAtTheirPath() {
        for spot in Self.typedSpots {
            for value in Self.valuesByType where !spot.accepts.contains(value.type) {
                let errors = ConfigurationFixtures.errors(of: spot.wrap(value.text))
                #expect(errors.map(\.code) == [.wrongType], "\(spot.key) = \(value.text): \(errors)")
                #expect(errors.first?.path?.description == spot.key, "\(spot.key) = \(value.text)")
                #expect(errors.first?.line == 1, "\(spot.key) = \(value.text)")
            }
        }
    }

    @Test(arguments: [
        (
            #"{"restartPolicy": {"initialDelay": 1e308}, "games": [{"plugin": "hangman"}]}"#,
            ConfigurationProblem.Code.outOfRange
        ),
        (#"{"restartPolicy": {"maximumDelay": -1e308}, "games": [{"plugin": "hangman"}]}"#, .outOfRange),
        (#"{"restartPolicy": {"multiplier": 1e300}, "games": [{"plugin": "hangman"}]}"#, .outOfRange),
        (#"{"restartPolicy": {"maximumRestarts": 9223372036854775807}, "games": [{"plugin": "hangman"}]}"#, .outOfRange),
        (#"{"restartPolicy": {"maximumRestarts": 99999999999999999999}, "games": [{"plugin": "hangman"}]}"#, .wrongType),
        (#"{"restartPolicy": {"initialDelay": 1e999}, "games": [{"plugin": "hangman"}]}"#, .invalidJSON),
        (#"{"games": [{"plugin": "hangman", "title": "\u0000"}]}"#, .invalidTitle),
    ])
    func enormousValuesAreCleanErrors(text: String, code: ConfigurationProblem.Code) {
        #expect(ConfigurationFixtures.errors(of: text).map(\.code) == [code])
    }

    @Test func tooManyGamesIsOneError() {
        let games = Array(repeating: #"{"plugin": "hangman", "enabled": false}"#, count: HostConfiguration.maximumGameCount + 1)
        let errors = ConfigurationFixtures.errors(of: #"{"games": [\#(games.joined(separator: ","))]}"#)
        #expect(errors.map(\.code) == [.invalidGameCount])
        #expect(errors.first?.message == "lists 10001 games, more than the limit of 10000")
    }

    @Test func theMaximumNumberOfGamesIsAccepted() throws {
        let games = (0..<HostConfiguration.maximumGameCount).map { #"{"plugin": "blackjack", "title": "Table \#($0)"}"# }
        let configuration = try ConfigurationFixtures.decode(#"{"games": [\#(games.joined(separator: ","))]}"#)
        #expect(configuration.enabledGames.count == 10_000)
    }

    @Test func floodsOfErrorsAreCutShort() {
        let keys = (0..<5000).map { #""junk\#($0)": 1"# }.joined(separator: ", ")
        let errors = ConfigurationFixtures.errors(of: #"{\#(keys), "games": [{"plugin": "hangman"}]}"#)
        #expect(errors.count == 101)
        #expect(errors.dropLast().allSatisfy { $0.code == .unknownKey })
        #expect(errors.last?.code == .tooManyErrors)
        #expect(errors.last?.description == "games.json: more errors were found; only the first 100 are listed")
    }

    @Test func hugeKeysAreShortenedInMessages() {
        let key = String(repeating: "k", count: 100_000)
        let errors = ConfigurationFixtures.errors(of: #"{"\#(key)": 1, "games": [{"plugin": "hangman"}]}"#)
        #expect(errors.map(\.code) == [.unknownKey])
        #expect((errors.first?.description.count ?? .max) < 500)
    }

    @Test func deepNestingInSettingsIsAnErrorNotACrash() {
        let depth = 100_000
        let settings = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let errors = ConfigurationFixtures.errors(of: #"{"games": [{"plugin": "hangman", "settings": {"x": \#(settings)}}]}"#)
        #expect(errors.map(\.code) == [.invalidJSON])
        #expect(errors.first?.message.contains("nesting is deeper than the limit") == true)
    }

    @Test func oversizedTextIsRefusedBeforeParsing() {
        let text = #"{"games": [{"plugin": "hangman"}]}"# + String(repeating: " ", count: HostConfiguration.maximumFileSize)
        let errors = ConfigurationFixtures.errors(of: text)
        #expect(errors.map(\.code) == [.fileTooLarge])
    }

    @Test(arguments: ["", " ", "\u{FEFF}{}", "{} {}", "nul", "{\"games\": [{\"plugin\": \"hangman\"}]} // comment", "\u{0}"])
    func nonJSONIsAnInvalidJSONError(text: String) {
        #expect(ConfigurationFixtures.errors(of: text).map(\.code) == [.invalidJSON])
    }

    @Test func invalidUTF8IsAnInvalidJSONError() {
        var bytes = Array(#"{"games": [{"plugin": "hangman", "title": "x"}]}"#.utf8)
        bytes[43] = 0xFF
        let error = #expect(throws: InvalidConfiguration.self) {
            try HostConfiguration.decode(bytes: bytes, catalog: ConfigurationFixtures.catalog, environment: [:])
        }
        #expect(error?.map(\.code) == [.invalidJSON])
        #expect(error?.first?.column == 43)
    }

    @Test func theLargestAcceptedFileDecodes() throws {
        // 10,000 games whose settings fill the file to just under the size limit.
        let filler = String(repeating: "0123456789", count: 33)
        let games = (0..<HostConfiguration.maximumGameCount).map {
            #"{"plugin": "minesweeper", "title": "Field \#($0)", "settings": {"notes": ["\#(filler)"]}}"#
        }
        let text = #"{"games": [\#(games.joined(separator: ",\n"))]}"#
        #expect(text.utf8.count > HostConfiguration.maximumFileSize * 9 / 10)
        #expect(text.utf8.count <= HostConfiguration.maximumFileSize)
        let configuration = try ConfigurationFixtures.decode(text)
        #expect(configuration.games.count == 10_000)
        #expect(configuration.games[9999].settings == ["notes": [.string(filler)]])

        // The same file with one mistake at the end still puts a line on it.
        let broken = text.replacingOccurrences(of: "Field 9999", with: "Field 9998")
        let errors = ConfigurationFixtures.errors(of: broken)
        #expect(errors.map(\.code) == [.duplicateTitle])
        #expect(errors.first?.line == 10_000)
    }

    @Test func escapedKeysAreMatchedByTheirValue() {
        let errors = ConfigurationFixtures.errors(
            of: #"{"games": [{"pl\u0075gin": "hangman", "title": "A", "t\u0069tle": "B", "enabl\u00e9d": true}]}"#
        )
        #expect(errors.map(\.code) == [.duplicateKey, .unknownKey])
        #expect(errors.map(\.path?.description) == ["$.games[0].title", "$.games[0][\"enabl\u{e9}d\"]"])
        #expect(errors.map(\.column) == [53, 72])
    }
}
