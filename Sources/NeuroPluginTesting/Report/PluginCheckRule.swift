import NeuroSim

/// What a ``PluginCheckViolation`` is about: one of NeuroSim's diagnostics, under its stable id
/// (`mentionsUnregisteredAction`, `duplicateResult`, …), or one of the checks the kit makes
/// itself (``argumentsRejectSchemaData``, ``refusalChangedGame``, …).
///
/// The raw value is the id; NeuroSim's ids and the kit's never collide.
///
/// ```swift
/// #expect(!report.violations.contains { $0.rule == .argumentsRejectSchemaData })
/// #expect(report.violations(of: PluginCheckRule(.mentionsUnregisteredAction)).isEmpty)
/// ```
public struct PluginCheckRule: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The rule's stable id.
    public var rawValue: String

    /// A rule by its id.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// One of NeuroSim's diagnostics.
    public init(_ rule: ConformanceRule) {
        rawValue = rule.rawValue
    }

    /// The rule's stable id (its raw value).
    public var id: String { rawValue }

    /// The NeuroSim diagnostic this rule is, or `nil` for one of the kit's own checks.
    public var conformanceRule: ConformanceRule? { ConformanceRule(rawValue: rawValue) }

    public var description: String { rawValue }

    // MARK: The kit's own checks

    /// Data generated from an action's schema (valid data, as Neuro may send it) does not
    /// decode into the action's `Arguments` type: the rule refused it with "cannot use this
    /// data". The hand-written schema and the Swift type disagree.
    public static let argumentsRejectSchemaData = PluginCheckRule(rawValue: "argumentsRejectSchemaData")

    /// A move was refused but the game changed. The default `perform(_:validatedData:)` keeps
    /// nothing of a refused move; a plugin that replaces it must do the same (a session throws
    /// the change away, but every other caller of `perform` keeps it).
    public static let refusalChangedGame = PluginCheckRule(rawValue: "refusalChangedGame")

    /// An action NeuroSim sent with bad data on purpose (not JSON, off the schema, an unknown
    /// name) was answered with success.
    public static let badDataAccepted = PluginCheckRule(rawValue: "badDataAccepted")

    /// A context message names in backticks an action the game never has: no action of its
    /// `allActions`, as named on the wire. (NeuroSim's `mentionsUnregisteredAction` covers force
    /// queries, force states and result messages, against what is registered at that moment.)
    public static let contextNamesUnknownAction = PluginCheckRule(rawValue: "contextNamesUnknownAction")

    /// After the dropped connection, the next one did not resume the game: `startup` first,
    /// every action the game offers registered again, its force sent again.
    public static let incompleteResume = PluginCheckRule(rawValue: "incompleteResume")

    /// The game could not be saved (encoded) or the save could not be read back (decoded).
    public static let savedGameUnreadable = PluginCheckRule(rawValue: "savedGameUnreadable")

    /// The game read back from its save is not the game that was saved: it encodes
    /// differently, or offers other actions, forces otherwise, or shows another status.
    public static let restoredGameDiffers = PluginCheckRule(rawValue: "restoredGameDiffers")

    /// Replaying the actions the game accepted on the wire, in order, on a copy of the game
    /// gives another answer or another game: its rules depend on something besides its value
    /// and the data (an unseeded random number, the clock, a global).
    public static let replayDiffers = PluginCheckRule(rawValue: "replayDiffers")

    /// The game's session ended with an error: a rule threw something other than
    /// `GameRefusal` (a broken game), or the connection failed without the kit dropping it.
    public static let gameFailed = PluginCheckRule(rawValue: "gameFailed")

    /// The kit's own checks, in the order of the documentation.
    public static let kitRules: [PluginCheckRule] = [
        .argumentsRejectSchemaData, .refusalChangedGame, .badDataAccepted, .contextNamesUnknownAction,
        .incompleteResume, .savedGameUnreadable, .restoredGameDiffers, .replayDiffers, .gameFailed,
    ]
}
