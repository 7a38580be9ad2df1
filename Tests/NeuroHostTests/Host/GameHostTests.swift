import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroTestSupport
import ServiceLifecycleTestKit
import Testing

@testable import NeuroHost

@Suite(.timeLimit(.minutes(1))) struct GameHostTests {
    let logger = Logger(label: "test")

    func configuration(_ text: String) throws -> HostConfiguration {
        try HostConfiguration.decode(text: text, catalog: .builtIn, environment: [:])
    }

    @Test func aConfigurationBuiltInCodeIsCheckedAgainWithEveryErrorsPathBeforeAnythingConnects() throws {
        // The reader reports these first (SettingsCheckTests); a configuration made in code
        // meets the same checks here.
        let configuration = HostConfiguration(games: [
            GameConfiguration(plugin: "hangman", title: "Hangman"),
            GameConfiguration(plugin: "guess-the-number", title: "Guess", settings: ["lowset": 1]),
            GameConfiguration(plugin: "minesweeper", title: "Mines", settings: ["rows": "six"]),
            GameConfiguration(plugin: "hangman", title: "Words", settings: ["words": ["ok", 3]]),
            GameConfiguration(plugin: "chess", title: "Chess"),
        ])
        let connector = ScriptedConnector([], then: .refuse(ScriptedConnector.refused()))
        do {
            _ = try GameHost(
                configuration: configuration, catalog: .builtIn, connector: connector, clock: ManualClock(), seed: 1,
                saveDirectory: nil, logger: logger)
            Issue.record("expected errors")
        } catch {
            #expect(error.problems.map(\.code) == [.invalidSettings, .invalidSettings, .invalidSettings, .unknownPlugin])
            #expect(
                error.problems.map { $0.path?.description } == [
                    "$.games[1].settings.lowset", "$.games[2].settings.rows", "$.games[3].settings.words[1]",
                    "$.games[4].plugin",
                ])
            #expect(
                error.problems[0].message
                    == "lowset is not a setting of guess-the-number; known settings: attempts, highest, lowest")
            #expect(error.problems[1].message == "rows must be a whole number")
            #expect(error.problems[3].message.contains("unknown plugin \"chess\""))
        }
        #expect(connector.attemptCount == 0)
    }

    @Test func theHostPlaysThePluginsOfItsCatalog() throws {
        let configuration = HostConfiguration(games: [GameConfiguration(plugin: "flaky", title: "Flaky")])
        let connector = ScriptedConnector([], then: .refuse(ScriptedConnector.refused()))
        #expect(throws: InvalidConfiguration.self) {
            _ = try GameHost(
                configuration: configuration, catalog: .builtIn, connector: connector, clock: ManualClock(), seed: 1,
                saveDirectory: nil, logger: logger)
        }
        let host = try GameHost(
            configuration: configuration, catalog: .builtIn.adding([FlakyGame.self]), connector: connector,
            clock: ManualClock(), seed: 1, saveDirectory: nil, logger: logger)
        #expect(host.statuses.map(\.plugin) == ["flaky"])
    }

    @Test func nullSettingsInGamesJSONMeanTheDefaults() throws {
        let configuration = try configuration(
            #"""
            {"games": [
                {"plugin": "hangman", "settings": {"words": null, "lives": null}},
                {"plugin": "tic-tac-toe", "settings": {"opponent": null, "firstPlayer": "neuro"}}
            ]}
            """#)
        let connector = ScriptedConnector([], then: .refuse(ScriptedConnector.refused()))
        #expect(throws: Never.self) {
            _ = try GameHost(
                configuration: configuration, catalog: .builtIn, connector: connector, clock: ManualClock(), seed: 1,
                saveDirectory: nil,
                logger: logger)
        }
    }

    @Test func gamesSharingAURLGetPrefixesAndALoneGameKeepsItsNames() throws {
        let configuration = try configuration(
            #"""
            {"url": "ws://a", "games": [
                {"plugin": "guess-the-number"},
                {"plugin": "guess-the-number", "title": "Guess Two"},
                {"plugin": "hangman", "url": "ws://b"},
                {"plugin": "blackjack", "enabled": false}
            ]}
            """#)
        let host = try GameHost(
            configuration: configuration, catalog: .builtIn,
            connector: ScriptedConnector([], then: .refuse(ScriptedConnector.refused())),
            clock: ManualClock(), seed: 1, saveDirectory: nil, logger: logger)
        #expect(host.supervisors.map(\.actionNamePrefix) == ["guess_the_number_", "guess_two_", ""])
        // The two games on ws://a share one force slot; the game alone on ws://b needs none.
        #expect(Array(host.forceSlots.keys) == ["ws://a"])
        #expect(host.statuses.map(\.title) == ["Guess the Number", "Guess Two", "Hangman"])
    }

    @Test func aGameThatThrowsRestartsAloneWhileTheOthersPlayOn() async throws {
        try await testGracefulShutdown { trigger in
            let clock = ManualClock()
            var policy = RestartPolicy()
            policy.jitter = 0
            let flaky = GameSession(title: "Flaky", plugin: try FlakyGame(settings: .init(), seed: 0))
            let steady = GameSession(title: "Steady", plugin: try FlakyGame(settings: .init(), seed: 0))
            let (steadyPlayed, steadyPlayedContinuation) = AsyncStream<Void>.makeStream()
            let (flakyResumed, flakyResumedContinuation) = AsyncStream<Void>.makeStream()
            let flakyConnector = ScriptedConnector(
                [
                    .accept { neuro in
                        _ = try await nextCommand("actions/force", from: neuro)
                        try await neuro.send(NeuroCommand.action(NeuroAction(id: "1", name: "move")).encoded())
                        _ = try await nextCommand("action/result", from: neuro)
                        try await neuro.send(NeuroCommand.action(NeuroAction(id: "2", name: "boom")).encoded())
                        _ = try await nextCommand("action/result", from: neuro)
                        _ = try? await neuro.receive()
                    }
                ],
                then: .accept { neuro in
                    _ = try await nextCommand("actions/force", from: neuro)
                    flakyResumedContinuation.yield()
                    _ = try? await neuro.receive()
                })
            let steadyConnector = ScriptedConnector(
                [
                    .accept { neuro in
                        _ = try await nextCommand("actions/force", from: neuro)
                        try await neuro.send(NeuroCommand.action(NeuroAction(id: "s", name: "move")).encoded())
                        _ = try await nextCommand("action/result", from: neuro)
                        steadyPlayedContinuation.yield()
                        _ = try? await neuro.receive()
                    }
                ], then: .refuse(ScriptedConnector.refused()))
            let host = GameHost(
                supervisors: [
                    GameSupervisor(
                        game: flaky, url: "ws://a", restartPolicy: policy, connector: flakyConnector, clock: clock, seed: 1,
                        logger: logger),
                    GameSupervisor(
                        game: steady, url: "ws://a", restartPolicy: policy, connector: steadyConnector, clock: clock, seed: 2,
                        logger: logger),
                ], logger: logger)
            async let run: Void = host.run()
            for await _ in steadyPlayed { break }
            // The flaky game's error made its supervisor back off once: the plugin-error wait.
            await clock.waitForSleeps(1)
            #expect(clock.requestedSleeps == [policy.initialDelay])
            clock.advance(by: policy.initialDelay)
            // It reconnects and resumes from its last good value.
            for await _ in flakyResumed { break }
            trigger.triggerGracefulShutdown()
            await run
            #expect(flaky.plugin.moves == 1)
            #expect(flaky.statistics.pluginErrors == 1)
            #expect(flaky.statistics.sessions == 2)
            #expect(steady.statistics.sessions == 1)
            #expect(steady.statistics.actionsAccepted == 1)
            #expect(host.statuses.map(\.state) == [.stopped, .stopped])
        }
    }
}
