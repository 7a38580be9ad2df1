import Testing

@testable import NeuroAPI

/// Mirrors the dispatch half of the reference's tests/test_api.py and tests/test_client.py.
@Suite struct NeuroClientReadingTests {
    let game: InMemoryTransport
    let neuro: InMemoryTransport
    let client: NeuroClient

    init() {
        (game, neuro) = InMemoryTransport.makePair()
        client = NeuroClient(gameTitle: "Test Game", transport: game)
    }

    @Test func actionsGoToTheHandlerExactly() async throws {
        let handler = RecordingHandler()
        try await neuro.send(#"{"command":"action","data":{"id":"1","name":"test_action"}}"#)
        try await neuro.send(#"{"command":"action","data":{"id":"2","name":"test_action","data":"some_data"}}"#)
        #expect(try await client.readMessage(handler: handler).command == .action(NeuroAction(id: "1", name: "test_action")))
        _ = try await client.readMessage(handler: handler)
        #expect(
            handler.recorded == [
                .action(NeuroAction(id: "1", name: "test_action")),
                .action(NeuroAction(id: "2", name: "test_action", data: "some_data")),
            ])
    }

    @Test func unknownCommandsGoToTheHandlerWithTheirData() async throws {
        let handler = RecordingHandler()
        try await neuro.send(#"{"command":"unknown_command"}"#)
        try await neuro.send(#"{"command":"unknown_command","data":{"test":"data"}}"#)
        _ = try await client.readMessage(handler: handler)
        _ = try await client.readMessage(handler: handler)
        #expect(handler.recorded == [.unknown("unknown_command", nil), .unknown("unknown_command", ["test": "data"])])
    }

    @Test func startupAcknowledgementGoesToTheHandler() async throws {
        let handler = RecordingHandler()
        try await neuro.send(
            #"{"command":"startup","data":{"session":{"sessionId":"s","characterId":"neuro","displayName":"Neuro-sama"}}}"#)
        _ = try await client.readMessage(handler: handler)
        #expect(handler.recorded == [.startup(NeuroSessionInfo(sessionID: "s", characterID: "neuro", displayName: "Neuro-sama"))])
    }

    @Test func reregisterAllSendsEveryRememberedAction() async throws {
        try await client.registerActions([Action(name: "a", description: "A"), Action(name: "b", description: "B")])
        try await neuro.send(#"{"command":"actions/reregister_all"}"#)
        #expect(try await client.readMessage(handler: DefaultHandler()).command == .reregisterAllActions)
        #expect(game.sentFrames.count == 2)
        #expect(game.sentFrames[1] == game.sentFrames[0])
    }

    @Test func reregisterAllWithNothingRegisteredSendsNothing() async throws {
        try await neuro.send(#"{"command":"actions/reregister_all"}"#)
        _ = try await client.readMessage(handler: DefaultHandler())
        #expect(game.sentFrames == [])
    }

    @Test(arguments: [
        (#"{"command":"shutdown/graceful","data":{"wants_shutdown":true}}"#, 1),
        (#"{"command":"shutdown/graceful","data":{"wants_shutdown":false}}"#, 0),
        (#"{"command":"shutdown/immediate"}"#, 1),
    ])
    func shutdownRequestsAnswerReadyByDefault(frame: String, readyCount: Int) async throws {
        try await neuro.send(frame)
        _ = try await client.readMessage(handler: DefaultHandler())
        #expect(game.sentFrames == Array(repeating: #"{"command":"shutdown/ready","game":"Test Game"}"#, count: readyCount))
    }

    @Test func aMalformedActionWithAnIDIsAnsweredWithAFailure() async throws {
        // The reference raises out of its read loop and never answers; Neuro would wait 20 s.
        let handler = RecordingHandler()
        try await neuro.send(#"{"command":"action","data":{"id":"9","name":5}}"#)
        try await neuro.send(#"{"command":"shutdown/immediate"}"#)
        #expect(try await client.readMessage(handler: handler).command == nil)
        #expect(try await client.readMessage(handler: handler).command == .immediateShutdownRequest)
        #expect(handler.recorded == [.invalidFrame(.invalidMessage, "\"action\": key \"name\" must be a string, not integer")])
        #expect(
            game.sentFrames.first
                == #"{"command":"action/result","game":"Test Game","data":{"id":"9","success":false,"message":"Invalid action message: \"action\": key \"name\" must be a string, not integer"}}"#
        )
    }

    @Test func extraKeysAndNullDataAreAcceptedAndAnswered() async throws {
        // What Gary and newer servers send: never refused as malformed (protocol of August 2026).
        let handler = RecordingHandler()
        try await neuro.send(#"{"command":"action","data":{"id":"1","name":"hit","data":null,"extra":1},"sent":2}"#)
        #expect(try await client.readMessage(handler: handler).command == .action(NeuroAction(id: "1", name: "hit")))
        #expect(game.sentFrames.isEmpty)
    }

    @Test func invalidFramesAndBinaryFramesNeverEndTheRead() async throws {
        let handler = RecordingHandler()
        for frame in ["not json", "[1]", "{}", #"{"command":"action","data":{"name":"no id"}}"#] {
            try await neuro.send(frame)
        }
        neuro.sendBinary([1, 2, 3])
        try await neuro.send(#"{"command":"unknown_command"}"#)
        // One read per frame: each bad one is reported and the next read goes on.
        for _ in 0..<5 {
            #expect(try await client.readMessage(handler: handler).command == nil)
        }
        #expect(try await client.readMessage(handler: handler).command == .unknown(command: "unknown_command", data: nil))
        #expect(handler.recorded.count == 6)
        let codes: [NeuroError.Code?] = handler.recorded.prefix(5).map {
            if case .invalidFrame(let code, _) = $0 { return code }
            return nil
        }
        #expect(codes == [.invalidFrame, .invalidFrame, .invalidFrame, .invalidMessage, .invalidFrame])
        #expect(game.sentFrames == [])
    }

    @Test func aCleanCloseIsReadWithItsCodeAndReason() async throws {
        await neuro.close(code: .goingAway, reason: "bye")
        guard case .closed(let code, let reason) = try await client.readMessage(handler: DefaultHandler()) else {
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
            _ = try await client.readMessage(handler: DefaultHandler())
            Issue.record("expected an error")
        } catch let error as NeuroError {
            #expect(error.code == .connectionClosed)
        }
    }
}
