import NeuroProtocol
import Testing

/// One validation with the exact violations expected.
struct ValidationCase: Sendable, CustomTestStringConvertible {
    var name: String
    var schema: JSONValue
    var value: JSONValue
    var expected: [String]

    var testDescription: String { name }

    init(_ name: String, _ schema: JSONValue, _ value: JSONValue, _ expected: [String] = []) {
        self.name = name
        self.schema = schema
        self.value = value
        self.expected = expected
    }
}

/// An object schema with one property, for checking paths and messages together.
private func property(_ name: String, _ schema: JSONValue) -> JSONValue {
    ["type": "object", "properties": .object([name: schema])]
}

@Suite struct JSONSchemaValidatorTests {
    static let typeCases: [ValidationCase] = [
        ValidationCase("string passes", ["type": "string"], "a"),
        ValidationCase(
            "string fails", property("name", ["type": "string"]), ["name": 5], ["name: must be a string, not integer"]),
        ValidationCase("integer accepts 2.0", ["type": "integer"], 2.0),
        ValidationCase("integer rejects 2.5", ["type": "integer"], 2.5, ["data: must be an integer, not number"]),
        ValidationCase("number accepts integers", ["type": "number"], 3),
        ValidationCase("boolean fails", ["type": "boolean"], nil, ["data: must be a boolean, not null"]),
        ValidationCase("null fails", ["type": "null"], false, ["data: must be null, not boolean"]),
        ValidationCase("array fails", ["type": "array"], [:], ["data: must be an array, not object"]),
        ValidationCase("object fails", ["type": "object"], [], ["data: must be an object, not array"]),
        ValidationCase("type list passes", ["type": ["string", "null"]], nil),
        ValidationCase(
            "type list fails", ["type": ["string", "integer", "null"]], true,
            ["data: must be a string, an integer or null, not boolean"]
        ),
        ValidationCase("unknown type", ["type": "strin"], "a", ["data: the schema names an unknown type \"strin\""]),
        ValidationCase(
            "a type mismatch hides the other keywords", ["type": "string", "minLength": 3, "enum": ["abc"]], 5,
            ["data: must be a string, not integer"]
        ),
        ValidationCase(
            "unknown keywords are ignored", ["type": "string", "format": "email", "description": "x", "$ref": "#/a"], "abc"
        ),
    ]

    static let valueCases: [ValidationCase] = [
        ValidationCase(
            "enum fails", property("direction", ["enum": ["north", "south", "east", "west"]]), ["direction": "up"],
            ["direction: \"up\" is not one of \"north\", \"south\", \"east\", \"west\""]
        ),
        ValidationCase("enum passes", ["enum": ["north", "south"]], "south"),
        ValidationCase("enum ignores key order", ["enum": [["a": 1, "b": 2]]], ["b": 2, "a": 1]),
        ValidationCase("enum equates 2 and 2.0", ["enum": [1, 2, 3]], 2.0),
        ValidationCase(
            "a long enum is cut short", ["enum": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], 11,
            ["data: 11 is not one of 1, 2, 3, 4, 5, 6, 7, 8, … (10 in all)"]
        ),
        ValidationCase("an empty enum", ["enum": []], 1, ["data: no value is allowed here (the schema's enum is empty)"]),
        ValidationCase("const passes", ["const": "move"], "move"),
        ValidationCase("const fails", ["const": "move"], "jump", ["data: must be \"move\", not \"jump\""]),
    ]

