import Testing

@testable import NeuroProtocol

@Suite struct NeuroActionTests {
    struct Move: Decodable, Equatable {
        var row: Int
        var column: Int
    }

    @Test func decodesDataIntoADecodable() throws {
        let action = NeuroAction(id: "1", name: "move", data: #"{"row": 1, "column": 2}"#)
        #expect(try action.decodeData(as: Move.self) == Move(row: 1, column: 2))
    }

    @Test(arguments: [
        (String?.none, "the action needs data but none was sent"),
        ("{\"row\": 1}", "the data does not fit: missing column"),
        ("{\"row\": \"one\", \"column\": 1}", "the data does not fit: row is not a Int"),
        ("{\"row\": null, \"column\": 1}", "the data does not fit: row must be a Int, not null"),
    ])
    func decodingFailuresAreClear(data: String?, message: String) {
        do {
            _ = try NeuroAction(id: "1", name: "move", data: data).decodeData(as: Move.self)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidActionData)
            #expect(error.message == message)
        }
    }

    @Test func parsesDataAsJSON() throws {
        #expect(try NeuroAction(id: "1", name: "a", data: #"{"k":[1]}"#).parsedData() == ["k": [1]])
        #expect(try NeuroAction(id: "1", name: "a").parsedData() == nil)
        do {
            _ = try NeuroAction(id: "1", name: "a", data: "{oops").parsedData()
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidActionData)
            #expect(error.message.hasPrefix("the data is not valid JSON: expected a string key"))
        }
    }
}
