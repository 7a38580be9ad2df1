/// Checks JSON values against JSON schemas, as games check the data of Neuro's actions.
///
/// It covers the keywords that action schemas use: `type` (a name or a list; `integer`
/// accepts `2.0`, `number` accepts integers), `enum`, `const`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum` (numeric form), `multipleOf`, `minLength` and
/// `maxLength` (counting Unicode scalars, as JSON Schema counts code points), `pattern`
/// (unanchored, see below), `properties`, `required`, `additionalProperties` (`false` or a
/// schema), `minProperties`, `maxProperties`, `items` (a schema, or an array as the older
/// tuple form), `prefixItems`, `minItems`, `maxItems`, `uniqueItems`, `not`, `anyOf`, `oneOf`,
/// `allOf`, and the boolean schemas `true` and `false`. Other keywords (`description`, `$ref`,
/// `format`, …) are ignored.
///
/// Each ``SchemaViolation`` is short and plain, ready to send back to Neuro:
///
/// ```swift
/// let schema: JSONValue = [
///     "type": "object",
///     "properties": ["row": ["type": "integer", "minimum": 0, "maximum": 2]],
///     "required": ["row"],
/// ]
/// let validator = JSONSchemaValidator()
/// validator.validate(["row": 5], against: schema)  // [row: 5 is above the maximum 2]
/// validator.validate([:], against: schema)         // [data: missing required property "row"]
/// ```
///
/// When a value has the wrong `type` for a schema, only that is reported for the schema: the
/// schema's other keywords would only repeat the problem. Problems in the schema itself (an
/// unknown type name, a pattern that is not a regular expression, a schema nested deeper
/// than ``maximumDepth``) are reported as violations rather than trapping, since a game
/// cannot act on data that it cannot check.
///
/// `pattern` uses ICU regular expressions (through Foundation), which agree with ECMA-262 on
/// the syntax schemas use; compiled patterns are cached process-wide, behind a lock.
///
/// Validation of valid data allocates nothing beyond a small path buffer; messages are only
/// built for violations.
public struct JSONSchemaValidator: Sendable {
    /// Validation stops after this many violations. At least 1.
    public var maximumViolations: Int
    /// The deepest nesting of subschemas followed (through `properties`, `items`, `anyOf`, …).
    ///
    /// Deeper schemas are reported as a violation instead of risking the stack. The default,
    /// 256, is far beyond any schema Neuro can use.
    public var maximumDepth: Int

    /// Creates a validator.
    /// - Parameters:
    ///   - maximumViolations: validation stops after this many violations (at least 1).
    ///   - maximumDepth: the deepest nesting of subschemas followed.
    public init(maximumViolations: Int = 10, maximumDepth: Int = 256) {
        self.maximumViolations = max(1, maximumViolations)
        self.maximumDepth = max(1, maximumDepth)
    }

    /// Checks a value against a schema.
    /// - Parameters:
    ///   - value: the data, e.g. parsed action data.
    ///   - schema: a JSON schema: an object, or `true` or `false`.
    /// - Returns: the violations found, in the order of the schema's keywords, at most
    ///   ``maximumViolations``; empty when the value is valid.
    public func validate(_ value: JSONValue, against schema: JSONValue) -> [SchemaViolation] {
        var run = SchemaValidationRun(limit: max(1, maximumViolations), maximumDepth: maximumDepth)
        run.check(value, against: schema, depth: 0)
        return run.violations
    }

    /// Whether a value matches a schema; stops at the first violation.
    public func isValid(_ value: JSONValue, against schema: JSONValue) -> Bool {
        var run = SchemaValidationRun(limit: 1, maximumDepth: maximumDepth)
        run.check(value, against: schema, depth: 0)
        return run.violations.isEmpty
    }
}
