import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroSim
import NeuroTesting
import ServiceLifecycleTestKit
import Synchronization
import Testing

@testable import NeuroHost

/// What the real stand-ins send (Gary, Randy, tools with vendor commands, Neuro since August
/// 2026), sent over websockets to every game of `games.json`: each action is answered exactly
/// once, none is refused as malformed, `reregister_all` brings back the actions *and* the
/// pending force, and every game stays on its first connection.
@Suite(.timeLimit(.minutes(2))) struct RealStandInFramesTests {
    /// What one game's connection saw.
    struct Transcript: Sendable {
        var game = ""
        var results: [String: [ActionResult]] = [:]
        var forcesAfterReregister = 0
        var registersAfterReregister = 0
        var error: String?
    }

    /// The frames a game gets once it has forced, built from its force and registered actions.
    static func realFrames(forced name: String, prefix: String) -> [String] {
        [
            #"{"command":"neuro-relay/ping","data":{"n":1}}"#,
            #"{"command":"speech_finished","data":{"isFinal":false}}"#,
            #"{"command":"speech_finished","data":{"isFinal":true,"cancelled":true,"reason":"interrupted"}}"#,
            // Gary: `data: null`; newer servers: extra keys at both levels.
            #"{"command":"action","data":{"id":"\#(prefix)-null","name":"\#(name)","data":null,"x-trace":"1"},"sent_at":17}"#,
            NeuroCommand.action(NeuroAction(id: "\(prefix)-unknown", name: "no_such_action_anywhere")).encoded(),
            #"{"command":"actions/reregister_all","data":{"reason":"restart"}}"#,
        ]
    }

    /// One game's connection: wait for its force, send the real frames, then a probe with data
    /// generated from the schema, and collect every result until the probe's.
    static func serve(_ transport: WebSocketTransport, index: Int) async -> Transcript {
        var transcript = Transcript()
        var actions: [String: Action] = [:]
        var random = SeededRandomNumberGenerator(seed: UInt64(index))
        do {
            var forced: ActionForce?
            for _ in 0..<50 where forced == nil {
                guard case .text(let text) = try await transport.receive() else { continue }
                let (game, command) = try GameCommand.decode(text)
                transcript.game = game
                if case .registerActions(let registered) = command { for action in registered { actions[action.name] = action } }
                if case .forceActions(let force) = command { forced = force }
            }
            guard let forced, let name = forced.actionNames.first else {
                transcript.error = "no force"
                return transcript
            }
            for frame in realFrames(forced: name, prefix: "g\(index)") { try await transport.send(frame) }
            var probeSent = false
            reading: for _ in 0..<200 {
                guard case .text(let text) = try await transport.receive() else { continue }
                switch try GameCommand.decode(text).command {
                case .registerActions(let registered):
                    for action in registered { actions[action.name] = action }
                    transcript.registersAfterReregister += 1
                case .forceActions(let force):
                    transcript.forcesAfterReregister += 1
                    guard !probeSent, let probeName = force.actionNames.first, let action = actions[probeName] else { continue }
                    let data = SchemaDataGenerator().generateData(for: action, using: &random)
                    try await transport.send(
                        NeuroCommand.action(NeuroAction(id: "g\(index)-probe", name: probeName, data: data)).encoded())
                    probeSent = true
                case .actionResult(let result):
                    transcript.results[result.id, default: []].append(result)
                    if result.id.hasSuffix("-probe") { break reading }
                default:
                    continue
                }
            }
        } catch {
            transcript.error = "\(error)"
        }
        return transcript
    }

    @Test func everyGameAnswersWhatRealStandInsSendAndStaysConnected() async throws {
        try await testGracefulShutdown { trigger in
            var logger = Logger(label: "test.real-stand-ins")
            logger.logLevel = .critical
            let listener = WebSocketListener(host: "127.0.0.1", port: 0, logger: logger)
            let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
            let (transcripts, transcriptContinuation) = AsyncStream.makeStream(of: Transcript.self)
            let connections = ConnectionCounter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await listener.run(onListening: { portContinuation.yield($0) }) { transport, _ in
                        let index = connections.next()
                        transcriptContinuation.yield(await Self.serve(transport, index: index))
                        // Keep the connection open until the host stops.
                        for _ in 0..<1_000 {
                            guard let message = try? await transport.receive() else { return }
                            if case .closed = message { return }
                        }
                    }
                }
                var portIterator = ports.makeAsyncIterator()
                let port = try #require(await portIterator.next())
                let configuration = try HostConfiguration.gamesJSON(url: "ws://127.0.0.1:\(port)")
                // A refused probe leaves its force pending, and a game done with its transcript
                // forces again into a stand-in that no longer answers: short timeouts withdraw such
                // forces, so the shared force slot always moves on to the games still playing.
                let host = try GameHost(
                    configuration: configuration, catalog: .builtIn, connector: WebSocketConnector(logger: logger),
                    clock: ContinuousClock(),
                    seed: 3, saveDirectory: nil, forceTimeout: .seconds(1), abandonedForceTimeout: .milliseconds(300),
                    logger: logger)
                group.addTask { await host.run() }

                var seen: [Transcript] = []
                for await transcript in transcripts {
                    seen.append(transcript)
                    if seen.count == configuration.games.count { break }
                }
                for transcript in seen {
                    #expect(transcript.error == nil, "\(transcript.game): \(transcript.error ?? "")")
                    for suffix in ["null", "unknown", "probe"] {
                        let answers = transcript.results.first { $0.key.hasSuffix("-\(suffix)") }?.value ?? []
                        #expect(answers.count == 1, "\(transcript.game): \(suffix) answered \(answers.count) times")
                    }
                    let malformed = transcript.results.values.joined().filter {
                        $0.message?.hasPrefix("Invalid action message") == true
                    }
                    #expect(malformed.isEmpty, "\(transcript.game) refused as malformed: \(malformed)")
                    #expect(transcript.registersAfterReregister >= 1, "\(transcript.game) did not register again")
                    #expect(transcript.forcesAfterReregister >= 1, "\(transcript.game) did not force again")
                }
                #expect(host.statuses.allSatisfy { $0.sessions == 1 }, "every game stays on its first connection")
                trigger.triggerGracefulShutdown()
                listener.stop()
                group.cancelAll()
            }
        }
    }
}

/// Numbers the stand-in's connections.
private final class ConnectionCounter: Sendable {
    private let count = Mutex(0)

    func next() -> Int {
        count.withLock { count in
            count += 1
            return count
        }
    }
}
