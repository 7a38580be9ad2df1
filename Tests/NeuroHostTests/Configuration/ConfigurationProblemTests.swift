import NeuroHost
import Testing

/// Each kind of configuration error: its code, JSON path, line and column, message and fix.
@Suite struct ConfigurationProblemTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var code: ConfigurationProblem.Code
        var path: String?
        var line: Int?
        var column: Int?
        var description: String
        var fix: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "invalid JSON",
            text: #"{"games": [{"plugin": "hangman"},]}"#,
            code: .invalidJSON, path: nil, line: 1, column: 34,
            description: "games.json:1:34: invalid JSON: expected a value but found ']'",
            fix: "correct the JSON there; it allows no comments, no trailing commas and only double-quoted strings"
        ),
        Case(
            name: "invalid JSON on a later line",
            text: "{\n  \"games\": [\n    {\"plugin\": hangman}\n  ]\n}",
            code: .invalidJSON, path: nil, line: 3, column: 16,
            description: "games.json:3:16: invalid JSON: expected a value but found 'h'",
            fix: "correct the JSON there; it allows no comments, no trailing commas and only double-quoted strings"
        ),
        Case(
            name: "unknown key",
            text: """
                {
                  "games": [{"plugin": "hangman"}],
                  "restartPolicy": {"intialDelay": 2}
                }
                """,
            code: .unknownKey, path: "$.restartPolicy.intialDelay", line: 3, column: 21,
            description: "games.json:3:21: $.restartPolicy.intialDelay: unknown key \"intialDelay\" in a restart policy; "
                + "known keys: initialDelay, maximumDelay, multiplier, jitter, maximumRestarts, healthyAfter",
            fix: "did you mean \"initialDelay\"? Keys are case-sensitive"
        ),
        Case(
            name: "unknown key without a likely meaning",
            text: """
                {
                  "games": [{"plugin": "hangman", "colour": "red"}]
                }
                """,
            code: .unknownKey, path: "$.games[0].colour", line: 2, column: 35,
            description: "games.json:2:35: $.games[0].colour: unknown key \"colour\" in a game; "
                + "known keys: plugin, title, settings, enabled, url, restartPolicy",
            fix: "remove it"
        ),
        Case(
            name: "wrong type",
            text: """
                {
                  "games": [
                    {"plugin": "hangman", "enabled": "yes"}
                  ]
                }
                """,
            code: .wrongType, path: "$.games[0].enabled", line: 3, column: 27,
            description: "games.json:3:27: $.games[0].enabled: expected true or false, found string \"yes\"",
            fix: "write true or false"
        ),
        Case(
            name: "unknown plugin",
            text: """
                {
                  "games": [
                    {"plugin": "hangman"},
                    {"plugin": "chess"}
                  ]
                }
                """,
            code: .unknownPlugin, path: "$.games[1].plugin", line: 4, column: 6,
            description: "games.json:4:6: $.games[1].plugin: unknown plugin \"chess\"; "
                + "known plugins: blackjack, guess-the-number, hangman, minesweeper, tic-tac-toe",
            fix: "use one of the known plugin ids"
        ),
        Case(
            name: "misspelt plugin",
            text: #"{"games": [{"plugin": "tic-tac-to"}]}"#,
            code: .unknownPlugin, path: "$.games[0].plugin", line: 1, column: 13,
            description: "games.json:1:13: $.games[0].plugin: unknown plugin \"tic-tac-to\"; "
                + "known plugins: blackjack, guess-the-number, hangman, minesweeper, tic-tac-toe",
            fix: "did you mean \"tic-tac-toe\"?"
        ),
        Case(
            name: "missing plugin",
            text: """
                {
                  "games": [
                    {"title": "Chess"}
                  ]
                }
                """,
            code: .missingKey, path: "$.games[0].plugin", line: 3, column: 5,
            description: "games.json:3:5: $.games[0].plugin: missing key \"plugin\"",
            fix: "name the game's plugin, one of: blackjack, guess-the-number, hangman, minesweeper, tic-tac-toe"
        ),
        Case(
            name: "missing games",
            text: #"{"url": "ws://localhost:8000"}"#,
            code: .missingKey, path: "$.games", line: 1, column: 1,
            description: "games.json:1:1: $.games: missing key \"games\"",
            fix: "add the list of games to play, e.g. \"games\": [{\"plugin\": \"tic-tac-toe\"}]"
        ),
        Case(
            name: "empty games",
            text: #"{"games": []}"#,
            code: .invalidGameCount, path: "$.games", line: 1, column: 2,
            description: "games.json:1:2: $.games: the list of games is empty; there is nothing to play",
            fix: "add at least one game, e.g. {\"plugin\": \"tic-tac-toe\"}"
        ),
        Case(
            name: "duplicate title",
            text: """
                {
                  "games": [
                    {"plugin": "guess-the-number"},
                    {"plugin": "guess-the-number", "settings": {"seed": 1}}
                  ]
                }
                """,
            code: .duplicateTitle, path: "$.games[1]", line: 4, column: 5,
            description: "games.json:4:5: $.games[1]: the title \"Guess the Number\" (the plugin's default title) "
                + "is already used by $.games[0]",
            fix: "give each enabled game its own \"title\""
        ),
        Case(
            name: "name prefix collision",
            text: """
                {
                  "games": [
                    {"plugin": "tic-tac-toe"},
                    {"plugin": "tic-tac-toe", "title": "Tic-Tac-Toe!"}
                  ]
                }
                """,
            code: .namePrefixCollision, path: "$.games[1].title", line: 4, column: 31,
            description: "games.json:4:31: $.games[1].title: the title \"Tic-Tac-Toe!\" gives the action-name prefix "
                + "\"tic_tac_toe\", as \"Tic Tac Toe\" at $.games[0] does",
            fix: "make the titles differ in their letters or digits, not only in case, spaces or punctuation"
        ),
        Case(
            name: "bad URL scheme",
            text: """
                {
                  "url": "http://localhost:8000",
                  "games": [{"plugin": "hangman"}]
                }
                """,
            code: .invalidURL, path: "$.url", line: 2, column: 3,
            description: "games.json:2:3: $.url: \"http://localhost:8000\" uses the scheme \"http\"; "
                + "Neuro is reached with ws:// or wss://",
            fix: "use ws://host:port or wss://host:port, e.g. ws://localhost:8000"
        ),
        Case(
            name: "negative delay",
            text: """
                {
                  "restartPolicy": {
                    "initialDelay": -1
                  },
                  "games": [{"plugin": "hangman"}]
                }
                """,
            code: .outOfRange, path: "$.restartPolicy.initialDelay", line: 3, column: 5,
            description: "games.json:3:5: $.restartPolicy.initialDelay: initialDelay (-1 s) is negative",
            fix: "use a number of seconds from 0.001 to 86400"
        ),
        Case(
            name: "zero initial delay",
            text: #"{"restartPolicy": {"initialDelay": 0}, "games": [{"plugin": "hangman"}]}"#,
            code: .outOfRange, path: "$.restartPolicy.initialDelay", line: 1, column: 20,
            description: "games.json:1:20: $.restartPolicy.initialDelay: initialDelay (0 s) is below the minimum of 0.001 s",
            fix: "use a number of seconds from 0.001 to 86400"
        ),
        Case(
            name: "delay longer than a day",
            text: #"{"restartPolicy": {"healthyAfter": 1e9}, "games": [{"plugin": "hangman"}]}"#,
            code: .outOfRange, path: "$.restartPolicy.healthyAfter", line: 1, column: 20,
            description: "games.json:1:20: $.restartPolicy.healthyAfter: healthyAfter (1000000000 s) is longer than a day",
            fix: "use a number of seconds from 0 to 86400"
        ),
        Case(
            name: "inverted delays",
            text: """
                {
                  "restartPolicy": {
                    "initialDelay": 10,
                    "maximumDelay": 5
                  },
                  "games": [{"plugin": "hangman"}]
                }
                """,
            code: .invertedDelays, path: "$.restartPolicy.maximumDelay", line: 4, column: 5,
            description: "games.json:4:5: $.restartPolicy.maximumDelay: maximumDelay (5 s, from $.restartPolicy.maximumDelay) "
                + "is below initialDelay (10 s, from $.restartPolicy.initialDelay)",
            fix: "make maximumDelay at least initialDelay"
        ),
        Case(
            name: "inverted against the built-in default",
            text: #"{"restartPolicy": {"initialDelay": 90}, "games": [{"plugin": "hangman"}]}"#,
            code: .invertedDelays, path: "$.restartPolicy.initialDelay", line: 1, column: 20,
            description: "games.json:1:20: $.restartPolicy.initialDelay: maximumDelay (60 s, the default) "
                + "is below initialDelay (90 s, from $.restartPolicy.initialDelay)",
            fix: "make maximumDelay at least initialDelay"
        ),
        Case(
            name: "inverted by a game's override",
            text: """
                {
                  "restartPolicy": {"initialDelay": 10},
                  "games": [
                    {"plugin": "hangman", "restartPolicy": {"maximumDelay": 2.5}}
                  ]
                }
                """,
            code: .invertedDelays, path: "$.games[0].restartPolicy.maximumDelay", line: 4, column: 45,
            description: "games.json:4:45: $.games[0].restartPolicy.maximumDelay: maximumDelay "
                + "(2.5 s, from $.games[0].restartPolicy.maximumDelay) is below initialDelay (10 s, from $.restartPolicy.initialDelay)",
            fix: "make maximumDelay at least initialDelay"
        ),
        Case(
            name: "jitter above 1",
            text: #"{"restartPolicy": {"jitter": 1.5}, "games": [{"plugin": "hangman"}]}"#,
            code: .outOfRange, path: "$.restartPolicy.jitter", line: 1, column: 20,
            description: "games.json:1:20: $.restartPolicy.jitter: jitter is 1.5; it must be from 0 to 1",
            fix: "use a number from 0 to 1"
        ),
        Case(
            name: "multiplier below 1",
            text: #"{"restartPolicy": {"multiplier": 0.5}, "games": [{"plugin": "hangman"}]}"#,
            code: .outOfRange, path: "$.restartPolicy.multiplier", line: 1, column: 20,
            description: "games.json:1:20: $.restartPolicy.multiplier: multiplier is 0.5; it must be from 1 to 100",
            fix: "use a number from 1 to 100"
        ),
        Case(
            name: "negative maximum restarts",
            text: #"{"restartPolicy": {"maximumRestarts": -1}, "games": [{"plugin": "hangman"}]}"#,
            code: .outOfRange, path: "$.restartPolicy.maximumRestarts", line: 1, column: 20,
            description: "games.json:1:20: $.restartPolicy.maximumRestarts: maximumRestarts is -1; "
                + "it must be from 0 to 1000000, or null for no limit",
            fix: "use 0 to never restart, or null to restart forever"
        ),
        Case(
            name: "fractional maximum restarts",
            text: #"{"restartPolicy": {"maximumRestarts": 2.5}, "games": [{"plugin": "hangman"}]}"#,
            code: .wrongType, path: "$.restartPolicy.maximumRestarts", line: 1, column: 20,
            description: "games.json:1:20: $.restartPolicy.maximumRestarts: expected a whole number or null, found number 2.5",
            fix: "write a whole number of restarts, or null for no limit"
        ),
        Case(
            name: "empty title",
            text: #"{"games": [{"plugin": "hangman", "title": " "}]}"#,
            code: .invalidTitle, path: "$.games[0].title", line: 1, column: 34,
            description: "games.json:1:34: $.games[0].title: the title is empty",
            fix: "give the game a name, or leave \"title\" out for the plugin's"
        ),
        Case(
            name: "title with a control character",
            text: #"{"games": [{"plugin": "hangman", "title": "Hang\nman"}]}"#,
            code: .invalidTitle, path: "$.games[0].title", line: 1, column: 34,
            description: "games.json:1:34: $.games[0].title: the title holds the control character U+000A",
            fix: "remove line breaks, tabs and other control characters from the title"
        ),
        Case(
            name: "title too long",
            text: #"{"games": [{"plugin": "hangman", "title": ""# + String(repeating: "x", count: 101) + #""}]}"#,
            code: .outOfRange, path: "$.games[0].title", line: 1, column: 34,
            description: "games.json:1:34: $.games[0].title: the title is 101 characters long, more than the limit of 100",
            fix: "shorten the title"
        ),
        Case(
            name: "settings not an object",
            text: #"{"games": [{"plugin": "hangman", "settings": [1]}]}"#,
            code: .wrongType, path: "$.games[0].settings", line: 1, column: 34,
            description: "games.json:1:34: $.games[0].settings: expected an object for the game's settings, found an array",
            fix: "write the game's settings as an object: { … }"
        ),
        Case(
            name: "root not an object",
            text: "[]",
            code: .wrongType, path: "$", line: 1, column: 1,
            description: "games.json:1:1: $: expected an object for the configuration, found an array",
            fix: "write the configuration as an object: { … }"
        ),
        Case(
            name: "duplicate key",
            text: """
                {
                  "games": [
                    {"plugin": "hangman", "title": "A", "title": "B"}
                  ]
                }
                """,
            code: .duplicateKey, path: "$.games[0].title", line: 3, column: 41,
            description: "games.json:3:41: $.games[0].title: the key \"title\" appears more than once in this object",
            fix: "keep one of them; JSON readers disagree on which one counts"
        ),
        Case(
            name: "empty save directory",
            text: #"{"saveDirectory": "", "games": [{"plugin": "hangman"}]}"#,
            code: .invalidSaveDirectory, path: "$.saveDirectory", line: 1, column: 2,
            description: "games.json:1:2: $.saveDirectory: saveDirectory is empty",
            fix: "give a directory path such as \"saves\", or leave the key out"
        ),
    ]

    @Test(arguments: cases)
    func reportsTheError(_ expected: Case) throws {
        let errors = ConfigurationFixtures.errors(of: expected.text)
        try #require(errors.count == 1, "\(errors)")
        let error = errors[0]
        #expect(error.code == expected.code)
        #expect(error.path?.description == expected.path)
        #expect(error.line == expected.line)
        #expect(error.column == expected.column)
        #expect(error.description == expected.description)
        #expect(error.fix == expected.fix)
    }

    @Test func collectsEveryErrorInDocumentOrder() {
        let text = """
            {
              "url": "ftp://example.com",
              "games": [
                {"plugin": "chess"},
                {"plugin": "hangman", "enabled": 1},
                {"plugin": "blackjack", "restartPolicy": {"jitter": -0.1, "maximumDelay": "long"}}
              ]
            }
            """
        let errors = ConfigurationFixtures.errors(of: text)
        #expect(errors.map(\.code) == [.invalidURL, .unknownPlugin, .wrongType, .outOfRange, .wrongType])
        #expect(
            errors.map(\.path?.description) == [
                "$.url", "$.games[0].plugin", "$.games[1].enabled", "$.games[2].restartPolicy.jitter",
                "$.games[2].restartPolicy.maximumDelay",
            ])
        #expect(errors.map(\.line) == [2, 4, 5, 6, 6])
    }

    @Test func listDescriptionGivesEachErrorWithItsFix() {
        let text = #"{"games": [{"plugin": "chess"}, {"plugin": "hangman", "enabled": null}]}"#
        do {
            _ = try ConfigurationFixtures.decode(text)
            Issue.record("decoded an invalid file")
        } catch {
            #expect(
                error.description == """
                    games.json:1:13: $.games[0].plugin: unknown plugin "chess"; known plugins: blackjack, guess-the-number, \
                    hangman, minesweeper, tic-tac-toe
                      fix: use one of the known plugin ids
                    games.json:1:55: $.games[1].enabled: expected true or false, found null
                      fix: write true or false
                    """
            )
            #expect(InvalidConfiguration.exitCode == 2)
        }
    }

    @Test func invalidURLFlagIsReportedAgainstTheFlag() {
        let errors = ConfigurationFixtures.errors(of: #"{"games": [{"plugin": "hangman"}]}"#, urlFlag: "localhost:8000")
        #expect(errors.map(\.code) == [.invalidURL])
        #expect(errors.first?.path == nil)
        #expect(errors.first?.description.hasPrefix("--url: \"localhost:8000\"") == true)
    }

    @Test func invalidEnvironmentURLIsReportedAgainstTheVariable() {
        let errors = ConfigurationFixtures.errors(
            of: #"{"games": [{"plugin": "hangman"}]}"#,
            environment: ["NEURO_SDK_WS_URL": "https://neuro.example"]
        )
        #expect(errors.map(\.code) == [.invalidURL])
        #expect(
            errors.first?.description
                == "NEURO_SDK_WS_URL: \"https://neuro.example\" uses the scheme \"https\"; Neuro is reached with ws:// or wss://"
        )
    }

    @Test func disabledGamesMayShareATitle() throws {
        let configuration = try ConfigurationFixtures.decode(
            #"{"games": [{"plugin": "hangman"}, {"plugin": "hangman", "enabled": false}]}"#
        )
        #expect(configuration.games.count == 2)
        #expect(configuration.enabledGames.count == 1)
    }
}