    static let numberCases: [ValidationCase] = [
        ValidationCase("minimum passes at the bound", ["minimum": 0], 0),
        ValidationCase("minimum fails", ["minimum": 0], -1, ["data: -1 is below the minimum 0"]),
        ValidationCase("maximum passes at the bound", ["maximum": 2], 2),
        ValidationCase(
            "maximum fails", property("row", ["type": "integer", "maximum": 2]), ["row": 5], ["row: 5 is above the maximum 2"]
        ),
        ValidationCase("fractional maximum fails", ["maximum": 2.5], 2.6, ["data: 2.6 is above the maximum 2.5"]),
        ValidationCase(
            "maximum compares large integers exactly", ["maximum": 9_007_199_254_740_992], 9_007_199_254_740_993,
            ["data: 9007199254740993 is above the maximum 9007199254740992"]
        ),
        ValidationCase("exclusiveMinimum passes", ["exclusiveMinimum": 0], 0.1),
        ValidationCase("exclusiveMinimum fails at the bound", ["exclusiveMinimum": 0], 0, ["data: 0 must be above 0"]),
        ValidationCase("exclusiveMaximum passes", ["exclusiveMaximum": 10], 9.99),
        ValidationCase("exclusiveMaximum fails at the bound", ["exclusiveMaximum": 10], 10, ["data: 10 must be below 10"]),
        ValidationCase("multipleOf passes", ["multipleOf": 3], 9),
        ValidationCase("multipleOf fails", ["multipleOf": 3], 7, ["data: 7 is not a multiple of 3"]),
        ValidationCase("decimal multipleOf passes", ["multipleOf": 0.1], 0.3),
        ValidationCase("decimal multipleOf fails", ["multipleOf": 0.1], 0.35, ["data: 0.35 is not a multiple of 0.1"]),
        ValidationCase(
            "multipleOf 0 is a schema problem", ["multipleOf": 0], 4,
            ["data: the schema's multipleOf must be a number above 0, not 0"]
        ),
        ValidationCase("number keywords skip strings", ["minimum": 5, "multipleOf": 2], "a"),
    ]

