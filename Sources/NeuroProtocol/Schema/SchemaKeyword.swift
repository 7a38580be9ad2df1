/// The JSON Schema keywords the validator acts on.
///
/// Recognising a keyword costs a switch on its length and a byte or two, then one comparison,
/// instead of comparing it with every keyword's name in turn: schemas are walked for every
/// action Neuro sends, and most of their keys (`description`, `title`) are not keywords at all.
enum SchemaKeyword: CaseIterable {
    case type, `enum`, const
    case allOf, anyOf, oneOf, not
    case minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf
    case minLength, maxLength, pattern
    case items, prefixItems, minItems, maxItems, uniqueItems
    case properties, required, additionalProperties, minProperties, maxProperties

    /// The keyword spelled `name`, or `nil` when `name` is not one the validator acts on.
    init?(_ name: String) {
        let utf8 = name.utf8
        var bytes = utf8.makeIterator()
        guard let first = bytes.next() else { return nil }
        let second = bytes.next() ?? 0
        let candidate: SchemaKeyword
        switch (utf8.count, first) {
        case (3, UInt8(ascii: "n")): candidate = .not
        case (4, UInt8(ascii: "t")): candidate = .type
        case (4, UInt8(ascii: "e")): candidate = .enum
        case (5, UInt8(ascii: "c")): candidate = .const
        case (5, UInt8(ascii: "a")): candidate = second == UInt8(ascii: "l") ? .allOf : .anyOf
        case (5, UInt8(ascii: "o")): candidate = .oneOf
        case (5, UInt8(ascii: "i")): candidate = .items
        case (7, UInt8(ascii: "m")): candidate = second == UInt8(ascii: "i") ? .minimum : .maximum
        case (7, UInt8(ascii: "p")): candidate = .pattern
        case (8, UInt8(ascii: "m")): candidate = second == UInt8(ascii: "i") ? .minItems : .maxItems
        case (8, UInt8(ascii: "r")): candidate = .required
        case (9, UInt8(ascii: "m")): candidate = second == UInt8(ascii: "i") ? .minLength : .maxLength
        case (10, UInt8(ascii: "m")): candidate = .multipleOf
        case (10, UInt8(ascii: "p")): candidate = .properties
        case (11, UInt8(ascii: "p")): candidate = .prefixItems
        case (11, UInt8(ascii: "u")): candidate = .uniqueItems
        case (13, UInt8(ascii: "m")): candidate = second == UInt8(ascii: "i") ? .minProperties : .maxProperties
        case (16, UInt8(ascii: "e")):
            let isMinimum = utf8[utf8.index(utf8.startIndex, offsetBy: 10)] == UInt8(ascii: "i")
            candidate = isMinimum ? .exclusiveMinimum : .exclusiveMaximum
        case (20, UInt8(ascii: "a")): candidate = .additionalProperties
        default: return nil
        }
        guard name == candidate.name else { return nil }
        self = candidate
    }

    /// The keyword as it is spelled in schemas.
    var name: String {
        switch self {
        case .type: "type"
        case .enum: "enum"
        case .const: "const"
        case .allOf: "allOf"
        case .anyOf: "anyOf"
        case .oneOf: "oneOf"
        case .not: "not"
        case .minimum: "minimum"
        case .maximum: "maximum"
        case .exclusiveMinimum: "exclusiveMinimum"
        case .exclusiveMaximum: "exclusiveMaximum"
        case .multipleOf: "multipleOf"
        case .minLength: "minLength"
        case .maxLength: "maxLength"
        case .pattern: "pattern"
        case .items: "items"
        case .prefixItems: "prefixItems"
        case .minItems: "minItems"
        case .maxItems: "maxItems"
        case .uniqueItems: "uniqueItems"
        case .properties: "properties"
        case .required: "required"
        case .additionalProperties: "additionalProperties"
        case .minProperties: "minProperties"
        case .maxProperties: "maxProperties"
        }
    }
}
