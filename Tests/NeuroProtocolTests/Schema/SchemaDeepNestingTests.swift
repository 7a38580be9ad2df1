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

/// Extreme numbers in schemas end in a violation or a value, never a trap or a huge allocation:
/// what the generator makes for a satisfiable schema validates, what it makes for one no
/// reasonable value satisfies is a violation, and its invalid value is always one.
@Suite struct SchemaExtremeValueTests {
    /// A schema and whether the generator's value for it is valid.
    struct Case: Sendable, CustomTestStringConvertible {
        var schema: JSONValue
        var generatesValidData: Bool
        var testDescription: String { "\(schema)" }
    }

    static let cases: [Case] = [
        // Unsatisfiable in memory: a string, array or object of 2⁶³ − 1 elements.
        Case(schema: ["type": "string", "minLength": 9_223_372_036_854_775_807], generatesValidData: false),
        Case(schema: ["type": "array", "minItems": 9_223_372_036_854_775_807], generatesValidData: false),
        Case(schema: ["type": "object", "minProperties": 9_223_372_036_854_775_807], generatesValidData: false),
        // Unsatisfiable: an empty range.
        Case(schema: ["type": "integer", "minimum": 10, "maximum": 1], generatesValidData: false),
        // Satisfiable at the edges of the number types.
        Case(schema: ["type": "string", "maxLength": 9_223_372_036_854_775_807], generatesValidData: true),
        Case(schema: ["type": "integer", "multipleOf": 9_223_372_036_854_775_807], generatesValidData: true),
        Case(schema: ["type": "number", "minimum": -1e308, "maximum": 1e308], generatesValidData: true),
        // A minimum past Int64 with a step past Double's integers, and a pattern whose shortest
        // match is 10⁹ characters: the generator gives up with a value that is a violation.
        Case(
            schema: ["type": "integer", "minimum": 9_223_372_036_854_775_807, "multipleOf": 1e300],
            generatesValidData: false),
        Case(schema: ["type": "string", "pattern": "((a{1000}){1000}){1000}"], generatesValidData: false),
    ]

    @Test(arguments: cases)
    func generatingAndValidatingDoNotTrap(_ testCase: Case) throws {
        var random = SeededRandomNumberGenerator(seed: 11)
        let generator = SchemaDataGenerator()
        let validator = JSONSchemaValidator()
        let value = generator.generate(for: testCase.schema, using: &random)
        let violations = validator.validate(value, against: testCase.schema)
        #expect(violations.isEmpty == testCase.generatesValidData, "\(value): \(violations)")
        let invalid = try #require(generator.generateInvalid(for: testCase.schema, using: &random))
        #expect(!validator.validate(invalid, against: testCase.schema).isEmpty, "\(invalid) passed")
    }

    @Test func aHugeMinimumLengthIsAViolation() {
        let violations = JSONSchemaValidator().validate("abc", against: ["minLength": 9_223_372_036_854_775_807])
        #expect(violations.map(\.message) == ["\"abc\" is shorter than 9223372036854775807 characters"])
    }
}
