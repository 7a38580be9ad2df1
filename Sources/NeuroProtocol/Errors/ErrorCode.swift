/// The code of an error, for programs to match on: a name such as `notConnected`, kept as the
/// raw value and shown as it is.
///
/// Each error type's `Code` adopts it and lists its codes as static members, so that other
/// modules can add their own in an extension:
///
/// ```swift
/// extension NeuroError.Code {
///     public static let gameOver = NeuroError.Code("gameOver")
/// }
/// ```
public protocol ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible where RawValue == String {
    /// Creates a code from its name.
    init(rawValue: String)
}

extension ErrorCode {
    /// Creates a code from its name.
    public init(_ name: String) { self.init(rawValue: name) }

    /// The code's name.
    public var description: String { rawValue }
}
