import Testing

@testable import NeuroProtocol

/// Exact frames for every game → Neuro command: the reference's bytes (tests/test_command.py),
/// checked both byte for byte and as decoded JSON.
@Suite struct GameCommandEncodingTests {
    static let force = ActionForce(query: "Please take your turn.", state: "Game is in progress.", actionNames: ["test_action"])

    static let cases: [(GameCommand, String)] = [
        (.startup, #"{"command":"startup","game":"Test Game"}"#),
        (
            .context(message: "This is a test message.", isSilent: true),
            #"{"command":"context","game":"Test Game","data":{"message":"This is a test message.","silent":true}}"#
        ),
        (
            .context(message: "Say something!", isSilent: false),
            #"{"command":"context","game":"Test Game","data":{"message":"Say something!","silent":false}}"#
        ),
        // Deliberate difference: no "schema":null for a schema-less action (the reference's own server rejects null).
        (
            .registerActions([Action(name: "test_action", description: "A test action")]),
            #"{"command":"actions/register","game":"Test Game","data":{"actions":[{"name":"test_action","description":"A test action"}]}}"#
        ),
        (
            .registerActions([
                Action(name: "a", description: "d", schema: ["type": "object", "properties": ["x": ["type": "integer"]]])
            ]),
            #"{"command":"actions/register","game":"Test Game","data":{"actions":[{"name":"a","description":"d","schema":{"type":"object","properties":{"x":{"type":"integer"}}}}]}}"#
        ),
        (
            .unregisterActions(["test_action"]),
            #"{"command":"actions/unregister","game":"Test Game","data":{"action_names":["test_action"]}}"#
        ),
        (
            .forceActions(force),
            #"{"command":"actions/force","game":"Test Game","data":{"state":"Game is in progress.","query":"Please take your turn.","action_names":["test_action"],"priority":"low"}}"#
        ),
        (
            .forceActions(
                ActionForce(
                    query: "Please take your turn.", state: "Game is in progress.", actionNames: ["test_action"],
                    isEphemeralContext: true)),
            #"{"command":"actions/force","game":"Test Game","data":{"state":"Game is in progress.","query":"Please take your turn.","action_names":["test_action"],"priority":"low","ephemeral_context":true}}"#
        ),
        (
            .forceActions(
                ActionForce(
                    query: "Please take your turn.", state: "Game is in progress.", actionNames: ["test_action"],
                    priority: .critical)),
            #"{"command":"actions/force","game":"Test Game","data":{"state":"Game is in progress.","query":"Please take your turn.","action_names":["test_action"],"priority":"critical"}}"#
        ),
        (
            .forceActions(ActionForce(query: "Go", actionNames: ["a", "b"], priority: .medium)),
            #"{"command":"actions/force","game":"Test Game","data":{"query":"Go","action_names":["a","b"],"priority":"medium"}}"#
        ),
        (
            .actionResult(.success(id: "12345", message: "Action executed successfully.")),
            #"{"command":"action/result","game":"Test Game","data":{"id":"12345","success":true,"message":"Action executed successfully."}}"#
        ),
        (
            .actionResult(.success(id: "12345")),
            #"{"command":"action/result","game":"Test Game","data":{"id":"12345","success":true}}"#
        ),
        (
            .actionResult(.failure(id: "7", message: "Pick an empty square.")),
            #"{"command":"action/result","game":"Test Game","data":{"id":"7","success":false,"message":"Pick an empty square."}}"#
        ),
        (.shutdownReady, #"{"command":"shutdown/ready","game":"Test Game"}"#),
    ]

    @Test(arguments: cases)
    func encodesReferenceBytes(command: GameCommand, expected: String) throws {
        let encoded = command.encoded(game: "Test Game")
        #expect(encoded == expected)
        #expect(try JSONParser().parse(encoded) == JSONParser().parse(expected))
    }

    @Test(arguments: cases)
    func decodesWhatItEncodes(command: GameCommand, text: String) throws {
        let decoded = try GameCommand.decode(text)
        #expect(decoded.game == "Test Game")
        #expect(decoded.command == command)
    }

    @Test func priorityWireValues() {
        #expect([ForcePriority.low, .medium, .high, .critical].map(\.wireValue) == ["low", "medium", "high", "critical"])
        #expect(ForcePriority(wireValue: "LOW") == .unknown("LOW"))
        #expect(ForcePriority(wireValue: "high") == .high)
        #expect(ForcePriority.critical.rank > ForcePriority.high.rank)
    }

    @Test func gameTitleAndTextAreEscaped() {
        let text = GameCommand.context(message: "line1\nline2 \"quoted\"", isSilent: true).encoded(game: "Chess \"Pro\"")
        #expect(
            text == #"{"command":"context","game":"Chess \"Pro\"","data":{"message":"line1\nline2 \"quoted\"","silent":true}}"#)
    }
}
