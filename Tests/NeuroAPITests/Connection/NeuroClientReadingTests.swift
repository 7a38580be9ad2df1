import Testing

@testable import NeuroAPI

/// Mirrors the reading half of the reference's tests/test_api.py and tests/test_client.py: what
/// ``NeuroClient/read()`` makes of each frame. What the game then does with a command (answer
/// `shutdown/ready`, register again, answer a malformed action) is the component's one
/// dispatcher, tested in `NeuroComponentConnectionTests`.
@Suite struct NeuroClientReadingTests {
    let game: InMemoryTransport
    let neuro: InMemoryTransport
    let client: NeuroClient

    init() {
        (game, neuro) = InMemoryTransport.makePair()
        client = NeuroClient(gameTitle: "Test Game", transport: game)
    }

    @Test func actionsAreReadExactly() async throws {
        try await neuro.send(#"{"command":"action","data":{"id":"1","name":"test_action"}}"#)
        try await neuro.send(#"{"command":"action","data":{"id":"2","name":"test_action","data":"some_data"}}"#)
        #expect(try await client.read().command == .action(NeuroAction(id: "1", name: "test_action")))
        #expect(try await client.read().command == .action(NeuroAction(id: "2", name: "test_action", data: "some_data")))
        #expect(game.sentFrames.isEmpty)
    }

    @Test func unknownCommandsAreReadWithTheirData() async throws {
        try await neuro.send(#"{"command":"unknown_command"}"#)
        try await neuro.send(#"{"command":"unknown_command","data":{"test":"data"}}"#)
        #expect(try await client.read().command == .unknown(command: "unknown_command", data: nil))
        #expect(try await client.read().command == .unknown(command: "unknown_command", data: ["test": "data"]))
    }

    @Test func startupAcknowledgementIsRead() async throws {
        try await neuro.send(
            #"{"command":"startup","data":{"session":{"sessionId":"s","characterId":"neuro","displayName":"Neuro-sama"}}}"#)
        #expect(
            try await client.read().command
                == .startupAcknowledgement(NeuroSessionInfo(sessionID: "s", characterID: "neuro", displayName: "Neuro-sama")))
    }

    @Test func aMalformedActionWithAnIDIsReadAsAnInvalidFrameAndCanBeAnswered() async throws {
        // The reference raises out of its read loop and never answers; Neuro would wait 20 s.
        let frame = #"{"command":"action","data":{"id":"9","name":5}}"#
        try await neuro.send(frame)
        try await neuro.send(#"{"command":"shutdown/immediate"}"#)
        guard case .invalidFrame(let error, let text) = try await client.read() else {
            Issue.record("expected an invalid frame")
            return
        }
        #expect(error.code == .invalidMessage)
        #expect(error.message == "\"action\": key \"name\" must be a string, not integer")
        #expect(text == frame)
        #expect(try await client.read().command == .immediateShutdownRequest)
        try await client.answerMalformedAction(frame, error: error)
        #expect(
            game.sentFrames
                == [
                    #"{"command":"action/result","game":"Test Game","data":{"id":"9","success":false,"message":"Invalid action message: \"action\": key \"name\" must be a string, not integer"}}"#
                ]
        )
    }

    @Test func extraKeysAndNullDataAreAccepted() async throws {
        // What Gary and newer servers send: never refused as malformed (protocol of August 2026).
        try await neuro.send(#"{"command":"action","data":{"id":"1","name":"hit","data":null,"extra":1},"sent":2}"#)
        #expect(try await client.read().command == .action(NeuroAction(id: "1", name: "hit")))
        #expect(game.sentFrames.isEmpty)
    }

    @Test func invalidFramesAndBinaryFramesNeverEndTheRead() async throws {
        for frame in ["not json", "[1]", "{}", #"{"command":"action","data":{"name":"no id"}}"#] {
            try await neuro.send(frame)
        }
        neuro.sendBinary([1, 2, 3])
        try await neuro.send(#"{"command":"unknown_command"}"#)
        // One read per frame: each bad one is reported and the next read goes on.
        var codes: [NeuroError.Code?] = []
        for _ in 0..<5 {
            let read = try await client.read()
            if case .invalidFrame(let error, _) = read { codes.append(error.code) } else { codes.append(nil) }
        }
        #expect(codes == [.invalidFrame, .invalidFrame, .invalidFrame, .invalidMessage, .invalidFrame])
        #expect(try await client.read().command == .unknown(command: "unknown_command", data: nil))
        #expect(game.sentFrames == [])
    }

    @Test func aCleanCloseIsReadWithItsCodeAndReason() async throws {
        await neuro.close(code: .goingAway, reason: "bye")
        guard case .closed(let code, let reason) = try await client.read() else {
            Issue.record("expected the close")
            return
        }
        #expect(code == .goingAway)
        #expect(reason == "bye")
        #expect(try await client.read().isClosed)
    }

    @Test func aDropIsAnError() async throws {
        neuro.drop()
        do {
            _ = try await client.read()
            Issue.record("expected an error")
        } catch let error as NeuroError {
            #expect(error.code == .connectionClosed)
        }
    }
}
