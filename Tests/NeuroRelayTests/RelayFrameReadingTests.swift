import NeuroAPI
import NeuroSim
import Testing

@testable import NeuroRelay

@Suite struct RelayFrameReadingTests {
    func rule(of message: TransportMessage) -> ConformanceRule? {
        if case .rejected(let rule, _) = RelayFrameReading.read(message, parser: JSONParser()) { return rule }
        return nil
    }

    @Test func whatWouldBreakNeuroIsRejectedWithItsRule() {
        #expect(rule(of: .binary([1, 2, 3])) == .binaryFrame)
        #expect(rule(of: .text("{not json")) == .invalidJSON)
        #expect(rule(of: .text("[1]")) == .notAnObject)
        #expect(rule(of: .text(#"{"game": "G"}"#)) == .invalidFields)
        #expect(
            rule(of: .text(#"{"command": "context", "game": "G", "data": {"message": 3, "silent": true}}"#)) == .invalidFields)
        #expect(rule(of: .text(#"{"command": "teleport", "game": "G"}"#)) == .unknownCommand)
    }

    @Test func whatCanBeReadIsTakenWithItsDiagnostics() throws {
        guard
            case .command(let command, let game, let diagnostics) = RelayFrameReading.read(
                .text(#"{"command": "startup", "game": "G", "extra": 1}"#), parser: JSONParser())
        else {
            Issue.record("refused")
            return
        }
        #expect(command == .startup)
        #expect(game == "G")
        #expect(diagnostics.map(\.0) == [.invalidFields])
        // The Python reference's `"schema": null` is read as no schema.
        guard
            case .command(.registerActions(let actions), _, let none) = RelayFrameReading.read(
                .text(
                    #"{"command": "actions/register", "game": "G", "data": {"actions": [{"name": "a", "description": "d", "schema": null}]}}"#
                ), parser: JSONParser())
        else {
            Issue.record("refused")
            return
        }
        #expect(actions == [Action(name: "a", description: "d")])
        #expect(none.isEmpty)
    }
}
