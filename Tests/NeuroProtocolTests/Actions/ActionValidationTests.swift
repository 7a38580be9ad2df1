import Testing

@testable import NeuroProtocol

@Suite struct ActionValidationTests {
    @Test(arguments: ["a", "test_action", "join-friend-lobby", "123", "play_0_0"])
    func acceptsValidNames(name: String) throws {
        #expect(try Action(name: name, description: "d").validate() == [])
    }

    @Test(arguments: [
        ("invalid action!", "action name \"invalid action!\" has characters outside a-z 0-9 _ -: ' ', '!'"),
        ("Play", "action name \"Play\" has characters outside a-z 0-9 _ -: 'P'"),
        ("a.b", "action name \"a.b\" has characters outside a-z 0-9 _ -: '.'"),
        ("café", "action name \"café\" has characters outside a-z 0-9 _ -: 'é'"),
        // Deliberate difference: the reference accepts the empty name; Neuro cannot call it.
        ("", "an action name must not be empty"),
    ])
    func rejectsInvalidNames(name: String, message: String) {
        do {
            try Action(name: name, description: "d").validate()
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidActionName)
            #expect(error.message == message)
        }
    }

    @Test func anEmptySchemaMeansNoParameters() throws {
        // The spec: "omit it or set it to {}".
        let action = Action(name: "a", description: "d", schema: .object([:]))
        #expect(try action.validate().isEmpty)
        #expect(try NeuroAction(id: "1", name: "a").validatedData(against: .object([:])) == nil)
        #expect(try NeuroAction(id: "1", name: "a", data: "{}").validatedData(against: .object([:])) == .object([:]))
    }

    @Test(arguments: [
        (JSONValue.string("object"), "action \"a\": the schema must be a JSON object, not string"),
        (JSONValue(["type": "string"]), "action \"a\": the schema must have \"type\": \"object\" at its root"),
        (JSONValue.null, "action \"a\": the schema must be a JSON object, not null"),
    ])
    func requiresAnObjectSchema(schema: JSONValue, message: String) {
        do {
            try Action(name: "a", description: "d", schema: schema).validate()
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidSchema)
            #expect(error.message == message)
        }
    }

    @Test func populousSchemaWithFloatsAndNullsPasses() throws {
        // The reference raised on float and null values before v3.2.0 (and still does for null); we accept both.
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "amount": ["type": "number", "minimum": 0.5, "maximum": 10.25],
                "kind": ["enum": ["a", "b", nil]],
                "tags": ["type": "array", "items": ["type": "string"], "maxItems": 3],
                "fixed": ["const": 3],
                "note": ["type": "string", "default": nil],
            ],
            "required": ["amount"],
        ]
        #expect(try Action(name: "a", description: "d", schema: schema).validate() == [])
    }

    @Test func reportsDiscouragedKeywordsWithTheirPath() throws {
        let schema: JSONValue = [
            "type": "object",
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "properties": [
                "move": ["type": "string", "description": "where to move"],
                "items": ["type": "array", "items": ["type": "object", "additionalProperties": false]],
            ],
            "oneOf": [["required": ["move"]], ["title": "t"]],
        ]
        let warnings = try Action(name: "a", description: "d", schema: schema).validate()
        #expect(
            warnings == [
                SchemaWarning(keyword: "$schema", path: "$.$schema"),
                SchemaWarning(keyword: "description", path: "$.properties.move.description"),
                SchemaWarning(keyword: "additionalProperties", path: "$.properties.items.items.additionalProperties"),
                SchemaWarning(keyword: "oneOf", path: "$.oneOf"),
                SchemaWarning(keyword: "title", path: "$.oneOf[1].title"),
            ])
        #expect(warnings[0].description == "discouraged schema keyword \"$schema\" at $.$schema")
    }

    @Test func propertyNamesAreNotKeywords() throws {
        // The reference flags these (it matches key names anywhere); they are names, not keywords.
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "description": ["type": "string"],
                "title": ["type": "string"],
                "if": ["type": "boolean"],
            ],
            "required": ["description", "title"],
        ]
        #expect(try Action(name: "a", description: "d", schema: schema).validate() == [])
    }

    @Test func dataValuesAreNotSearched() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": ["config": ["const": ["title": "x", "$ref": "#"], "default": ["not": 1], "examples": [["oneOf": 1]]]],
        ]
        #expect(try Action(name: "a", description: "d", schema: schema).validate() == [])
    }

    @Test func everyDiscouragedKeywordIsReportedAtTheRoot() throws {
        for keyword in SchemaWarning.discouragedKeywords.sorted() {
            var object: JSONObject = ["type": "object"]
            object[keyword] = 1
            let schema = JSONValue.object(object)
            let warnings = try Action(name: "a", description: "d", schema: schema).validate()
            #expect(warnings == [SchemaWarning(keyword: keyword, path: "$.\(keyword)")])
        }
        #expect(SchemaWarning.discouragedKeywords.count == 33)
    }

    @Test func jsonValueOmitsAMissingSchema() {
        #expect(Action(name: "a", description: "d").jsonValue == ["name": "a", "description": "d"])
        #expect(
            Action(name: "a", description: "d", schema: ["type": "object"]).jsonValue
                == ["name": "a", "description": "d", "schema": ["type": "object"]])
    }
}
