import Logging
import NeuroAPI
import NeuroTestSupport
import ServiceLifecycleTestKit
import Synchronization
import Testing

/// A plain `NeuroComponent` kept connected by `ReconnectingNeuroService`, on a manual clock
/// and in-memory connections: the reconnect after a close, the give-up, the controls.
@Suite(.timeLimit(.minutes(1))) struct ReconnectingNeuroServiceTests {
    let logger = Logger(label: "test")

    /// Hands each connection attempt to the next script playing Neuro; refuses when none is left.
    final class ScriptedNeuro: NeuroConnector {
        typealias Script = @Sendable (InMemoryTransport) async throws -> Void
        private let scripts: Mutex<[Script]>
        private let attempts = Mutex(0)

        init(_ scripts: [Script]) { self.scripts = Mutex(scripts) }

        var attemptCount: Int { attempts.withLock { $0 } }

        func withConnection<Result: Sendable>(
            to url: String, _ body: (any NeuroTransport) async throws -> Result
        ) async throws -> Result {
            attempts.withLock { $0 += 1 }
            guard let script = scripts.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else {
                throw NeuroError(
                    code: .handshakeFailed, message: "could not open \(url): connection refused",
                    cause: HandshakeFailure(url: url, kind: .connectionRefused))
            }
            let (game, neuro) = InMemoryTransport.makePair()
            async let neuroSide: Void = script(neuro)
            let result: Result
            do {
                result = try await body(game)
            } catch {
                neuro.drop()
                try? await neuroSide
                throw error
            }
            try await neuroSide
            return result
        }
    }

    /// What Neuro's side saw on one connection.
    enum Seen: Sendable, Equatable {
        case startup(connection: Int)
        case closed(connection: Int, code: WebSocketCloseCode?, reason: String?)
    }

    /// Reads the startup, reports it, then either closes at once or reads until the game closes.
    static func neuro(_ connection: Int, closesFirst: Bool, report: AsyncStream<Seen>.Continuation) -> ScriptedNeuro.Script {
        { neuro in
            for _ in 0..<20 {
                switch try await neuro.receive() {
                case .text(let text):
                    let (_, command) = try GameCommand.decode(text)
                    guard command.name == "startup" else { continue }
                    report.yield(.startup(connection: connection))
                    if closesFirst {
                        await neuro.close(code: .normalClosure, reason: "Neuro is done")
                        return
                    }
                case .closed(let code, let reason):
                    report.yield(.closed(connection: connection, code: code, reason: reason))
                    return
                case .binary:
                    continue
                }
            }
        }
    }

    func policy(maximumRestarts: Int? = nil) -> RestartPolicy {
        RestartPolicy(initialDelay: .seconds(1), maximumDelay: .seconds(8), jitter: 0, maximumRestarts: maximumRestarts)
    }

    @Test func aComponentIsServedAgainAfterNeuroClosesAndSaysGoodbyeAtTheShutdown() async throws {
        let (seen, report) = AsyncStream<Seen>.makeStream()
        var events = seen.makeAsyncIterator()
        let clock = ManualClock()
        let component = NeuroComponent(name: "chess", gameTitle: "Chess", connector: nil, logger: logger)
        let connector = ScriptedNeuro([
            Self.neuro(1, closesFirst: true, report: report), Self.neuro(2, closesFirst: false, report: report),
        ])
        let service = ReconnectingNeuroService(
            serving: component, url: "ws://test", connector: connector, restartPolicy: policy(), clock: clock, seed: 1,
            shutdownReason: "chess is closing", logger: logger)
        await testGracefulShutdown { trigger in
            async let run: Void = service.run()
            #expect(await events.next() == .startup(connection: 1))
            await clock.waitForSleeps(1)
            #expect(clock.requestedSleeps == [.seconds(1)])
            let backingOff = service.snapshot
            #expect(backingOff.state == .backingOff)
            #expect(backingOff.lastError == "Neuro closed the connection (1000 (normal closure): Neuro is done)")
            #expect(backingOff.secondsUntilReconnect == 1)
            clock.advance(by: .seconds(1))
            #expect(await events.next() == .startup(connection: 2))
            trigger.triggerGracefulShutdown()
            await run
        }
        #expect(await events.next() == .closed(connection: 2, code: .goingAway, reason: "chess is closing"))
        let stopped = service.snapshot
        #expect(stopped.state == .stopped)
        #expect(stopped.connections == 2)
        #expect(stopped.restarts == 1)
        #expect(connector.attemptCount == 2)
    }

    @Test func itGivesUpAtTheRestartLimitWithoutAShutdown() async {
        let clock = ManualClock()
        let connector = ScriptedNeuro([])
        let service = ReconnectingNeuroService(
            serving: NeuroComponent(name: "go", gameTitle: "Go", connector: nil, logger: logger), url: "ws://test",
            connector: connector, restartPolicy: policy(maximumRestarts: 2), clock: clock, seed: 1, logger: logger)
        async let run: Void = service.run()
        for count in 1...2 {
            await clock.waitForSleeps(count)
            clock.advance(by: clock.requestedSleeps[count - 1])
        }
        await run
        #expect(clock.requestedSleeps == [.seconds(1), .seconds(2)])
        #expect(connector.attemptCount == 3)
        #expect(service.state == .gaveUp)
        #expect(service.snapshot.lastError?.contains("connection refused") == true)
        await #expect(throws: ConnectionControlError(code: .notRunning, message: "gave up; it cannot restart")) {
            try await service.restart()
        }
    }

    @Test func aPauseEndsTheWaitAndAResumeConnectsWithoutWaitingForTheClock() async throws {
        let (seen, report) = AsyncStream<Seen>.makeStream()
        var events = seen.makeAsyncIterator()
        let clock = ManualClock()
        let connector = ScriptedNeuro([
            Self.neuro(1, closesFirst: true, report: report), Self.neuro(2, closesFirst: false, report: report),
        ])
        let service = ReconnectingNeuroService(
            serving: NeuroComponent(name: "go", gameTitle: "Go", connector: nil, logger: logger), url: "ws://test",
            connector: connector, restartPolicy: policy(), clock: clock, seed: 1, logger: logger)
        try await testGracefulShutdown { trigger in
            async let run: Void = service.run()
            #expect(await events.next() == .startup(connection: 1))
            await clock.waitForSleeps(1)
            #expect(throws: ConnectionControlError(code: .notPaused, message: "not paused")) { try service.resume() }
            try await service.pause()
            await #expect(throws: ConnectionControlError(code: .paused, message: "already paused")) {
                try await service.pause()
            }
            try service.resume()
            // The clock never moves: the pause ended the backoff wait, the resume the pause.
            #expect(await events.next() == .startup(connection: 2))
            #expect(clock.requestedSleeps == [.seconds(1)])
            trigger.triggerGracefulShutdown()
            await run
        }
        #expect(await events.next() == .closed(connection: 2, code: .goingAway, reason: "the game is shutting down"))
    }
}
