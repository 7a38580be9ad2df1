import NeuroProtocol
import NeuroTesting
import Testing

/// A named schema for the generator's property tests.
struct GeneratorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var schema: JSONValue
    var testDescription: String { name }

    init(_ name: String, _ schema: JSONValue) {
        self.name = name
        self.schema = schema
    }
}

@Suite struct SchemaDataGeneratorTests {
    static let seeds: Range<UInt64> = 0..<200

    /// Schemas covering every keyword the generator supports.
    static let corpus: [GeneratorCase] = [
        GeneratorCase(
            "tic-tac-toe cell",
            [
                "type": "object",
                "properties": [
                    "row": ["type": "integer", "minimum": 0, "maximum": 2],
                    "column": ["type": "integer", "minimum": 0, "maximum": 2],
                ],
                "required": ["row", "column"],
            ]
        ),
        GeneratorCase(
            "direction enum",
            [
                "type": "object", "properties": ["direction": ["type": "string", "enum": ["north", "south", "east", "west"]]],
                "required": ["direction"],
            ]
        ),
        GeneratorCase(
            "const and null",
            [
                "type": "object", "properties": ["kind": ["const": "move"], "nothing": ["type": "null"]],
                "required": ["kind", "nothing"],
            ]
        ),
        GeneratorCase(
            "string lengths",
            ["type": "object", "properties": ["word": ["type": "string", "minLength": 3, "maxLength": 5]], "required": ["word"]]
        ),
        GeneratorCase(
            "chess squares",
            [
                "type": "object",
                "properties": [
                    "from": ["type": "string", "pattern": "^[a-h][1-8]$"], "to": ["type": "string", "pattern": "^[a-h][1-8]$"],
                ],
                "required": ["from", "to"],
            ]
        ),
        GeneratorCase(
            "pattern with groups and quantifiers",
            [
                "type": "object",
                "properties": [
                    "command": ["type": "string", "pattern": #"^(up|down|left|right)-\d{1,3}$"#, "maxLength": 9],
                    "code": ["type": "string", "pattern": #"^[A-Z]{2}(?:_[0-9a-f]+)?\.x*$"#],
                    "free": ["type": "string", "pattern": #"[^,\s]\w+"#, "minLength": 2],
                ],
                "required": ["command", "code", "free"],
            ]
        ),
        GeneratorCase(
            // Longer than the default length for random letters: only the pattern's own string fits.
            "a pattern that needs a long string and no maxLength",
            ["type": "object", "properties": ["code": ["type": "string", "pattern": "^[A-Z]{24}$"]], "required": ["code"]]
        ),
        GeneratorCase(
            "integer exclusive bounds and multipleOf",
            [
                "type": "object",
                "properties": ["bet": ["type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 100, "multipleOf": 5]],
                "required": ["bet"],
            ]
        ),
        GeneratorCase(
            "number bounds and decimal multipleOf",
            [
                "type": "object",
                "properties": [
                    "volume": ["type": "number", "minimum": 0.5, "maximum": 10, "multipleOf": 0.25],
                    "angle": ["type": "number", "exclusiveMinimum": -1, "exclusiveMaximum": 1],
                    "tiny": ["type": "number", "exclusiveMinimum": 0, "maximum": 0.001],
                ],
                "required": ["volume", "angle", "tiny"],
            ]
        ),
        GeneratorCase(
            "booleans and type lists",
            [
                "type": "object",
                "properties": [
                    "flag": ["type": "boolean"], "note": ["type": ["string", "null"]], "count": ["type": ["integer", "boolean"]],
                ],
                "required": ["flag", "note", "count"],
            ]
        ),
        GeneratorCase(
            "unique items from an enum",
            [
                "type": "object",
                "properties": [
                    "cards": [
                        "type": "array", "items": ["enum": ["A", "K", "Q", "J", "10"]], "minItems": 2, "maxItems": 4,
                        "uniqueItems": true,
                    ]
                ],
                "required": ["cards"],
            ]
        ),
        GeneratorCase(
            "prefixItems closed by items false",
            [
                "type": "object",
                "properties": [
                    "pair": [
                        "type": "array", "prefixItems": [["type": "string"], ["type": "integer"]], "items": false, "minItems": 1,
                    ]
                ],
                "required": ["pair"],
            ]
        ),
        GeneratorCase(
            "tuple form of items",
            ["type": "object", "properties": ["xy": ["items": [["type": "integer"], ["type": "integer"]], "maxItems": 2]]]
        ),
        GeneratorCase(
            "closed object with property counts",
            [
                "type": "object",
                "properties": [
                    "a": ["type": "integer"], "b": ["type": "string"], "c": ["type": "boolean"], "d": ["type": "null"],
                ],
                "additionalProperties": false, "minProperties": 2, "maxProperties": 3,
            ]
        ),
        GeneratorCase(
            "additionalProperties schema with a minimum count",
            ["type": "object", "additionalProperties": ["type": "integer", "minimum": 1], "minProperties": 3]
        ),
        GeneratorCase(
            "anyOf",
            [
                "type": "object",
                "properties": [
                    "target": [
                        "anyOf": [
                            ["type": "string", "enum": ["self", "all"]], ["type": "integer", "minimum": 1, "maximum": 4],
                        ]
                    ]
                ],
                "required": ["target"],
            ]
        ),
        GeneratorCase(
            "oneOf with overlapping branches",
            [
                "type": "object",
                "properties": [
                    "amount": ["oneOf": [["type": "integer", "maximum": 10], ["type": "integer", "minimum": 5, "maximum": 20]]]
                ],
                "required": ["amount"],
            ]
        ),
        GeneratorCase(
            "allOf merged",
            [
                "type": "object",
                "allOf": [
                    ["properties": ["x": ["type": "integer", "minimum": 3]], "required": ["x"]],
                    ["properties": ["x": ["maximum": 7], "y": ["type": "string"]], "required": ["y"]],
                ],
            ]
        ),
        GeneratorCase(
            "not",
            [
                "type": "object", "properties": ["n": ["type": "integer", "minimum": 0, "maximum": 3, "not": ["const": 2]]],
                "required": ["n"],
            ]
        ),
        GeneratorCase(
            "nested arrays of objects",
            [
                "type": "object",
                "properties": [
                    "moves": [
                        "type": "array", "minItems": 1, "maxItems": 3,
                        "items": [
                            "type": "object",
                            "properties": [
                                "position": [
                                    "type": "object",
                                    "properties": [
                                        "x": ["type": "integer", "minimum": -5, "maximum": 5], "y": ["type": "integer"],
                                    ],
                                    "required": ["x", "y"],
                                ],
                                "label": ["type": "string", "maxLength": 0],
                            ],
                            "required": ["position"],
                        ],
                    ]
                ],
                "required": ["moves"],
            ]
        ),
        GeneratorCase(
            "boolean subschemas and untyped keywords",
            [
                "type": "object",
                "properties": ["anything": true, "never": false, "size": ["minimum": 10], "text": ["maxLength": 2]],
                "required": ["anything", "size", "text"],
            ]
        ),
        GeneratorCase(
            "unique objects",
            [
                "type": "array", "items": ["type": "object", "properties": ["v": ["enum": [1, 2, 3]]], "required": ["v"]],
                "uniqueItems": true, "minItems": 3,
            ]
        ),
    ]

    @Test(arguments: corpus)
    func generatedDataAlwaysValidates(_ testCase: GeneratorCase) {
        let generator = SchemaDataGenerator()
        let validator = JSONSchemaValidator()
        for seed in Self.seeds {
            var random = SeededRandomNumberGenerator(seed: seed)
            let value = generator.generate(for: testCase.schema, using: &random)
            let violations = validator.validate(value, against: testCase.schema)
            #expect(violations.isEmpty, "seed \(seed): \(value) → \(violations)")
            if !violations.isEmpty { return }
        }
    }

    @Test(arguments: corpus)
    func generatedInvalidDataAlwaysFails(_ testCase: GeneratorCase) {
        let generator = SchemaDataGenerator()
        let validator = JSONSchemaValidator()
        for seed in Self.seeds {
            var random = SeededRandomNumberGenerator(seed: seed)
            guard let invalid = generator.generateInvalid(for: testCase.schema, using: &random) else {
                Issue.record("seed \(seed): no invalid value")
                return
            }
            #expect(!validator.validate(invalid, against: testCase.schema).isEmpty, "seed \(seed): \(invalid) is valid")
        }
    }

    @Test func optionalPropertiesVaryAcrossSeeds() {
        let schema: JSONValue = ["type": "object", "properties": ["a": ["type": "integer"], "b": ["type": "integer"]]]
        var shapes: Set<Int> = []
        for seed in Self.seeds {
            var random = SeededRandomNumberGenerator(seed: seed)
            shapes.insert(SchemaDataGenerator().generate(for: schema, using: &random).objectValue?.count ?? -1)
        }
        #expect(shapes == [0, 1, 2])
    }

    @Test func invalidDataCoversSeveralFaults() {
        let schema = Self.corpus[0].schema
        var messages: Set<String> = []
        for seed in Self.seeds {
            var random = SeededRandomNumberGenerator(seed: seed)
            guard let value = SchemaDataGenerator().generateInvalid(for: schema, using: &random) else { continue }
            for violation in JSONSchemaValidator().validate(value, against: schema) {
                messages.insert(violation.message.split(separator: " ").prefix(2).joined(separator: " "))
            }
        }
        // A wrong type, a missing property, and out-of-range values at least.
        #expect(messages.count >= 3, "\(messages)")
        #expect(messages.contains("missing required"))
    }

    static let permissiveness: [(schema: JSONValue, hasInvalid: Bool)] = [
        (true, false), ([:], false), (false, true), (["description": "x"], false), (["type": "object"], true),
    ]

    @Test(arguments: permissiveness)
    func invalidDataExistsOnlyForRestrictiveSchemas(schema: JSONValue, hasInvalid: Bool) {
        var random = SeededRandomNumberGenerator(seed: 3)
        #expect((SchemaDataGenerator().generateInvalid(for: schema, using: &random) != nil) == hasInvalid)
    }

    @Test func generationIsReproducibleFromASeed() {
        let schema = Self.corpus[18].schema
        var first = SeededRandomNumberGenerator(seed: 99)
        var second = SeededRandomNumberGenerator(seed: 99)
        let generator = SchemaDataGenerator()
        #expect(generator.generate(for: schema, using: &first) == generator.generate(for: schema, using: &second))
    }

    @Test func generateDataWritesCompactJSONForAnAction() throws {
        var random = SeededRandomNumberGenerator(seed: 5)
        let generator = SchemaDataGenerator()
        let withoutSchema = Action(name: "wave", description: "Wave.")
        #expect(generator.generateData(for: withoutSchema, using: &random) == nil)

        let move = Action(name: "move", description: "Move.", schema: Self.corpus[1].schema)
        let text = try #require(generator.generateData(for: move, using: &random))
        #expect(!text.contains(" "))
        let action = NeuroAction(id: "1", name: "move", data: text)
        let value = try action.validatedData(against: move.schema)
        #expect(value?["direction"]?.stringValue != nil)
    }
}
