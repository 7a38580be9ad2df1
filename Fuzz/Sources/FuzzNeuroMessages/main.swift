import Foundation
import NeuroProtocol
import NeuroTesting

/// Schemas the fuzzed action data is validated against. Built per call: LeakSanitizer reports
/// a lazily initialised global as a leak.
func makeSchemas() -> [JSONValue] {
    [
        [
            "type": "object",
            "properties": [
                "row": ["type": "integer", "minimum": 1, "maximum": 3],
                "column": ["type": "integer", "minimum": 1, "maximum": 3],
            ],
            "required": ["row", "column"],
        ],
        [
            "type": "object",
            "properties": [
                "word": ["type": "string", "minLength": 3, "maxLength": 12, "pattern": "^[A-Za-z]+$"],
                "letters": ["type": "array", "items": ["enum": ["a", "b", "c"]], "uniqueItems": true, "maxItems": 3],
                "amount": ["type": "number", "exclusiveMinimum": 0, "multipleOf": 0.5],
            ],
        ],
    ]
}

/// Every input is, in turn: a frame from Neuro, a frame from a game, and action data; when it
/// parses as JSON it is also used as a schema. Nothing may crash; decoded values must encode.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzNeuroMessages(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = UnsafeBufferPointer(start: start, count: count)
    let text = String(decoding: bytes, as: UTF8.self)
    let schemas = makeSchemas()

    if let command = try? NeuroCommand.decode(text) {
        let again = try? NeuroCommand.decode(command.encoded())
        precondition(again == command, "a decoded Neuro command must survive encoding")
        if case .action(let action) = command {
            for schema in schemas { _ = try? action.validatedData(against: schema) }
        }
    }
    if let (game, command) = try? GameCommand.decode(text) {
        let again = try? GameCommand.decode(command.encoded(game: game))
        precondition(again?.command == command, "a decoded game command must survive encoding")
        if case .registerActions(let actions) = command {
            for action in actions { _ = try? action.validate() }
        }
    }
    let action = NeuroAction(id: "fuzz", name: "fuzz", data: text)
    for schema in schemas { _ = try? action.validatedData(against: schema) }
    if let value = try? JSONParser().parse(bytes) {
        precondition((try? JSONParser().parse(JSONWriter.string(from: value))) == value, "JSON must round-trip")
        let validator = JSONSchemaValidator()
        for sample in [JSONValue(["row": 1, "column": 2]), "x", 3, [1, 2]] {
            _ = validator.validate(sample, against: value)
        }
        _ = SchemaWarning.discouragedKeywords(in: value)
        var random = SeededRandomNumberGenerator(seed: UInt64(count))
        let generator = SchemaDataGenerator()
        let generated = generator.generate(for: value, using: &random)
        _ = validator.validate(generated, against: value)
    }
    return 0
}

/// libFuzzer's driver, which runs `callback` on every input and handles the command line.
@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

// SwiftPM makes this file's top-level code the program's entry point, so it hands over to
// libFuzzer's driver rather than relying on libFuzzer's own `main`.
var argumentCount = CommandLine.argc
var arguments = CommandLine.unsafeArgv
exit(llvmFuzzerRunDriver(&argumentCount, &arguments) { fuzzNeuroMessages($0, $1) })
