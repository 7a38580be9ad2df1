import NeuroHost
import Testing

/// URL precedence: `--url`, then `NEURO_SDK_WS_URL`, then the game's `url`, then the file's, then the default.
@Suite struct URLResolutionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var flag: String?
        var environment: String?
        var game: String?
        var file: String?
        var url: String
        var source: URLSource
        var testDescription: String { "\(source)" }
    }

    static let cases: [Case] = [
        Case(
            flag: "ws://flag:1", environment: "ws://env:2", game: "ws://game:3", file: "ws://file:4", url: "ws://flag:1",
            source: .flag),
        Case(
            flag: nil, environment: "ws://env:2", game: "ws://game:3", file: "ws://file:4", url: "ws://env:2",
            source: .environment),
        Case(flag: "", environment: "ws://env:2", game: nil, file: nil, url: "ws://env:2", source: .environment),
        Case(flag: nil, environment: nil, game: "ws://game:3", file: "ws://file:4", url: "ws://game:3", source: .game),
        Case(flag: nil, environment: "", game: nil, file: "ws://file:4", url: "ws://file:4", source: .file),
        Case(flag: nil, environment: nil, game: nil, file: nil, url: "ws://localhost:8000", source: .builtInDefault),
    ]

    @Test(arguments: cases)
    func resolvesInPrecedenceOrder(_ expected: Case) throws {
        var environment: [String: String] = [:]
        if let value = expected.environment { environment["NEURO_SDK_WS_URL"] = value }
        let resolved = HostConfiguration.resolveURL(
            flag: expected.flag,
            environment: environment,
            game: expected.game,
            file: expected.file
        )
        #expect(resolved.url == expected.url)
        #expect(resolved.source == expected.source)

        // The same through a decoded file.
        var members: [String] = []
        if let file = expected.file { members.append(#""url": "\#(file)""#) }
        let game = expected.game.map { #"{"plugin": "hangman", "url": "\#($0)"}"# } ?? #"{"plugin": "hangman"}"#
        members.append(#""games": [\#(game)]"#)
        let configuration = try ConfigurationFixtures.decode(
            "{\(members.joined(separator: ", "))}",
            environment: environment,
            urlFlag: expected.flag
        )
        #expect(configuration.games[0].url == expected.url)
        #expect(configuration.games[0].urlSource == expected.source)
    }

    @Test func eachGameResolvesItsOwnURL() throws {
        let configuration = try ConfigurationFixtures.decode(
            """
            {"url": "ws://main:8000", "games": [
              {"plugin": "hangman"},
              {"plugin": "blackjack", "url": "wss://other.example:443/neuro"}
            ]}
            """
        )
        #expect(configuration.games.map(\.url) == ["ws://main:8000", "wss://other.example:443/neuro"])
        #expect(configuration.games.map(\.urlSource) == [.file, .game])
    }

    @Test func invalidFileURLsAreErrorsEvenWhenTheFlagOverridesThem() {
        let errors = ConfigurationFixtures.errors(
            of: #"{"games": [{"plugin": "hangman", "url": "localhost"}]}"#,
            urlFlag: "ws://localhost:9000"
        )
        #expect(errors.map(\.code) == [.invalidURL])
        #expect(errors.first?.path?.description == "$.games[0].url")
    }
}
