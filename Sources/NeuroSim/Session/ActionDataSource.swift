import NeuroProtocol
import NeuroTesting

/// The one seam through which NeuroSim makes an action's data: valid data for a schema, and
/// deliberately off-schema data for ``NeuroSimConfiguration/badDataShare``.
///
/// Backed by NeuroTesting's `SchemaDataGenerator`; tests may substitute their own closures.
struct ActionDataSource: Sendable {
    /// Valid data for an action: its JSON text, or `nil` for an action without a schema.
    var validData: @Sendable (Action, inout SeededRandomNumberGenerator) -> String?
    /// A value that breaks the schema, or `nil` when no such value can be made.
    var invalidData: @Sendable (JSONValue, inout SeededRandomNumberGenerator) -> JSONValue?

    /// The generator NeuroSim uses.
    static let standard: ActionDataSource = {
        let generator = SchemaDataGenerator()
        return ActionDataSource(
            validData: { action, random in generator.generateData(for: action, using: &random) },
            invalidData: { schema, random in generator.generateInvalid(for: schema, using: &random) }
        )
    }()
}
