import NeuroProtocol

/// Where a game, replayed, did not do what the recording says: which game, which of its frames
/// on the connection, what the recording has and what came (made with the memberwise
/// initializer, inside NeuroSim only).
package struct ReplayDivergence: Sendable, Hashable, CustomStringConvertible {
    /// The game's title.
    package var game: String
    /// The recorded connection's number.
    package var recordedConnection: Int
    /// The game's frame on the connection, from 1; `0` for a connection that never came.
    package var frame: Int
    /// What the recording has (a frame's text, or a description in angle brackets).
    package var expected: String
    /// What came instead.
    package var got: String

    /// One line: `game "Tic Tac Toe" (recorded connection 2), frame 5: expected … got …`.
    package var description: String {
        "game \"\(game)\" (recorded connection \(recordedConnection)), frame \(frame): expected \(expected) got \(got)"
    }

    /// The divergence as a JSON object (keys `game`, `recordedConnection`, `frame`, `expected`, `got`).
    package var jsonValue: JSONValue {
        [
            "game": .string(game), "recordedConnection": .integer(Int64(recordedConnection)),
            "frame": .integer(Int64(frame)), "expected": .string(expected), "got": .string(got),
        ]
    }
}
