import Testing

@testable import NeuroProtocol

/// One keyword of the subschema table with its value in one of its forms, and the path step to
/// the subschema inside it.
struct SubschemaPlacement: Sendable, CustomTestStringConvertible {
    var keyword: String
    var value: JSONValue
    var step: String
    var testDescription: String { "\(keyword)\(step)" }

    /// Every keyword of ``SubschemaLayout/keywords`` holding `subschema` in every form its layout
    /// allows: `items` both as a schema and in the tuple form.
    static func all(holding subschema: JSONValue) -> [SubschemaPlacement] {
        SubschemaLayout.keywords.sorted { $0.key < $1.key }.flatMap { keyword, layout -> [SubschemaPlacement] in
            switch layout {
            case .schema:
                [SubschemaPlacement(keyword: keyword, value: subschema, step: "")]
            case .schemaArray:
                [SubschemaPlacement(keyword: keyword, value: [["type": "string"], subschema], step: "[1]")]
            case .schemaMap:
                [SubschemaPlacement(keyword: keyword, value: ["name": subschema], step: ".name")]
            case .schemaOrSchemaArray:
                [
                    SubschemaPlacement(keyword: keyword, value: subschema, step: ""),
                    SubschemaPlacement(keyword: keyword, value: [["type": "string"], subschema], step: "[1]"),
                ]
            }
        }
    }
}

@Suite struct SubschemaLayoutTests {
    /// A subschema whose only keyword, `title`, is discouraged and must be a string.
    static let placements = SubschemaPlacement.all(holding: ["title": 5])

    @Test(arguments: placements)
    func schemaWarningFindsKeywordsInsideEverySubschemaKeyword(_ placement: SubschemaPlacement) {
        let schema: JSONValue = ["type": "object", placement.keyword: placement.value]
        let paths = SchemaWarning.discouragedKeywords(in: schema).filter { $0.keyword == "title" }.map(\.path)
        #expect(paths == ["$.\(placement.keyword)\(placement.step).title"])
    }

    /// The disagreement this table ended: `items` was one subschema and an array of them in
    /// `SchemaWarning`'s tables, and neither in NeuroSim's lint (a case of its own). Both forms
    /// are one entry now.
    @Test func itemsIsOneSubschemaOrAnArrayOfThem() throws {
        let layout = try #require(SubschemaLayout(keyword: "items"))
        #expect(layout == .schemaOrSchemaArray)
        #expect(layout.subschemas(in: ["type": "integer"])?.map { $0.step } == [""])
        #expect(layout.subschemas(in: [["type": "integer"], ["type": "string"]])?.map { $0.step } == ["[0]", "[1]"])
    }

    @Test func valuesOfTheWrongShapeHoldNoSubschemas() {
        #expect(SubschemaLayout.schemaMap.subschemas(in: [["type": "integer"]]) == nil)
        #expect(SubschemaLayout.schemaArray.subschemas(in: ["type": "integer"]) == nil)
        #expect(SubschemaLayout(keyword: "enum") == nil)
        #expect(SubschemaLayout(keyword: "const") == nil)
        #expect(SubschemaLayout(keyword: "title") == nil)
    }

    @Test func arrayElementSchemasReadPrefixItemsAndBothFormsOfItems() {
        let tuple = ArrayElementSchemas(["items": [["type": "integer"], ["type": "string"]]])
        #expect(tuple.prefix == [["type": "integer"], ["type": "string"]])
        #expect(tuple.rest == true)
        let modern = ArrayElementSchemas(["prefixItems": [["type": "integer"]], "items": ["type": "string"]])
        #expect(modern.schema(at: 0) == ["type": "integer"])
        #expect(modern.schema(at: 3) == ["type": "string"])
        #expect(ArrayElementSchemas([:]).schema(at: 0) == true)
    }

    @Test func theValidatorReadsTheTupleFormOfItemsAsAPrefix() {
        let schema: JSONValue = ["type": "array", "items": [["type": "integer"], ["type": "string"]]]
        let validator = JSONSchemaValidator()
        #expect(validator.validate([1, "a", true], against: schema).isEmpty)
        #expect(!validator.validate(["a", 1], against: schema).isEmpty)
    }
}
