import NeuroProtocol
import NeuroTesting
import Testing

/// Deep schemas and data must end in a violation or a value, never a stack overflow.
@Suite struct SchemaDeepNestingTests {
    /// `{"type":"object","properties":{"a":…}}`, `levels` deep.
    static func nestedObjectSchema(levels: Int) -> JSONValue {
        var schema: JSONValue = ["type": "integer"]
        for _ in 0..<levels { schema = ["type": "object", "properties": ["a": schema], "required": ["a"]] }
        return schema
    }

    /// `{"a":{"a":…1}}`, `levels` deep.
    static func nestedObject(levels: Int) -> JSONValue {
        var value: JSONValue = 1
        for _ in 0..<levels { value = ["a": value] }
        return value
    }

    @Test func aSchemaThousandsOfLevelsDeepIsReportedNotFollowed() {
        let schema = Self.nestedObjectSchema(levels: 1_000)
        let violations = JSONSchemaValidator().validate(Self.nestedObject(levels: 400), against: schema)
        #expect(violations.count == 1)
        #expect(violations.first?.message == "the schema nests deeper than 256 levels")
        #expect(violations.first?.path == Array(repeating: "a", count: 256).joined(separator: "."))
    }

    @Test(arguments: ["not", "allOf", "anyOf", "oneOf"])
    func deepCombinatorChainsAreBounded(keyword: String) {
        var schema: JSONValue = ["type": "integer"]
        for _ in 0..<1_000 {
            schema = keyword == "not" ? ["not": schema] : .object([keyword: [schema]])
        }
        let violations = JSONSchemaValidator().validate(1, against: schema)
        #expect(violations.count == 1)
    }

    @Test func dataNested400LevelsAgainstAShallowSchema() throws {
        let text = String(repeating: "[", count: 400) + String(repeating: "]", count: 400)
        let value = try JSONParser().parse(text)
        let schema: JSONValue = ["type": "array", "items": ["type": "array", "maxItems": 1]]
        #expect(JSONSchemaValidator().validate(value, against: schema).isEmpty)
        #expect(JSONSchemaValidator().validate(value, against: ["type": "array", "items": ["type": "object"]]).count == 1)
    }

    @Test func dataAndSchema400LevelsDeepWithARaisedLimit() {
        let validator = JSONSchemaValidator(maximumDepth: 1_000)
        let schema = Self.nestedObjectSchema(levels: 400)
        #expect(validator.validate(Self.nestedObject(levels: 400), against: schema).isEmpty)
        let violations = validator.validate(Self.nestedObject(levels: 399), against: schema)
        #expect(violations.map(\.message) == ["must be an object, not integer"])
    }

    @Test func generatingForADeepSchemaEndsWithAValue() {
        var random = SeededRandomNumberGenerator(seed: 1)
        let generator = SchemaDataGenerator()
        let schema = Self.nestedObjectSchema(levels: 1_000)
        let value = generator.generate(for: schema, using: &random)
        #expect(value.objectValue != nil)
        #expect(generator.generateInvalid(for: schema, using: &random) != nil)
    }
}

/// Extreme numbers in schemas end in a violation or a value, never a trap or a huge allocation.
@Suite struct SchemaExtremeValueTests {
    static let schemas: [JSONValue] = [
        ["type": "string", "minLength": 9_223_372_036_854_775_807],
        ["type": "string", "maxLength": 9_223_372_036_854_775_807],
        ["type": "array", "minItems": 9_223_372_036_854_775_807],
        ["type": "integer", "minimum": 9_223_372_036_854_775_807, "multipleOf": 1e300],
        ["type": "integer", "multipleOf": 9_223_372_036_854_775_807],
        ["type": "number", "minimum": -1e308, "maximum": 1e308],
        ["type": "object", "minProperties": 9_223_372_036_854_775_807],
        ["type": "string", "pattern": "((a{1000}){1000}){1000}"],
        ["type": "integer", "minimum": 10, "maximum": 1],
    ]

    @Test(arguments: schemas)
    func generatingAndValidatingDoNotTrap(schema: JSONValue) {
        var random = SeededRandomNumberGenerator(seed: 11)
        let generator = SchemaDataGenerator()
        let value = generator.generate(for: schema, using: &random)
        _ = JSONSchemaValidator().validate(value, against: schema)
        if let invalid = generator.generateInvalid(for: schema, using: &random) {
            #expect(!JSONSchemaValidator().validate(invalid, against: schema).isEmpty)
        }
    }

    @Test func aHugeMinimumLengthIsAViolation() {
        let violations = JSONSchemaValidator().validate("abc", against: ["minLength": 9_223_372_036_854_775_807])
        #expect(violations.map(\.message) == ["\"abc\" is shorter than 9223372036854775807 characters"])
    }
}
