import NeuroAPI
import Testing

@testable import NeuroSim

@Suite struct GeneratedDataTests {
    static let schemas: [JSONValue] = [
        [
            "type": "object",
            "properties": ["direction": ["type": "string", "enum": ["north", "south", "east", "west"]]],
            "required": ["direction"],
        ],
        [
            "type": "object",
            "properties": [
                "row": ["type": "integer", "minimum": 0, "maximum": 2],
                "column": ["type": "integer", "minimum": 0, "maximum": 2],
            ],
            "required": ["row", "column"],
        ],
        [
            "type": "object",
            "properties": [
                "name": ["type": "string", "minLength": 3, "maxLength": 12],
                "amount": ["type": "number", "exclusiveMinimum": 0, "maximum": 10.5],
                "confirm": ["type": "boolean"],
            ],
            "required": ["name"],
        ],
        [
            "type": "object",
            "properties": [
                "cards": [
                    "type": "array", "items": ["type": "integer", "minimum": 1, "maximum": 13], "minItems": 1,
                    "maxItems": 5, "uniqueItems": true,
                ],
                "target": ["type": "object", "properties": ["id": ["type": "string"]], "required": ["id"]],
            ],
            "required": ["cards", "target"],
        ],
        ["type": "object", "properties": ["mode": ["const": "fast"]], "required": ["mode"]],
    ]

    /// Plays `rounds` flood actions on one connection and returns them.
    static func actions(schema: JSONValue, seed: UInt64, badDataShare: Double, rounds: Int) throws -> [NeuroAction] {
        var harness = SessionHarness {
            $0.seed = seed
            $0.isFlooding = true
            $0.badDataShare = badDataShare
        }
        harness.send("startup")
        let action = Action(name: "act", description: "Act.", schema: schema)
        harness.send("actions/register", data: #"{"actions":[\#(JSONWriter.string(from: action.jsonValue))]}"#)
        for _ in 0..<rounds {
            let sent = try #require(harness.effects.actions.last)
            harness.send("action/result", data: #"{"id":"\#(sent.id)","success":false,"message":"again"}"#)
        }
        // `uniqueItems` (schema 3) is outside what Neuro handles: the one violation expected.
        #expect(Set(harness.rules).isSubset(of: [.unsupportedSchemaKeyword]))
        return harness.effects.actions
    }

    @Test(arguments: schemas.indices)
    func generatedDataAlwaysValidates(_ index: Int) throws {
        let schema = Self.schemas[index]
        let validator = JSONSchemaValidator()
        for seed in UInt64(0)..<200 {
            for action in try Self.actions(schema: schema, seed: seed, badDataShare: 0, rounds: 3) {
                let data = try #require(try action.parsedData(), "seed \(seed): no data")
                let violations = validator.validate(data, against: schema)
                #expect(violations.isEmpty, "seed \(seed): \(action.data ?? "") breaks the schema: \(violations)")
            }
        }
    }

    @Test(arguments: schemas.indices)
    func offSchemaDataNeverValidates(_ index: Int) throws {
        let schema = Self.schemas[index]
        let validator = JSONSchemaValidator()
        var offSchemaCount = 0
        for seed in UInt64(0)..<50 {
            for action in try Self.actions(schema: schema, seed: seed, badDataShare: 1, rounds: 3)
            where action.name == "act" {
                guard let data = try? action.parsedData() else { continue }  // invalid JSON on purpose
                offSchemaCount += 1
                #expect(!validator.isValid(data, against: schema), "seed \(seed): \(action.data ?? "") fits the schema")
            }
        }
        #expect(offSchemaCount > 0)
    }
}
