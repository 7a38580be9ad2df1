import Foundation
import NeuroAPI
import NeuroTestSupport
import Synchronization
import Testing

@testable import NeuroSim

/// `neuro-sim --record`: the format read back, every frame of a connection both ways with its
/// opening and end, and the file kept when the process is killed mid-run.
@Suite(.timeLimit(.minutes(2)))
struct RecordingTests {
    static func temporaryFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("recording-\(UUID().uuidString).jsonl").path
    }

    @Test func theFormatReadsBackWhatWasWritten() throws {
        let entries = [
            RecordedEntry(time: 0, connection: 1, game: nil, event: .opened),
            RecordedEntry(time: 0.25, connection: 1, game: "A \"quoted\" game", event: .frame(.toNeuro, text: "{\"x\":1}\n")),
            RecordedEntry(time: 0.5, connection: 1, game: "A \"quoted\" game", event: .binaryFrame(.toNeuro, length: 3)),
            RecordedEntry(time: 1, connection: 2, game: "B", event: .closed(by: .neuro, code: 1001)),
            RecordedEntry(time: 1.5, connection: 2, game: "B", event: .closed(by: .game, code: nil)),
            RecordedEntry(time: 2, connection: 1, game: "A", event: .dropped(by: .neuro)),
            RecordedEntry(time: 3, connection: 1, game: "A", event: .ended),
        ]
        let recording = Recording(header: RecordingHeader(recorder: "test"), entries: entries)
        let text = recording.text
        #expect(text.hasPrefix(#"{"format":"neuro-recording","version":1,"recorder":"test"}"# + "\n"))
        #expect(text.split(separator: "\n").count == 8, "one line per entry: a frame's newline is escaped")
        let read = try Recording(parsing: text)
        #expect(read == recording)
        #expect(read.connections.map(\.id) == [1, 2])
        #expect(read.connections.first?.game == "A \"quoted\" game")
    }

    @Test(arguments: [
        ("", "no header line"),
        (#"{"format":"other"}"#, "not a recording header"),
        (#"{"format":"neuro-recording","version":2}"#, "version 2"),
        (#"{"format":"neuro-recording","version":1}"# + "\n" + #"{"connection":1,"event":"opened"}"#, "line 2: \"time\""),
        (
            #"{"format":"neuro-recording","version":1}"# + "\n\n" + #"{"time":1,"connection":0,"event":"opened"}"#,
            "line 3: \"connection\""
        ),
        (
            #"{"format":"neuro-recording","version":1}"# + "\n" + #"{"time":1,"connection":1,"direction":"up","text":""}"#,
            "\"direction\""
        ),
        (#"{"format":"neuro-recording","version":1}"# + "\n" + #"{"time":1,"connection":1,"event":"closed"}"#, "needs \"by\""),
        (#"{"format":"neuro-recording","version":1}"# + "\n" + #"{"time":1,"connection":1,"event":"boom"}"# + "\n", "\"boom\""),
        (#"{"format":"neuro-recording","version":1}"# + "\nnot json\n", "line 2: not valid JSON"),
    ])
    func badRecordingsAreRefusedNamingTheLine(text: String, message: String) {
        #expect {
            _ = try Recording(parsing: text)
        } throws: { error in
            let error = error as? NeuroError
            return error?.code == .invalidRecording && error?.message.contains(message) == true
        }
    }

    @Test func aLastLineCutShortIsIgnored() throws {
        let text =
            #"{"format":"neuro-recording","version":1}"# + "\n" + #"{"time":1,"connection":1,"event":"opened"}"# + "\n"
            + #"{"time":2,"conn"#
        #expect(try Recording(parsing: text).entries.count == 1)
    }

    @Test func everyFrameOfAConnectionIsRecordedBothWays() async throws {
        let path = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try RecordingWriter(path: path, recorder: "neuro-sim")
        let frames = Mutex<(sent: [String], received: [String])>(([], []))
        let fixture = SimulatorFixture(recorder: writer)
        try await NeuroSimServerTests.withServer(fixture) { _, ports in
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let transport = try await NeuroSimServerTests.connect(port: port)
            func send(_ command: String, _ data: String? = nil) async throws -> String {
                let text = SessionHarness.frame(command, data: data, game: "Recorded")
                try await transport.send(text)
                return text
            }
            func next() async throws -> String {
                guard case .text(let text) = try await transport.receive() else {
                    throw NeuroError(code: .connectionClosed, message: "closed")
                }
                return text
            }
            var mine = [try await send("startup")]
            var theirs = [try await next()]  // the startup acknowledgement
            mine.append(try await send("actions/register", #"{"actions":[{"name":"jump","description":"Jump."}]}"#))
            mine.append(try await send("actions/force", SessionHarness.force(["jump"])))
            let action = try await next()
            theirs.append(action)
            let id = try #require(try NeuroCommand.decode(action).actionValue?.id)
            mine.append(try await send("action/result", #"{"id":"\#(id)","success":true,"message":"Jumped."}"#))
            _ = try await fixture.next { event -> Void? in
                if case .resultReceived = event { return () }
                return nil
            }
            await transport.close(code: .normalClosure, reason: nil)
            _ = try await fixture.next { event -> Void? in
                if case .disconnected = event { return () }
                return nil
            }
            frames.withLock { $0 = (mine, theirs) }
        }
        let (sent, received) = frames.withLock { $0 }
        let recording = try Recording(parsing: try String(contentsOfFile: path, encoding: .utf8))
        #expect(recording.header.recorder == "neuro-sim")
        let connection = try #require(recording.connections.first)
        #expect(recording.connections.count == 1)
        #expect(connection.framesToNeuro == sent, "every frame the game sent, in order, exactly")
        #expect(connection.framesToGame == received, "every frame Neuro sent, in order, exactly")
        #expect(connection.entries.first?.event == .opened)
        #expect(connection.entries.first?.game == nil, "the title is not known before the game says it")
        #expect(connection.entries.dropFirst().allSatisfy { $0.game == "Recorded" })
        #expect(connection.entries.contains { $0.event == .closed(by: .game, code: 1000) })
        #expect(connection.entries.last?.event == .ended)
        let times = connection.entries.map(\.time)
        #expect(times == times.sorted(), "monotonic times")
        writer.close()
    }
}

extension NeuroCommand {
    /// The action, when the command is one.
    var actionValue: NeuroAction? {
        if case .action(let action) = self { return action }
        return nil
    }
}
