import Foundation
import GamePlugins
import GameSessions
import NeuroAPI
import NeuroTestSupport
import Testing

@testable import NeuroHost

/// The JSON Schema of `games.json` (`neuro-host --print-schema`): its keys follow the reader's,
/// its settings follow the plugins', and files the reader accepts validate against it.
@Suite struct GamesJSONSchemaTests {
    let schema = HostConfiguration.jsonSchema(for: .builtIn)

    @Test func itIsADraft2020SchemaNamingEveryPluginOfTheCatalog() throws {
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        let game = try #require(schema["$defs"]?["game"])
        #expect(game["properties"]?["plugin"]?["enum"] == .array(GameCatalog.builtIn.ids.map(JSONValue.string)))
        let branches = try #require(game["allOf"]?.arrayValue)
        #expect(branches.compactMap { $0["if"]?["properties"]?["plugin"]?["const"]?.stringValue } == GameCatalog.builtIn.ids)
        // The text parses back to the same value.
        #expect(try JSONParser().parse(schema.prettyText) == schema)
    }

    @Test func itsKeysAreTheReadersKeys() throws {
        func keys(_ value: JSONValue?) -> Set<String> { Set(value?["properties"]?.objectValue?.keys ?? []) }
        #expect(keys(schema) == Set(HostConfigurationDecoder.topLevelKeys))
        #expect(keys(schema["$defs"]?["game"]) == Set(HostConfigurationDecoder.gameKeys))
        #expect(keys(schema["$defs"]?["restartPolicy"]) == Set(HostConfigurationDecoder.policyKeys))
    }

    @Test func settingsWithoutASchemaGetOneFromTheirDefaults() {
        #expect(
            GuessTheNumber.hostSettingsSchema == [
                "title": "The settings of Guess the Number", "type": "object",
                "properties": [
                    "attempts": ["type": "integer", "default": 7], "highest": ["type": "integer", "default": 100],
                    "lowest": ["type": "integer", "default": 1],
                ],
                "additionalProperties": false,
            ])
        #expect(Hangman.hostSettingsSchema["properties"]?["words"] == ["type": "array", "default": []])
    }

    @Test func aSettingLeftOutOfTheEncodingIsStillAllowed() {
        #expect(
            OptionalSettingGame.hostSettingsSchema["properties"] == ["note": [:], "size": ["type": "integer", "default": 3]])
    }

    @Test func aPluginsOwnSettingsSchemaIsUsed() throws {
        let schema = HostConfiguration.jsonSchema(for: .builtIn.adding([SchemaGame.self]))
        let branch = try #require(schema["$defs"]?["game"]?["allOf"]?.arrayValue?.last)
        #expect(branch["then"]?["properties"]?["settings"] == ["type": "object", "properties": ["speed": ["enum": [1, 2]]]])
    }

    // MARK: - Validation with Python's jsonschema

    @Test(.enabled(if: PythonJSONSchema.isAvailable, "needs python3 with the jsonschema package"))
    func theSampleAndTheEmbeddedDefaultValidateAndMistakesDoNot() throws {
        let sample = try String(
            contentsOf: SampleGames.repositoryRoot.appendingPathComponent("games.json"), encoding: .utf8)
        let verdicts = try PythonJSONSchema.validate(
            [
                sample,
                HostConfiguration.embeddedDefault,
                #"{"$schema": "./games.schema.json", "games": [{"plugin": "hangman", "settings": {"lives": 3}}]}"#,
                #"{"games": [{"plugin": "guess-the-number", "settings": {"lowset": 1}}]}"#,
                #"{"games": [{"plugin": "minesweeper", "settings": {"rows": "six"}}]}"#,
                #"{"games": [{"plugin": "chess"}]}"#,
                #"{"games": [{"plugin": "hangman", "titel": "H"}]}"#,
                #"{"games": [], "restartPolicy": {"jitter": 2}}"#,
            ], against: schema)
        #expect(verdicts == [true, true, true, false, false, false, false, false])
    }
}

/// Runs Python's `jsonschema` (Draft 2020-12) on JSON texts.
enum PythonJSONSchema {
    /// Whether `python3 -c "import jsonschema"` works here.
    static let isAvailable: Bool = (try? run(["-c", "import jsonschema"]).status) == 0

    /// Whether each instance is valid against the schema (which must be a valid schema).
    static func validate(_ instances: [String], against schema: JSONValue) throws -> [Bool] {
        let directory = try TemporaryDirectory()
        let schemaFile = directory.path + "/schema.json"
        try schema.prettyText.write(toFile: schemaFile, atomically: true, encoding: .utf8)
        var files: [String] = []
        for (index, instance) in instances.enumerated() {
            let file = directory.path + "/instance-\(index).json"
            try instance.write(toFile: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            print(json.dumps([validator.is_valid(json.load(open(path))) for path in sys.argv[2:]]))
            """
        let result = try run(["-c", script, schemaFile] + files)
        guard result.status == 0, case .array(let verdicts) = try JSONParser().parse(result.output) else {
            throw Failure(description: "python3 failed (\(result.status)): \(result.output)")
        }
        return verdicts.map { $0.boolValue ?? false }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // The output is a line or a traceback: it fits the pipe's buffer, so reading it all
        // first and then waiting cannot block.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A plugin whose settings leave an optional key out when they encode.
struct OptionalSettingGame: GamePlugin {
    struct Settings: Codable, Sendable {
        var size = 3
        var note: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            size = try container.decodeIfPresent(Int.self, forKey: .size) ?? 3
            note = try container.decodeIfPresent(String.self, forKey: .note)
        }
    }

    static let id = "optional-setting"
    static let defaultTitle = "Optional Setting"
    static var allActions: [GameAction<OptionalSettingGame>] {
        [GameAction("wait", description: "Wait.") { _ in .accepted("Waited.") }]
    }

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "" }
    var force: ActionForce? { nil }
    var status: String { "" }
}

/// A plugin that gives the schema of its settings itself.
struct SchemaGame: GamePlugin {
    struct Settings: Codable, Sendable {}

    static let id = "schema-game"
    static let defaultTitle = "Schema Game"
    static let settingsSchema: JSONValue? = [
        "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
        "properties": ["speed": ["enum": [1, 2]]],
    ]
    static var allActions: [GameAction<SchemaGame>] { [GameAction("wait", description: "Wait.") { _ in .accepted("Waited.") }] }

    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

    var introduction: String { "" }
    var force: ActionForce? { nil }
    var status: String { "" }
}
