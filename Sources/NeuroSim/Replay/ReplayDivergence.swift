import NeuroProtocol

/// Where a game, replayed, did not do what the recording says: which game, which of its frames
/// on the connection, what the recording has and what came.
public struct ReplayDivergence: Sendable, Hashable, CustomStringConvertible {
    /// The game's title.
    public var game: String
    /// The recorded connection's number.
    public var recordedConnection: Int
    /// The game's frame on the connection, from 1; `0` for a connection that never came.
    public var frame: Int
    /// What the recording has (a frame's text, or a description in angle brackets).
    public var expected: String
    /// What came instead.
    public var got: String

    /// Creates a divergence.
    public init(game: String, recordedConnection: Int, frame: Int, expected: String, got: String) {
        self.game = game
        self.recordedConnection = recordedConnection
        self.frame = frame
        self.expected = expected
        self.got = got
    }

    /// One line: `game "Tic Tac Toe" (recorded connection 2), frame 5: expected … got …`.
    public var description: String {
        "game \"\(game)\" (recorded connection \(recordedConnection)), frame \(frame): expected \(expected) got \(got)"
    }

    /// The divergence as a JSON object (keys `game`, `recordedConnection`, `frame`, `expected`, `got`).
    public var jsonValue: JSONValue {
        [
            "game": .string(game), "recordedConnection": .integer(Int64(recordedConnection)),
            "frame": .integer(Int64(frame)), "expected": .string(expected), "got": .string(got),
        ]
    }
}