    static let stringCases: [ValidationCase] = [
        ValidationCase("minLength passes", ["minLength": 3], "abc"),
        ValidationCase(
            "minLength fails", property("word", ["type": "string", "minLength": 3]), ["word": "ab"],
            ["word: \"ab\" is shorter than 3 characters"]
        ),
        ValidationCase("maxLength fails", ["maxLength": 3], "abcd", ["data: \"abcd\" is longer than 3 characters"]),
        ValidationCase("maxLength counts a precomposed scalar once", ["maxLength": 1], "\u{E9}"),
        ValidationCase(
            "maxLength counts a combining mark apart", ["maxLength": 1], .string("e\u{301}"),
            [#"data: "e\#u{301}" is longer than 1 character"#]
        ),
        ValidationCase("minLength counts an emoji once", ["minLength": 2], "👍👍"),
        ValidationCase("minLength fails on one emoji", ["minLength": 2], "👍", ["data: \"👍\" is shorter than 2 characters"]),
        ValidationCase(
            "a long string is cut in messages", ["maxLength": 3], .string(String(repeating: "a", count: 50)),
            ["data: \"\(String(repeating: "a", count: 40))…\" is longer than 3 characters"]
        ),
        ValidationCase("pattern passes", ["pattern": "^[a-z]+$"], "abc"),
        ValidationCase("pattern fails", ["pattern": "^[a-z]+$"], "ab1", ["data: \"ab1\" does not match the pattern ^[a-z]+$"]),
        ValidationCase("pattern is not anchored", ["pattern": "b"], "abc"),
        ValidationCase(
            "an invalid pattern is a schema problem", ["pattern": "("], "a",
            ["data: the schema's pattern \"(\" is not a valid regular expression"]
        ),
    ]

    static let arrayCases: [ValidationCase] = [
        ValidationCase(
            "items fails with the index", property("moves", ["type": "array", "items": ["type": "integer"]]),
            ["moves": [1, "x", 3]], ["moves[1]: must be an integer, not string"]
        ),
        ValidationCase(
            "items at the root", ["items": ["type": "integer"]], [1, "x"], ["data[1]: must be an integer, not string"]),
        ValidationCase(
            "prefixItems fails", ["prefixItems": [["type": "string"], ["type": "integer"]]], ["a", "b"],
            ["data[1]: must be an integer, not string"]
        ),
        ValidationCase(
            "items after prefixItems", ["prefixItems": [["type": "string"]], "items": false], ["a", 1],
            ["data[1]: no value is allowed here"]
        ),
        ValidationCase(
            "the tuple form of items", ["items": [["type": "string"], ["type": "integer"]]], [1, 2],
            ["data[0]: must be a string, not integer"]
        ),
        ValidationCase("minItems fails", ["minItems": 2], [1], ["data: has 1 item, needs at least 2"]),
        ValidationCase("maxItems fails", ["maxItems": 1], [1, 2], ["data: has 2 items, at most 1 allowed"]),
        ValidationCase("maxItems passes", ["maxItems": 2], [1, 2]),
        ValidationCase("uniqueItems passes", ["uniqueItems": true], [1, 2, "1"]),
        ValidationCase(
            "uniqueItems fails", ["uniqueItems": true], [1, 2, 1], ["data: items must be unique, but items 0 and 2 are both 1"]
        ),
        ValidationCase(
            "uniqueItems ignores key order", ["uniqueItems": true], [["a": 1, "b": 2], ["b": 2, "a": 1]],
            [#"data: items must be unique, but items 0 and 1 are both {"a":1,"b":2}"#]
        ),
        ValidationCase(
            "uniqueItems equates 1 and 1.0", ["uniqueItems": true], [1, 1.0],
            ["data: items must be unique, but items 0 and 1 are both 1"]
        ),
        ValidationCase(
            "uniqueItems on a long array", ["uniqueItems": true], .array((0..<30).map { .integer($0 % 25) }),
            ["data: items must be unique, but items 0 and 25 are both 0"]
        ),
        ValidationCase("uniqueItems on a long unique array", ["uniqueItems": true], .array((0..<30).map { .integer($0) })),
    ]

    static let objectCases: [ValidationCase] = [
        ValidationCase(
            "required fails", ["type": "object", "required": ["row"]], [:], ["data: missing required property \"row\""]
        ),
        ValidationCase(
            "required names each missing property", ["required": ["row", "column"]], ["row": 1],
            ["data: missing required property \"column\""]
        ),
        ValidationCase(
            "additionalProperties false fails", ["properties": ["row": ["type": "integer"]], "additionalProperties": false],
            ["row": 1, "foo": 2], ["data: unexpected property \"foo\" (allowed: \"row\")"]
        ),
        ValidationCase(
            "additionalProperties false with no properties", ["additionalProperties": false], ["a": 1],
            ["data: unexpected property \"a\" (no properties are allowed)"]
        ),
        ValidationCase(
            "additionalProperties schema", ["properties": ["b": true], "additionalProperties": ["type": "integer"]],
            ["a": "x", "b": "y"], ["a: must be an integer, not string"]
        ),
        ValidationCase("minProperties fails", ["minProperties": 2], ["a": 1], ["data: has 1 property, needs at least 2"]),
        ValidationCase(
            "maxProperties fails", ["maxProperties": 1], ["a": 1, "b": 2], ["data: has 2 properties, at most 1 allowed"]
        ),
        ValidationCase("maxProperties passes", ["maxProperties": 2], ["a": 1, "b": 2]),
    ]

    static let combinatorCases: [ValidationCase] = [
        ValidationCase("not passes", ["not": ["type": "string"]], 1),
        ValidationCase("not fails", ["not": ["type": "string"]], "a", ["data: matches a form that is not allowed"]),
        ValidationCase("anyOf passes", ["anyOf": [["type": "string"], ["type": "integer", "minimum": 0]]], 3),
        ValidationCase(
            "anyOf fails naming the closest form", ["anyOf": [["type": "string"], ["type": "integer", "minimum": 0]]], -1,
            ["data: matches none of the allowed forms (closest: -1 is below the minimum 0)"]
        ),
        ValidationCase(
            "anyOf inside a property",
            property("at", ["anyOf": [["type": "string"], ["type": "array", "items": ["type": "integer"]]]]),
            ["at": ["x"]], ["at: matches none of the allowed forms (closest: at[0]: must be an integer, not string)"]
        ),
        ValidationCase("oneOf passes", ["oneOf": [["type": "integer"], ["minimum": 0]]], -1),
        ValidationCase(
            "oneOf fails on two matches", ["oneOf": [["type": "integer"], ["minimum": 0]]], 5,
            ["data: matches more than one of the allowed forms (1 and 2), but must match exactly one"]
        ),
        ValidationCase(
            "oneOf fails on no match", ["oneOf": [["type": "integer"], ["type": "string"]]], true,
            ["data: matches none of the allowed forms (closest: must be an integer, not boolean)"]
        ),
        ValidationCase("allOf passes", ["allOf": [["minimum": 0], ["maximum": 10]]], 5),
        ValidationCase("allOf fails", ["allOf": [["minimum": 0], ["maximum": 10]]], 11, ["data: 11 is above the maximum 10"]),
        ValidationCase("true accepts anything", true, ["a": [1, nil]]),
        ValidationCase("false accepts nothing", false, 1, ["data: no value is allowed here"]),
        ValidationCase("false as a property", ["properties": ["x": false]], ["x": 1], ["x: no value is allowed here"]),
        ValidationCase("false for an absent property", ["properties": ["x": false]], ["y": 1]),
        ValidationCase(
            "a schema that is not an object", 5, "a", ["data: the schema here is integer, not an object or a boolean"]
        ),
    ]

    @Test(arguments: typeCases + valueCases)
    func typesAndValues(_ testCase: ValidationCase) {
        let violations = JSONSchemaValidator().validate(testCase.value, against: testCase.schema)
        #expect(violations.map(\.description) == testCase.expected)
    }

    @Test(arguments: numberCases + stringCases)
    func numbersAndStrings(_ testCase: ValidationCase) {
        let violations = JSONSchemaValidator().validate(testCase.value, against: testCase.schema)
        #expect(violations.map(\.description) == testCase.expected)
    }

    @Test(arguments: arrayCases + objectCases)
    func arraysAndObjects(_ testCase: ValidationCase) {
        let violations = JSONSchemaValidator().validate(testCase.value, against: testCase.schema)
        #expect(violations.map(\.description) == testCase.expected)
    }

    @Test(arguments: combinatorCases)
    func combinatorsAndBooleanSchemas(_ testCase: ValidationCase) {
        let violations = JSONSchemaValidator().validate(testCase.value, against: testCase.schema)
        #expect(violations.map(\.description) == testCase.expected)
        #expect(JSONSchemaValidator().isValid(testCase.value, against: testCase.schema) == testCase.expected.isEmpty)
    }

    @Test func pathsOfNestedObjectsAndArrays() {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "position": ["type": "object", "properties": ["x": ["type": "integer"], "y": ["type": "integer"]]],
                "moves": [
                    "type": "array",
                    "items": ["type": "object", "properties": ["to": ["type": "string"]], "required": ["to"]],
                ],
            ],
        ]
        let value: JSONValue = ["position": ["x": "a", "y": 1], "moves": [["to": "a"], ["to": "b"], [:], ["to": 3]]]
        let violations = JSONSchemaValidator().validate(value, against: schema)
        #expect(
            violations == [
                SchemaViolation(path: "position.x", message: "must be an integer, not string"),
                SchemaViolation(path: "moves[2]", message: "missing required property \"to\""),
                SchemaViolation(path: "moves[3].to", message: "must be a string, not integer"),
            ]
        )
    }

    @Test(arguments: [(1, 1), (3, 3), (10, 10), (0, 1), (50, 20)])
    func stopsAfterMaximumViolations(limit: Int, expected: Int) {
        let schema: JSONValue = ["type": "array", "items": ["type": "integer"]]
        let value = JSONValue.array(Array(repeating: "x", count: 20))
        let violations = JSONSchemaValidator(maximumViolations: limit).validate(value, against: schema)
        #expect(violations.count == expected)
        #expect(violations.first?.path == "data[0]")
    }

    @Test func violationDescriptionJoinsPathAndMessage() {
        let violation = SchemaViolation(path: "row", message: "5 is above the maximum 2")
        #expect(violation.description == "row: 5 is above the maximum 2")
    }

    @Test func patternsAreSafeToUseFromManyTasks() async {
        let schema: JSONValue = ["type": "string", "pattern": "^[a-c]+[0-9]{2}$"]
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let value: JSONValue = index.isMultiple(of: 2) ? "abc12" : "abc1"
                    return JSONSchemaValidator().isValid(value, against: schema) == index.isMultiple(of: 2)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }
}
