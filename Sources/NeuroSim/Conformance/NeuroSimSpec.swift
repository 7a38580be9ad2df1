import NeuroProtocol

/// The dated version of the Neuro game API that NeuroSim checks a game against: the rules in
/// force on that day.
///
/// The rules that changed over time follow it:
/// - since 2026-07-01 Neuro acknowledges `startup` (``acknowledgesStartup``);
/// - since 2026-08-20 registering a registered name replaces its definition
///   (``replacesRegistrations``): before, it was the error ``ConformanceRule/duplicateRegistration``;
///   since, a changed re-registration is legal and an identical one is the performance
///   diagnostic ``ConformanceRule/identicalReregistration``;
/// - since 2026-08-20 Neuro sends `speech_finished` (``hasSpeechFinished``);
/// - since 2026-08-21 an action's result times out after about 20 s instead of 30 s
///   (``resultTimeout``), and a successful result should carry a message saying what changed
///   (``expectsSuccessMessages``): one without is the warning
///   ``ConformanceRule/successWithoutMessage``.
///
/// ```swift
/// let spec = try NeuroSimSpec(parsing: "2026-08-21")
/// spec == .newest  // true
/// ```
public struct NeuroSimSpec: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, e.g. 2026.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int

    /// The startup acknowledgement (`{"command":"startup","data":{"session":…}}`).
    public static let july2026 = NeuroSimSpec(uncheckedYear: 2026, month: 7, day: 1)
    /// Re-registration replaces, `speech_finished`, unknown commands ignored.
    public static let august2026 = NeuroSimSpec(uncheckedYear: 2026, month: 8, day: 20)
    /// The result timeout of about 20 s, and a message on every successful result.
    public static let lateAugust2026 = NeuroSimSpec(uncheckedYear: 2026, month: 8, day: 21)
    /// The newest version NeuroSim knows, its default.
    public static let newest = lateAugust2026

    /// Reads a version written `YYYY-MM-DD`, e.g. `2026-08-20`.
    /// - Throws: `NeuroError` with `NeuroError/Code/invalidSpec` when the
    ///   text is not such a date.
    public init(parsing text: String) throws(NeuroError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, of: year)
        else {
            throw NeuroError(
                code: .invalidSpec, message: "\"\(text)\" is not a protocol version: write it YYYY-MM-DD, e.g. 2026-08-21")
        }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether Neuro answers `startup` with an acknowledgement (since 2026-07-01).
    public var acknowledgesStartup: Bool { self >= .july2026 }
    /// Whether registering a registered name replaces its definition (since 2026-08-20).
    public var replacesRegistrations: Bool { self >= .august2026 }
    /// Whether Neuro sends `speech_finished` (since 2026-08-20).
    public var hasSpeechFinished: Bool { self >= .august2026 }
    /// Whether a successful result should carry a message saying what changed (since
    /// 2026-08-21): one without is ``ConformanceRule/successWithoutMessage``.
    public var expectsSuccessMessages: Bool { self >= .lateAugust2026 }
    /// How long the real Neuro waits for an action's result: about 20 s since 2026-08-21, about
    /// 30 s before. `neuro-sim` uses it when `--result-timeout` is not given.
    public var resultTimeout: Duration { self >= .lateAugust2026 ? .seconds(20) : .seconds(30) }

    /// `YYYY-MM-DD`.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (lhs: NeuroSimSpec, rhs: NeuroSimSpec) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
