import NeuroProtocol
import Testing

@Suite struct NeuroActionValidationTests {
    static let schema: JSONValue = [
        "type": "object",
        "properties": [
            "row": ["type": "integer", "minimum": 0, "maximum": 2],
            "column": ["type": "integer", "minimum": 0, "maximum": 2],
        ],
        "required": ["row", "column"],
    ]

    static let optionalSchema: JSONValue = ["type": "object", "properties": ["note": ["type": "string"]]]

    /// Data for `schema`, and the exact failure message expected (`nil`: valid).
    static let failures: [(data: String?, message: String?)] = [
        (nil, #"the action needs data: missing required property "row"; missing required property "column""#),
        ("  \n", #"the action needs data: missing required property "row"; missing required property "column""#),
        (#"{"row": 5, "column": 1}"#, "row: 5 is above the maximum 2"),
        (#"{"row": 5, "column": "b"}"#, "row: 5 is above the maximum 2; column: must be an integer, not string"),
        (#"{"row": 1}"#, #"data: missing required property "column""#),
        ("[1, 2]", "data: must be an object, not array"),
        (#"{"row": 1, "column": 2}"#, nil),
    ]

    @Test(arguments: failures)
    func validatesAgainstTheSchema(data: String?, message: String?) throws {
        let action = NeuroAction(id: "1", name: "play", data: data)
        guard let message else {
            let value = try action.validatedData(against: Self.schema)
            #expect(value == ["row": 1, "column": 2])
            return
        }
        let error = #expect(throws: NeuroError.self) { try action.validatedData(against: Self.schema) }
        #expect(error?.code == .invalidActionData)
        #expect(error?.message == message)
    }

    @Test func invalidJSONIsReported() {
        let action = NeuroAction(id: "1", name: "play", data: #"{"row": 1,}"#)
        let error = #expect(throws: NeuroError.self) { try action.validatedData(against: Self.schema) }
        #expect(error?.code == .invalidActionData)
        #expect(error?.message.hasPrefix("the data is not valid JSON: ") == true)
        #expect(error?.cause is JSONParseError)
    }

    @Test func manyViolationsAreSummedUp() {
        let schema: JSONValue = ["type": "object", "additionalProperties": ["type": "string"]]
        let members = (0..<8).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let action = NeuroAction(id: "1", name: "play", data: "{\(members)}")
        let error = #expect(throws: NeuroError.self) { try action.validatedData(against: schema) }
        #expect(
            error?.message
                == "k0: must be a string, not integer; k1: must be a string, not integer; k2: must be a string, not integer; "
                + "k3: must be a string, not integer; k4: must be a string, not integer; and 3 more"
        )
    }

    @Test(arguments: [nil, "", "   "])
    func missingDataIsAnEmptyObjectWhenNothingIsRequired(data: String?) throws {
        let action = NeuroAction(id: "1", name: "note", data: data)
        #expect(try action.validatedData(against: Self.optionalSchema) == [:])
    }

    /// Without a schema: data if it is JSON, else `nil`, never a failure.
    static let schemaless: [(data: String?, expected: JSONValue?)] = [
        (nil, nil),
        ("", nil),
        ("not json", nil),
        (#"{"a": 1}"#, ["a": 1]),
        ("3", 3),
    ]

    @Test(arguments: schemaless)
    func withoutASchemaDataIsNeverAFailure(data: String?, expected: JSONValue?) throws {
        let action = NeuroAction(id: "1", name: "wave", data: data)
        #expect(try action.validatedData(against: nil) == expected)
    }

    @Test func theValidatorIsInjected() {
        let action = NeuroAction(id: "1", name: "play", data: #"{"row": 7, "column": 9}"#)
        let error = #expect(throws: NeuroError.self) {
            try action.validatedData(against: Self.schema, validator: JSONSchemaValidator(maximumViolations: 1))
        }
        #expect(error?.message == "row: 7 is above the maximum 2")
    }
}
