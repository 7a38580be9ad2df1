import Testing

@testable import NeuroProtocol

/// The strict reading a Neuro-side server applies to game frames (reference server.py §8).
@Suite struct GameCommandDecodingTests {
    @Test func acceptsSchemaAbsentObjectOrNull() throws {
        let text =
            #"{"command":"actions/register","game":"G","data":{"actions":[{"name":"a","description":"d"},{"name":"b","description":"d","schema":{}},{"name":"c","description":"d","schema":null}]}}"#
        let (game, command) = try GameCommand.decode(text)
        #expect(game == "G")
        #expect(
            command
                == .registerActions([
                    Action(name: "a", description: "d"), Action(name: "b", description: "d", schema: [:]),
                    Action(name: "c", description: "d"),
                ]))
    }

    @Test func forceWithoutStateDefaultsToLowPriority() throws {
        let (_, command) = try GameCommand.decode(
            #"{"command":"actions/force","game":"G","data":{"query":"q","action_names":["a"]}}"#)
        #expect(command == .forceActions(ActionForce(query: "q", actionNames: ["a"])))
    }

    @Test func unknownCommandsKeepTheirData() throws {
        let (_, command) = try GameCommand.decode(#"{"command":"custom","game":"G","data":{"k":1}}"#)
        #expect(command == .unknown(command: "custom", data: ["k": 1]))
        #expect(command.name == "custom")
    }

    static let invalid: [(String, String)] = [
        (#"{"command":"startup"}"#, "\"startup\": the frame has no \"game\" key"),
        (#"{"command":"context","game":"G"}"#, "\"context\": the frame has no \"data\""),
        (#"{"command":"context","game":"G","data":{"message":"m"}}"#, "\"context\": missing key \"silent\" (a boolean)"),
        (
            #"{"command":"context","game":"G","data":{"message":"m","silent":true,"x":1}}"#,
            "\"context\": unexpected key \"x\""
        ),
        (
            #"{"command":"actions/register","game":"G","data":{"actions":[{"name":"a","description":"d","invalid_key":1}]}}"#,
            "\"actions/register: actions[0]\": unexpected key \"invalid_key\""
        ),
        (
            #"{"command":"actions/register","game":"G","data":{"actions":[1]}}"#,
            "\"actions/register\": actions[0] must be an object, not integer"
        ),
        (
            #"{"command":"actions/register","game":"G","data":{"actions":{}}}"#,
            "\"actions/register\": key \"actions\" must be an array, not object"
        ),
        (
            #"{"command":"actions/unregister","game":"G","data":{"action_names":[123]}}"#,
            "\"actions/unregister\": key \"action_names\"[0] must be a string, not integer"
        ),
        (
            #"{"command":"actions/force","game":"G","data":{"query":"q","action_names":["a"],"priority":"urgent"}}"#,
            "\"actions/force\": key \"priority\" must be low, medium, high or critical, not \"urgent\""
        ),
        (
            #"{"command":"actions/force","game":"G","data":{"query":"q","action_names":["a"],"state":null}}"#,
            "\"actions/force\": key \"state\" must be a string, not null"
        ),
        (
            #"{"command":"actions/force","game":"G","data":{"query":"q","action_names":["a"],"ephemeral_context":1}}"#,
            "\"actions/force\": key \"ephemeral_context\" must be a boolean, not integer"
        ),
        (
            #"{"command":"action/result","game":"G","data":{"id":"1","success":1}}"#,
            "\"action/result\": key \"success\" must be a boolean, not integer"
        ),
        (
            #"{"command":"action/result","game":"G","data":{"id":"1","success":false,"message":null}}"#,
            "\"action/result\": key \"message\" must be a string, not null"
        ),
    ]

    @Test(arguments: invalid)
    func rejectsNamingTheKey(text: String, message: String) {
        do {
            _ = try GameCommand.decode(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.message == message)
        }
    }
}
