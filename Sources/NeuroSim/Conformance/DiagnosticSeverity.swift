/// How much a ``NeuroSimDiagnostic`` matters.
///
/// Errors and warnings are *violations*: they are listed in ``NeuroSimReport/violations`` and
/// counted in ``NeuroSimReport/violationCount``; only errors close a connection in strict mode
/// (``NeuroSimConfiguration/isStrict``). Performance and info diagnostics are *notes*: counted
/// and listed apart, they never fail a run.
public enum DiagnosticSeverity: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// The game breaks the protocol: Neuro ignores the message, or the game and Neuro disagree
    /// on what is registered, forced or answered.
    case error
    /// Legal on the wire but most likely a bug: Neuro will misbehave or be misled.
    case warning
    /// Works, but slows Neuro down (a late message, a useless one).
    case performance
    /// A matter of style or a harmless no-op.
    case info

    /// Whether diagnostics of this severity are violations (errors and warnings).
    public var isViolation: Bool { self == .error || self == .warning }

    public var description: String { rawValue }

    /// Errors first: `error < warning < performance < info`.
    public static func < (lhs: DiagnosticSeverity, rhs: DiagnosticSeverity) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
