import NeuroProtocol

/// What a replay found: every divergence, and how far each recorded connection got.
package struct ReplayReport: Sendable, Hashable {
    /// How a recorded connection's replay ended.
    package enum Outcome: String, Sendable, Hashable {
        /// Every step up to Neuro's last one was replayed and every frame matched.
        case completed
        /// A frame did not match (or did not come); the connection was not replayed further.
        case diverged
        /// No game with the title connected for it.
        case notConnected
        /// The replay stopped (`--duration`) before the connection was done.
        case unfinished
    }

    /// One recorded connection's replay.
    package struct Connection: Sendable, Hashable {
        /// The game's title.
        package var game: String
        /// The recorded connection's number.
        package var recordedConnection: Int
        /// How many of the game's frames the recording has up to Neuro's last step.
        package var expectedFrames: Int
        /// How many of them matched.
        package var matchedFrames: Int
        /// How it ended.
        package var outcome: Outcome
    }

    /// Every divergence, in the order found.
    package var divergences: [ReplayDivergence]
    /// Every recorded connection, in recording order.
    package var connections: [Connection]

    /// Whether nothing diverged.
    package var isClean: Bool { divergences.isEmpty }

    /// The report as JSON: `divergenceCount`, `divergences`, `connections`.
    package var jsonValue: JSONValue {
        let connections: [JSONValue] = connections.map { connection in
            [
                "game": .string(connection.game), "recordedConnection": .integer(Int64(connection.recordedConnection)),
                "expectedFrames": .integer(Int64(connection.expectedFrames)),
                "matchedFrames": .integer(Int64(connection.matchedFrames)), "outcome": .string(connection.outcome.rawValue),
            ]
        }
        return [
            "divergenceCount": .integer(Int64(divergences.count)), "divergences": .array(divergences.map(\.jsonValue)),
            "connections": .array(connections),
        ]
    }
}
