import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroTestSupport
import ServiceLifecycleTestKit
import Testing

@testable import NeuroHost

@Suite(.timeLimit(.minutes(1))) struct GameSupervisorTests {
    let logger = Logger(label: "test")

    func makeGame(title: String = "Guess") throws -> any HostedGame {
        try GameCatalog.builtIn.makeSession(
            plugin: "guess-the-number", title: title, settings: nil, seed: 3, options: GameSessionOptions(logger: logger))
    }

    func policy(maximumRestarts: Int? = nil) -> RestartPolicy {
        var policy = RestartPolicy()
        policy.initialDelay = .seconds(1)
        policy.maximumDelay = .seconds(8)
        policy.multiplier = 2
        policy.jitter = 0
        policy.maximumRestarts = maximumRestarts
        return policy
    }

    /// A supervisor on a manual clock whose every connection attempt is refused.
    private func refusedEveryTime() throws -> (ManualClock, ScriptedConnector, GameSupervisor<ManualClock>) {
        let clock = ManualClock()
        let connector = ScriptedConnector([], then: .refuse(ScriptedConnector.refused()))
        let supervisor = GameSupervisor(
            game: try makeGame(), url: "ws://test", restartPolicy: policy(), connector: connector, clock: clock, seed: 1,
            logger: logger)
        return (clock, connector, supervisor)
    }

    @Test func refusedConnectionsBackOffExponentiallyUpToTheCap() async throws {
        try await testGracefulShutdown { trigger in
            let (clock, connector, supervisor) = try refusedEveryTime()
            async let run: Void = supervisor.run()
            for count in 1...5 {
                await clock.waitForSleeps(count)
                #expect(supervisor.state == .backingOff)
                clock.advance(by: clock.requestedSleeps[count - 1])
            }
            await clock.waitForSleeps(6)
            trigger.triggerGracefulShutdown()
            await run
            #expect(clock.requestedSleeps == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8), .seconds(8)])
            #expect(connector.attemptCount == 6)
            #expect(supervisor.state == .stopped)
            #expect(supervisor.status.lastError?.contains("connection refused") == true)
        }
    }

    @Test func anHTTPErrorBacksOffHarderThanARefusal() async throws {
        try await testGracefulShutdown { trigger in
            let clock = ManualClock()
            let connector = ScriptedConnector(
                [.refuse(ScriptedConnector.httpError(404))], then: .refuse(ScriptedConnector.refused()))
            let supervisor = GameSupervisor(
                game: try makeGame(), url: "ws://test", restartPolicy: policy(), connector: connector, clock: clock, seed: 1,
                logger: logger)
            async let run: Void = supervisor.run()
            await clock.waitForSleeps(1)
            trigger.triggerGracefulShutdown()
            await run
            #expect(clock.requestedSleeps == [.seconds(4)])
        }
    }

    @Test func theGameGivesUpAtTheRestartLimitAlone() async throws {
        let clock = ManualClock()
        let connector = ScriptedConnector([], then: .refuse(ScriptedConnector.refused()))
        let supervisor = GameSupervisor(
            game: try makeGame(), url: "ws://test", restartPolicy: policy(maximumRestarts: 2), connector: connector, clock: clock,
            seed: 1, logger: logger)
        async let run: Void = supervisor.run()
        for count in 1...2 {
            await clock.waitForSleeps(count)
            clock.advance(by: .seconds(10))
        }
        await run
        #expect(supervisor.state == .gaveUp)
        #expect(connector.attemptCount == 3)
    }

    @Test func aStopDuringABackoffEndsAtOnce() async throws {
        try await testGracefulShutdown { trigger in
            let (clock, connector, supervisor) = try refusedEveryTime()
            async let run: Void = supervisor.run()
            await clock.waitForSleeps(1)
            trigger.triggerGracefulShutdown()
            await run
            #expect(supervisor.state == .stopped)
            #expect(connector.attemptCount == 1)
        }
    }

    @Test func aStopWhileConnectedUnregistersAndClosesWithGoingAway() async throws {
        try await testGracefulShutdown { trigger in
            let clock = ManualClock()
            let (seen, seenContinuation) = AsyncStream<GameCommand>.makeStream()
            let (forced, forcedContinuation) = AsyncStream<Void>.makeStream()
            let connector = ScriptedConnector(
                [
                    .accept { neuro in
                        _ = try await nextCommand("actions/force", from: neuro)
                        forcedContinuation.yield()
                        seenContinuation.yield(try await nextCommand("actions/unregister", from: neuro))
                        if case .closed(let code, _) = try await neuro.receive(), code == .goingAway {
                            seenContinuation.yield(.unknown(command: "closed 1001", data: nil))
                        }
                        seenContinuation.finish()
                    }
                ], then: .refuse(ScriptedConnector.refused()))
            let supervisor = GameSupervisor(
                game: try makeGame(), url: "ws://test", restartPolicy: policy(), connector: connector, clock: clock, seed: 1,
                logger: logger)
            async let run: Void = supervisor.run()
            for await _ in forced { break }
            #expect(supervisor.state == .connected)
            trigger.triggerGracefulShutdown()
            await run
            var commands: [GameCommand] = []
            for await command in seen { commands.append(command) }
            #expect(commands == [.unregisterActions(["guess"]), .unknown(command: "closed 1001", data: nil)])
            #expect(supervisor.state == .stopped)
            #expect(clock.requestedSleeps == [])
        }
    }

    @Test func aDroppedConnectionReconnectsAndResumesTheGame() async throws {
        try await testGracefulShutdown { trigger in
            let clock = ManualClock()
            let connector = ScriptedConnector(
                [
                    .accept { neuro in
                        _ = try await nextCommand("actions/force", from: neuro)
                        try await neuro.send(
                            NeuroCommand.action(NeuroAction(id: "1", name: "guess", data: #"{"number": 50}"#)).encoded())
                        _ = try await nextCommand("action/result", from: neuro)
                        neuro.drop()
                    }
                ],
                then: .accept { neuro in
                    _ = try await nextCommand("actions/force", from: neuro)
                    await neuro.close(code: .normalClosure, reason: nil)
                })
            let game = try makeGame()
            let supervisor = GameSupervisor(
                game: game, url: "ws://test", restartPolicy: policy(), connector: connector, clock: clock, seed: 1, logger: logger
            )
            async let run: Void = supervisor.run()
            await clock.waitForSleeps(1)
            #expect(clock.requestedSleeps == [.seconds(1)])
            clock.advance(by: .seconds(1))
            await clock.waitForSleeps(2)
            trigger.triggerGracefulShutdown()
            await run
            #expect(game.statistics.sessions == 2)
            #expect(game.statistics.actionsAccepted == 1)
            #expect(supervisor.status.reconnects == 1)
        }
    }

    @Test(arguments: [
        (NeuroError(code: .connectionClosed, message: "dropped"), RestartPolicy.FailureKind.dropped),
        (NeuroError(code: .pingTimedOut, message: "ping"), .pingTimeout),
        (NeuroError(code: .handlerFailed, message: "game"), .pluginError),
        (NeuroError(code: .handshakeTimedOut, message: "slow"), .connectionRefused),
        (ScriptedConnector.httpError(503), .httpError),
        (ScriptedConnector.refused(), .connectionRefused),
        (NeuroError(code: .handshakeFailed, message: "tls", cause: HandshakeFailure(url: "wss://x", kind: .tlsFailure)), .other),
    ])
    func errorsAreClassifiedForTheBackoff(error: NeuroError, kind: RestartPolicy.FailureKind) {
        #expect(RestartPolicy.FailureKind(error: error) == kind)
    }
}
