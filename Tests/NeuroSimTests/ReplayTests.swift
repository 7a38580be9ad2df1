import Foundation
import Logging
import NeuroAPI
import NeuroTestSupport
import Testing

@testable import NeuroSim

/// `neuro-sim replay`: a recording made by NeuroSim played again to the same game (no
/// divergence), to a game that answers differently, closes early, stays silent or never
/// comes (each a divergence), and a recorded drop replayed as a drop.
@Suite(.timeLimit(.minutes(2)))
struct ReplayTests {
    /// How a scripted game's connection ended.
    enum End: Equatable {
        case closedByGame
        case closedByNeuro(WebSocketCloseCode?)
        case cut
    }

    /// A game as a script: startup, a registration, a force; it answers each action with a
    /// result naming `variant`, forces once more after the first, then closes (1000). With
    /// `stopsAfter` it closes after that many of its frames; with `isSilent` it sends only
    /// `startup` and waits.
    static func playScriptedGame(
        port: Int, variant: String, title: String = "Scripted", stopsAfter: Int? = nil, isSilent: Bool = false
    ) async throws -> End {
        let transport = try await NeuroSimServerTests.connect(port: port)
        var framesSent = 0
        func send(_ command: String, _ data: String? = nil) async throws -> Bool {
            if let stopsAfter, framesSent >= stopsAfter { return false }
            do {
                try await transport.send(SessionHarness.frame(command, data: data, game: title))
            } catch {
                return false  // the replay closed the connection once it was done: the game stops here
            }
            framesSent += 1
            return true
        }
        func next() async -> TransportMessage? { try? await transport.receive() }
        guard try await send("startup") else { return .closedByGame }
        if isSilent {
            for _ in 0..<100 {
                guard let message = await next() else { return .cut }
                if case .closed(let code, _) = message { return .closedByNeuro(code) }
            }
            return .cut
        }
        _ = await next()  // the acknowledgement
        guard try await send("actions/register", #"{"actions":[{"name":"jump","description":"Jump."}]}"#),
            try await send("actions/force", SessionHarness.force(["jump"]))
        else {
            await transport.close(code: .normalClosure, reason: nil)
            return .closedByGame
        }
        var round = 1
        for _ in 0..<100 {
            guard let message = await next() else { return .cut }
            guard case .text(let text) = message else {
                if case .closed(let code, _) = message { return .closedByNeuro(code) }
                continue
            }
            guard let action = try NeuroCommand.decode(text).actionValue else { continue }
            let result = #"{"id":"\#(action.id)","success":true,"message":"Jumped (\#(variant), round \#(round))."}"#
            guard try await send("action/result", result) else { break }
            if round == 2 { break }
            guard try await send("actions/force", SessionHarness.force(["jump"])) else { break }
            round += 1
        }
        await transport.close(code: .normalClosure, reason: nil)
        return .closedByGame
    }

    /// Records one scripted game against NeuroSim.
    static func record(_ configure: (inout NeuroSimConfiguration) -> Void = { _ in }) async throws -> Recording {
        let path = RecordingTests.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try RecordingWriter(path: path, recorder: "neuro-sim")
        let fixture = SimulatorFixture(recorder: writer, configure)
        try await NeuroSimServerTests.withServer(fixture) { _, ports in
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            _ = try await playScriptedGame(port: port, variant: "A")
            _ = try await fixture.next { event -> Void? in
                if case .disconnected = event { return () }
                return nil
            }
        }
        writer.close()
        return try Recording(parsing: try String(contentsOfFile: path, encoding: .utf8))
    }

    /// Replays `recording` on port 0 to the game `play` plays, returning the report and how
    /// the game's connection ended.
    static func replay(
        _ recording: Recording, _ configure: (inout ReplayConfiguration) -> Void = { _ in },
        play: @escaping @Sendable (Int) async throws -> End?
    ) async throws -> (ReplayReport, End?) {
        var configuration = ReplayConfiguration()
        configuration.port = 0
        configuration.isFast = true
        configure(&configuration)
        let replay = NeuroSimReplay(recording: recording, configuration: configuration, logger: NeuroSimServerTests.quietLogger)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        return try await withThrowingTaskGroup(of: (ReplayReport?, End?).self) { group in
            group.addTask { (try await replay.run { portContinuation.yield($0) }, nil) }
            group.addTask {
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { return (nil, nil) }
                return (nil, try await play(port))
            }
            var report: ReplayReport?
            var end: End?
            while let (nextReport, nextEnd) = try await group.next() {
                report = nextReport ?? report
                end = nextEnd ?? end
            }
            return (try #require(report), end)
        }
    }

    @Test func theScriptEndsWithNeurosLastStep() throws {
        let recording = try Recording(
            parsing: Recording(
                header: RecordingHeader(recorder: "test"),
                entries: [
                    RecordedEntry(time: 0, connection: 1, game: nil, event: .opened),
                    RecordedEntry(time: 0.1, connection: 1, game: "G", event: .frame(.toNeuro, text: "a")),
                    RecordedEntry(time: 0.6, connection: 1, game: "G", event: .frame(.toGame, text: "b")),
                    RecordedEntry(time: 0.7, connection: 1, game: "G", event: .frame(.toNeuro, text: "c")),
                    RecordedEntry(time: 1.7, connection: 1, game: "G", event: .dropped(by: .neuro)),
                    RecordedEntry(time: 1.8, connection: 1, game: "G", event: .frame(.toNeuro, text: "after")),
                    RecordedEntry(time: 1.9, connection: 1, game: "G", event: .closed(by: .game, code: 1000)),
                ]
            ).text)
        let script = ReplayScript(try #require(recording.connections.first))
        #expect(
            script.steps == [
                .expectFrame("a", number: 1), .send("b", delay: .milliseconds(500)), .expectFrame("c", number: 2),
                .drop(delay: .seconds(1)),
            ])
        #expect(script.comparedFrames == 2)
        #expect(script.game == "G")
    }

    @Test(arguments: [
        (#"{"a":1,"b":[true,null]}"#, #"{ "b" : [true, null], "a" : 1.0 }"#, true),
        (#"{"a":1}"#, #"{"a":2}"#, false),
        (#"{"a":"x"}"#, #"{"a":"x ","b":1}"#, false),
        ("not json", "not json", true),
        ("not json", "not  json", false),
    ])
    func framesAreComparedAsJSON(expected: String, got: String, isSame: Bool) {
        #expect(FrameComparison.isSame(expected, got) == isSame)
    }

    @Test func theSameGameReplaysWithoutDivergence() async throws {
        let recording = try await Self.record()
        let (report, end) = try await Self.replay(recording) { port in
            try await Self.playScriptedGame(port: port, variant: "A")
        }
        #expect(report.divergences == [])
        #expect(report.isClean)
        let connection = try #require(report.connections.first)
        #expect(connection.outcome == .completed)
        #expect(connection.expectedFrames == 5, "startup, register, force, result, force: up to Neuro's last action")
        #expect(connection.matchedFrames == 5)
        #expect(end == .closedByGame)
    }

    @Test func theSameGameReplaysWithTheRecordedDelays() async throws {
        let recording = try await Self.record()
        let (report, _) = try await Self.replay(recording, { $0.isFast = false }) { port in
            try await Self.playScriptedGame(port: port, variant: "A")
        }
        #expect(report.divergences == [])
    }

    @Test func aDifferentAnswerIsADivergenceNamingTheFrame() async throws {
        let recording = try await Self.record()
        let (report, _) = try await Self.replay(recording) { port in
            try await Self.playScriptedGame(port: port, variant: "B")
        }
        let divergence = try #require(report.divergences.first)
        #expect(report.divergences.count == 1)
        #expect(divergence.game == "Scripted")
        #expect(divergence.frame == 4, "startup, register, force, then the first result")
        #expect(divergence.expected.contains("Jumped (A, round 1)."))
        #expect(divergence.got.contains("Jumped (B, round 1)."))
        #expect(report.connections.first?.outcome == .diverged)
        #expect(report.connections.first?.matchedFrames == 3)
        #expect("\(divergence)".hasPrefix(#"game "Scripted" (recorded connection 1), frame 4: expected {"#))
    }

    @Test func aGameClosingEarlyIsADivergence() async throws {
        let recording = try await Self.record()
        let (report, _) = try await Self.replay(recording) { port in
            try await Self.playScriptedGame(port: port, variant: "A", stopsAfter: 2)
        }
        let divergence = try #require(report.divergences.first)
        #expect(divergence.frame == 3)
        #expect(divergence.got == "<the game closed the connection (1000 (normal closure))>")
    }

    @Test func aSilentGameIsADivergenceAfterTheFrameTimeout() async throws {
        let recording = try await Self.record()
        let (report, end) = try await Self.replay(recording, { $0.frameTimeout = .milliseconds(200) }) { port in
            try await Self.playScriptedGame(port: port, variant: "A", isSilent: true)
        }
        let divergence = try #require(report.divergences.first)
        #expect(divergence.frame == 2)
        #expect(divergence.got == "<nothing in time>")
        #expect(end == .cut, "the replay cuts a connection that went silent")
    }

    @Test func aGameThatNeverConnectsIsADivergence() async throws {
        let recording = try await Self.record()
        let (report, end) = try await Self.replay(recording, { $0.duration = .milliseconds(300) }) { _ in nil }
        #expect(end == nil)
        #expect(report.connections.first?.outcome == .notConnected)
        #expect(report.divergences.first?.frame == 0)
        #expect(report.divergences.first?.got == "<no connection before the replay stopped>")
    }

    @Test func anotherGameIsServedNothingAndIsNoDivergence() async throws {
        let recording = try await Self.record()
        let (report, _) = try await Self.replay(recording) { port in
            let other = try await NeuroSimServerTests.connect(port: port)
            try await other.send(SessionHarness.frame("startup", game: "Other"))
            let end = try await Self.playScriptedGame(port: port, variant: "A")
            var otherEnd: TransportMessage?
            for _ in 0..<10 {
                otherEnd = try? await other.receive()
                if case .closed = otherEnd { break }
            }
            guard case .closed(let code, _) = otherEnd else {
                Issue.record("the other game was not closed: \(String(describing: otherEnd))")
                return end
            }
            #expect(code == .goingAway, "served nothing, closed when the replay is done")
            return end
        }
        #expect(report.divergences == [])
    }

    @Test func aRecordedDropIsReplayedAsADrop() async throws {
        // NeuroSim drops the connection after the game's third message (its force).
        let recording = try await Self.record { $0.dropAfterMessages = 3 }
        let connection = try #require(recording.connections.first)
        #expect(connection.entries.contains { $0.event == .dropped(by: .neuro) })
        let (report, end) = try await Self.replay(recording) { port in
            try await Self.playScriptedGame(port: port, variant: "A")
        }
        #expect(report.divergences == [])
        #expect(report.connections.first?.outcome == .completed)
        #expect(end == .cut, "the game's connection is cut where the recording's was, without a close frame")
    }
}
