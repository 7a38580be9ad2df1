/// How urgently Neuro should answer a force (`priority` in `actions/force`).
///
/// A closed wire vocabulary with an `unknown` case, so a newer server's value is kept rather
/// than rejected when decoding.
public enum ForcePriority: Sendable, Hashable, CustomStringConvertible {
    /// Neuro answers after she finishes speaking (the default).
    case low
    /// Neuro answers sooner.
    case medium
    /// Neuro answers soon.
    case high
    /// Neuro answers at once, interrupting herself.
    case critical
    /// A value this library does not know.
    case unknown(String)

    /// Creates a priority from its wire value.
    public init(wireValue: String) {
        switch wireValue {
        case "low": self = .low
        case "medium": self = .medium
        case "high": self = .high
        case "critical": self = .critical
        default: self = .unknown(wireValue)
        }
    }

    /// The value sent on the wire.
    public var wireValue: String {
        switch self {
        case .low: return "low"
        case .medium: return "medium"
        case .high: return "high"
        case .critical: return "critical"
        case .unknown(let value): return value
        }
    }

    /// The order in which waiting forces are served: `critical` is 3, `low` is 0.
    public var rank: Int {
        switch self {
        case .low, .unknown: return 0
        case .medium: return 1
        case .high: return 2
        case .critical: return 3
        }
    }

    public var description: String { wireValue }
}
