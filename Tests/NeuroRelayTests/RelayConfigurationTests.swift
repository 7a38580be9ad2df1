import GamePlugins
import GameSessions
import NeuroAPI
import NeuroHost
import Testing

/// `"relay"` in games.json: its reading, its errors at their line and column, its schema.
@Suite struct RelayConfigurationTests {
    func problems(_ text: String) -> [ConfigurationProblem] {
        do {
            _ = try HostConfiguration.decode(text: text, catalog: .builtIn, environment: [:])
            return []
        } catch {
            return error.problems
        }
    }

    @Test func theRelayIsReadWithItsPrefixesAndTheHostsURL() throws {
        let configuration = try HostConfiguration.decode(
            text:
                #"{"url": "ws://neuro:9000", "relay": {"listen": "0.0.0.0:8001", "prefixes": {"My Unity Game": "unity"}}, "games": []}"#,
            catalog: .builtIn, environment: [:])
        let relay = try #require(configuration.relay)
        #expect(relay.host == "0.0.0.0" && relay.port == 8001)
        #expect(relay.url == "ws://neuro:9000")
        #expect(relay.wirePrefix(forTitle: "My Unity Game") == "unity_")
        #expect(relay.wirePrefix(forTitle: "Godot Thing") == "godot_thing_")
        #expect(configuration.games.isEmpty, "with a relay, games may be empty")
    }

    @Test func addressesParse() throws {
        #expect(try RelayConfiguration.parse(address: "127.0.0.1:0").get() == ("127.0.0.1", 0))
        #expect(try RelayConfiguration.parse(address: "[::1]:8001").get() == ("::1", 8001))
        #expect(try RelayConfiguration.parse(address: "8001").get() == ("127.0.0.1", 8001))
        for bad in ["host:", "host:99999", ":80", "[::1]8001", "[::1"] {
            #expect(throws: RelayAddressError.self, "\(bad)") { try RelayConfiguration.parse(address: bad).get() }
        }
    }

    @Test func aBadRelayIsReportedAtItsLineAndColumn() throws {
        let found = problems(
            """
            {"games": [],
             "relay": {"listen": "nowhere:port",
                       "prefixes": {"A": "Has Spaces"}, "extra": 1}}
            """)
        let listen = try #require(found.first { $0.path?.description == "$.relay.listen" })
        #expect(listen.code == .invalidRelay)
        #expect(listen.line == 2)
        #expect(listen.column != nil)
        let prefix = try #require(found.first { $0.path?.description == "$.relay.prefixes.A" })
        #expect(prefix.code == .invalidRelay && prefix.line == 3)
        #expect(found.contains { $0.path?.description == "$.relay.extra" })
        #expect(problems(#"{"relay": {}, "games": [{"plugin": "hangman"}]}"#).contains { $0.message.contains("listen") })
        // Without a relay an empty list of games is still an error.
        #expect(problems(#"{"games": []}"#).map(\.code) == [.invalidGameCount])
    }

    @Test func theSchemaDescribesTheRelay() throws {
        let schema = HostConfiguration.jsonSchema(for: .builtIn)
        let relay = try #require(schema["properties"]?["relay"])
        #expect(relay["required"] == ["listen"])
        #expect(relay["properties"]?["prefixes"]?["type"] == "object")
        #expect(relay["additionalProperties"] == false)
    }

    @Test func builtInGamesOnTheRelaysNeuroGetPrefixesAndAForceSlot() throws {
        let configuration = try HostConfiguration.decode(
            text: #"{"url": "ws://127.0.0.1:1", "relay": {"listen": "127.0.0.1:0"}, "games": [{"plugin": "hangman"}]}"#,
            catalog: .builtIn, environment: [:])
        let host = try GameHost(
            configuration: configuration, catalog: .builtIn, connector: WebSocketConnector(logger: .init(label: "test")),
            clock: ContinuousClock(), seed: 1,
            saveDirectory: nil, logger: .init(label: "test"))
        #expect(host.relayURL == "ws://127.0.0.1:1")
        #expect(host.forceSlots["ws://127.0.0.1:1"] != nil)
        #expect(host.statuses.map(\.actionNamePrefix) == ["hangman_"])
    }
}
