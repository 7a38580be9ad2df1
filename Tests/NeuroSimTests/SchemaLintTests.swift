import NeuroAPI
import Testing

@testable import NeuroSim

@Suite struct SchemaLintTests {
    static let unsupported: [(JSONValue, String)] = [
        (["type": "object", "properties": ["cards": ["type": "array", "uniqueItems": true]]], "uniqueItems"),
        (["type": "object", "properties": ["cards": ["type": "array", "contains": ["type": "integer"]]]], "contains"),
        (["type": "object", "propertyNames": ["pattern": "^[a-z]+$"]], "propertyNames"),
        (["type": "object", "properties": ["day": ["type": "string", "format": "date"]]], "format"),
        (["type": "object", "x-hint": "cards"], "x-hint"),
        (["type": "object", "anyOf": [["required": ["a"]], ["required": ["b"], "default": 1]]], "default"),
    ]

    static let malformed: [(JSONValue, String)] = [
        (["type": "object", "properties": ["n": ["type": "integer", "minimum": "one"]]], "minimum"),
        (["type": "object", "required": "n"], "required"),
        (["type": "object", "properties": ["n": ["type": "float"]]], "type"),
        (["type": "object", "properties": []], "properties"),
        (["type": "object", "properties": ["n": 5]], "$.properties.n"),
        (["type": "object", "properties": ["s": ["type": "string", "maxLength": -1]]], "maxLength"),
        (["type": "object", "anyOf": []], "anyOf"),
        (["type": "object", "properties": ["n": ["type": "number", "multipleOf": 0]]], "multipleOf"),
        (["type": "object", "properties": ["c": ["type": "array", "uniqueItems": "yes"]]], "uniqueItems"),
    ]

    @Test(arguments: unsupported)
    func keywordsOutsideWhatNeuroHandlesAreFound(schema: JSONValue, keyword: String) {
        let lint = SchemaLint(schema)
        #expect(lint.unsupportedKeywords.map(\.keyword) == [keyword])
        #expect(lint.malformations.isEmpty)
    }

    @Test func handledAndDiscouragedKeywordsAndPropertyNamesAreNotUnsupported() {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "description": ["type": "string", "minLength": 1, "maxLength": 9, "pattern": "^a"],
                "title": ["enum": ["a", "b"]],
                "row": ["type": "integer", "minimum": 0, "maximum": 2, "exclusiveMaximum": 3],
                "cards": ["type": "array", "items": ["const": 1], "minItems": 1, "maxItems": 2],
            ],
            "required": ["row"],
            "additionalProperties": false,
        ]
        let lint = SchemaLint(schema)
        #expect(lint.unsupportedKeywords.isEmpty)
        #expect(lint.malformations.isEmpty)
    }

    @Test(arguments: malformed)
    func keywordValuesOfTheWrongTypeAreMalformations(schema: JSONValue, fragment: String) throws {
        let message = try #require(SchemaLint(schema).malformations.first)
        #expect(message.contains(fragment), "\(message)")
    }

    @Test func aHostileDepthIsWalkedBoundedly() {
        var schema: JSONValue = ["type": "integer"]
        for _ in 0..<500 { schema = ["type": "object", "properties": ["a": schema], "x-deep": true] }
        let lint = SchemaLint(schema)
        #expect(lint.unsupportedKeywords.count == SchemaLint.maximumDepth)
    }

    /// NeuroSim's lint and ``SchemaWarning`` walk the same table (`SubschemaLayout`): under every
    /// keyword that holds subschemas, in every form (`items` as a schema and as a tuple), both
    /// reach the subschema and report it at the same path.
    @Test(arguments: SubschemaLayout.keywords.sorted { $0.key < $1.key })
    func everySubschemaKeywordIsWalkedAsSchemaWarningWalksIt(keyword: String, layout: SubschemaLayout) {
        let forms: [(JSONValue, String)] =
            switch layout {
            case .schema: [(["title": 5], "")]
            case .schemaArray: [([["title": 5]], "[0]")]
            case .schemaMap: [(["name": ["title": 5]], ".name")]
            case .schemaOrSchemaArray: [(["title": 5], ""), ([["title": 5]], "[0]")]
            }
        for (value, step) in forms {
            let schema: JSONValue = ["type": "object", keyword: value]
            let path = "$.\(keyword)\(step).title"
            #expect(SchemaWarning.discouragedKeywords(in: schema).map(\.path).contains(path))
            #expect(SchemaLint(schema).malformations == ["\(path) must be a string, not 5"])
        }
    }
}
