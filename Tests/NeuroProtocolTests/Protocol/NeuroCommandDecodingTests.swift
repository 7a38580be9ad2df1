import Testing

@testable import NeuroProtocol

/// Every Neuro → game command, and every way its frame can be wrong.
@Suite struct NeuroCommandDecodingTests {
    static let valid: [(String, NeuroCommand)] = [
        (
            #"{"command":"action","data":{"id":"12345","name":"test_action","data":"{\"key\": \"value\"}"}}"#,
            .action(NeuroAction(id: "12345", name: "test_action", data: #"{"key": "value"}"#))
        ),
        (
            #"{"command":"action","data":{"id":"12345","name":"test_action"}}"#,
            .action(NeuroAction(id: "12345", name: "test_action"))
        ),
        (#"{"command":"actions/reregister_all"}"#, .reregisterAllActions),
        (#"{"command":"actions/reregister_all","data":{}}"#, .reregisterAllActions),
        (#"{"command":"shutdown/graceful","data":{"wants_shutdown":true}}"#, .gracefulShutdownRequest(wantsShutdown: true)),
        (#"{"command":"shutdown/graceful","data":{"wants_shutdown":false}}"#, .gracefulShutdownRequest(wantsShutdown: false)),
        (#"{"command":"shutdown/immediate"}"#, .immediateShutdownRequest),
        (
            #"{"command":"startup","data":{"session":{"sessionId":"s1","characterId":"evil","displayName":"Evil Neuro"}}}"#,
            .startupAcknowledgement(NeuroSessionInfo(sessionID: "s1", characterID: "evil", displayName: "Evil Neuro"))
        ),
        (#"{"command":"startup"}"#, .startupAcknowledgement(nil)),
        (#"{"command":"unknown_command"}"#, .unknown(command: "unknown_command", data: nil)),
        (#"{"command":"unknown_command","data":{"test":"data"}}"#, .unknown(command: "unknown_command", data: ["test": "data"])),
        // A `game` key from Neuro is accepted and ignored, as in the reference.
        (#"{"command":"actions/reregister_all","game":"g"}"#, .reregisterAllActions),
    ]

    @Test(arguments: valid)
    func decodes(text: String, expected: NeuroCommand) throws {
        #expect(try NeuroCommand.decode(text) == expected)
    }

    @Test(arguments: valid)
    func encodesWhatItDecodes(text: String, command: NeuroCommand) throws {
        // NeuroSim sends these; the round trip must be exact in meaning.
        #expect(try NeuroCommand.decode(command.encoded()) == command)
    }

    @Test func encodesReferenceBytes() {
        #expect(
            NeuroCommand.action(NeuroAction(id: "12345", name: "test_action", data: #"{"key": "value"}"#)).encoded()
                == #"{"command":"action","data":{"id":"12345","name":"test_action","data":"{\"key\": \"value\"}"}}"#)
        #expect(NeuroCommand.reregisterAllActions.encoded() == #"{"command":"actions/reregister_all"}"#)
        #expect(
            NeuroCommand.gracefulShutdownRequest(wantsShutdown: false).encoded()
                == #"{"command":"shutdown/graceful","data":{"wants_shutdown":false}}"#)
        #expect(NeuroCommand.immediateShutdownRequest.encoded() == #"{"command":"shutdown/immediate"}"#)
    }

    static let invalid: [(String, NeuroError.Code, String)] = [
        ("not json", .invalidFrame, "the frame is not valid JSON: invalid literal; expected null at line 1, column 1"),
        ("[1]", .invalidFrame, "the frame must be a JSON object, not array"),
        ("\"abc\"", .invalidFrame, "the frame must be a JSON object, not string"),
        ("1", .invalidFrame, "the frame must be a JSON object, not integer"),
        ("null", .invalidFrame, "the frame must be a JSON object, not null"),
        ("{}", .invalidFrame, "the frame has no \"command\" key"),
        (#"{"command":1}"#, .invalidFrame, "\"command\" must be a string, not integer"),
        (#"{"command":"x","data":[1]}"#, .invalidFrame, "\"data\" of \"x\" must be an object, not array"),
        (#"{"command":"x","game":5}"#, .invalidFrame, "\"game\" must be a string, not integer"),
        (#"{"command":"action"}"#, .invalidMessage, "\"action\": the frame has no \"data\""),
        (#"{"command":"action","data":{"name":"a"}}"#, .invalidMessage, "\"action\": missing key \"id\" (a string)"),
        (#"{"command":"action","data":{"id":"1"}}"#, .invalidMessage, "\"action\": missing key \"name\" (a string)"),
        (
            #"{"command":"action","data":{"id":27,"name":"a"}}"#, .invalidMessage,
            "\"action\": key \"id\" must be a string, not integer"
        ),
        (
            #"{"command":"action","data":{"id":"1","name":"a","data":{"x":1}}}"#, .invalidMessage,
            "\"action\": key \"data\" must be a string, not object"
        ),
        (#"{"command":"shutdown/graceful"}"#, .invalidMessage, "\"shutdown/graceful\": the frame has no \"data\""),
        (
            #"{"command":"shutdown/graceful","data":{}}"#, .invalidMessage,
            "\"shutdown/graceful\": missing key \"wants_shutdown\" (a boolean)"
        ),
        (
            #"{"command":"shutdown/graceful","data":{"wants_shutdown":1}}"#, .invalidMessage,
            "\"shutdown/graceful\": key \"wants_shutdown\" must be a boolean, not integer"
        ),
    ]

    /// What the real ecosystem sends and the protocol of August 2026 says to accept: unknown
    /// keys at both levels are ignored, `null` means absent, a partial startup acknowledgement
    /// keeps what it has, and `speech_finished` is a command.
    static let lenient: [(String, NeuroCommand)] = [
        (#"{"command":"x","extra":1}"#, .unknown(command: "x", data: nil)),
        (#"{"command":"x","data":null}"#, .unknown(command: "x", data: nil)),
        (#"{"command":"neuro-relay/ping","data":{"n":1}}"#, .unknown(command: "neuro-relay/ping", data: ["n": 1])),
        (#"{"command":"action","data":{"id":"1","name":"hit","data":null}}"#, .action(NeuroAction(id: "1", name: "hit"))),
        (
            #"{"command":"action","data":{"id":"1","name":"a","extra":true},"sent_at":3}"#,
            .action(NeuroAction(id: "1", name: "a"))
        ),
        (#"{"command":"actions/reregister_all","data":{"reason":"restart"}}"#, .reregisterAllActions),
        (
            #"{"command":"startup","data":{"session":{"sessionId":"s"}}}"#,
            .startupAcknowledgement(NeuroSessionInfo(sessionID: "s"))
        ),
        (#"{"command":"startup","data":{"session":{"sessionId":5}}}"#, .startupAcknowledgement(NeuroSessionInfo(sessionID: nil))),
        (#"{"command":"speech_finished","data":{"isFinal":false}}"#, .speechFinished(SpeechFinished(isFinal: false))),
        (
            #"{"command":"speech_finished","data":{"isFinal":true,"cancelled":true,"reason":"interrupted","x":1}}"#,
            .speechFinished(SpeechFinished(isFinal: true, isCancelled: true, reason: "interrupted"))
        ),
    ]

    @Test(arguments: lenient)
    func acceptsWhatTheProtocolLetsGrow(text: String, expected: NeuroCommand) throws {
        #expect(try NeuroCommand.decode(text) == expected)
    }

    @Test func speechFinishedRoundTrips() throws {
        let speech = NeuroCommand.speechFinished(SpeechFinished(isFinal: true, isCancelled: false, reason: "done"))
        #expect(try NeuroCommand.decode(speech.encoded()) == speech)
        #expect(speech.encoded() == #"{"command":"speech_finished","data":{"isFinal":true,"cancelled":false,"reason":"done"}}"#)
    }

    @Test(arguments: invalid)
    func rejectsWithATypedErrorNamingTheProblem(text: String, code: NeuroError.Code, message: String) {
        do {
            _ = try NeuroCommand.decode(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.code == code)
            #expect(error.message == message)
        }
    }

    @Test func invalidJSONKeepsTheParseErrorAsCause() {
        do {
            _ = try NeuroCommand.decode("{\"command\":")
            Issue.record("expected an error")
        } catch {
            #expect(error.cause is JSONParseError)
        }
    }
}
