/// Why a text is not the JSON we accept, and where.
///
/// Line and column are 1-based and count bytes of UTF-8, so an editor can jump to the spot.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, in plain words (`expected ',' or '}' after an object member`).
    public var reason: String
    /// The byte offset of the problem, from 0.
    public var offset: Int
    /// The line of the problem, from 1.
    public var line: Int
    /// The column of the problem, from 1.
    public var column: Int

    /// Creates an error at a position.
    public init(reason: String, offset: Int, line: Int, column: Int) {
        self.reason = reason
        self.offset = offset
        self.line = line
        self.column = column
    }

    public var description: String {
        "\(reason) at line \(line), column \(column)"
    }
}
