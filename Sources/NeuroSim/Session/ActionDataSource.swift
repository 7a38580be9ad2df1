import NeuroAPI

/// The one seam through which NeuroSim makes an action's data: valid data for a schema, and
/// deliberately off-schema data for ``NeuroSimConfiguration/badDataShare``.
///
/// Today it is backed by ``InterimSchemaData``; when `SchemaDataGenerator` lands in NeuroAPI,
/// only the two closures of ``standard`` change.
struct ActionDataSource: Sendable {
    /// Valid data for an action: its JSON text, or `nil` for an action without a schema.
    var validData: @Sendable (Action, inout SeededRandomNumberGenerator) -> String?
    /// A value that breaks the schema, or `nil` when no such value can be made.
    var invalidData: @Sendable (JSONValue, inout SeededRandomNumberGenerator) -> JSONValue?

    /// The generator NeuroSim uses.
    static let standard = ActionDataSource(
        validData: { action, random in
            guard let schema = action.schema else { return nil }
            return JSONWriter.string(from: InterimSchemaData.generate(for: schema, using: &random))
        },
        invalidData: { schema, random in InterimSchemaData.generateInvalid(for: schema, using: &random) }
    )
}
