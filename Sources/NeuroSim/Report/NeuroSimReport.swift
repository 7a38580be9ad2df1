import NeuroAPI

/// What a ``NeuroSimulator`` saw: per game, the connections, messages, violations, actions
/// and result latencies. `neuro-sim` writes it as JSON at exit.
public struct NeuroSimReport: Sendable, Hashable {
    /// One game's part of the report: all its connections together.
    public struct Game: Sendable, Hashable {
        /// The game's title (``NeuroSimulator/unidentifiedGame`` for connections that sent none).
        public var title: String
        /// Connections served.
        public var connections: Int
        /// Connections after the first with the same title.
        public var reconnects: Int
        /// The counters over those connections.
        public var statistics: NeuroSimStatistics

        /// Creates a game's report.
        public init(title: String, connections: Int, reconnects: Int, statistics: NeuroSimStatistics) {
            self.title = title
            self.connections = connections
            self.reconnects = reconnects
            self.statistics = statistics
        }
    }

    /// The games, by title.
    public var games: [Game]
    /// The violations, in the order they happened (capped by the configuration).
    public var violations: [NeuroSimViolation]
    /// How many violations there were in all.
    public var violationCount: Int
    /// The seed of the run: the same seed and the same games play the same run again.
    public var seed: UInt64

    /// Creates a report.
    public init(games: [Game], violations: [NeuroSimViolation], violationCount: Int, seed: UInt64 = 0) {
        self.games = games
        self.violations = violations
        self.violationCount = violationCount
        self.seed = seed
    }

    /// The counters over every game.
    public var totals: NeuroSimStatistics {
        games.reduce(into: NeuroSimStatistics()) { $0.merge($1.statistics) }
    }

    /// The report as JSON: `{"seed":"…","totals":…,"games":{title:…},"violationCount":…,"violations":[…]}`.
    /// The seed is a string, since a 64-bit unsigned seed may not fit a JSON reader's integers.
    public var jsonValue: JSONValue {
        var games: JSONObject = [:]
        for game in self.games {
            var object: JSONObject = [
                "connections": .integer(Int64(game.connections)), "reconnects": .integer(Int64(game.reconnects)),
            ]
            if case .object(let statistics) = game.statistics.jsonValue {
                for (key, value) in statistics { object[key] = value }
            }
            games[game.title] = .object(object)
        }
        var totals: JSONObject = [
            "connections": .integer(Int64(self.games.reduce(0) { $0 + $1.connections })),
            "reconnects": .integer(Int64(self.games.reduce(0) { $0 + $1.reconnects })),
        ]
        if case .object(let statistics) = self.totals.jsonValue {
            for (key, value) in statistics { totals[key] = value }
        }
        return [
            "seed": .string(String(seed)),
            "totals": .object(totals),
            "games": .object(games),
            "violationCount": .integer(Int64(violationCount)),
            "violations": .array(violations.map(\.jsonValue)),
        ]
    }

    /// The report's compact JSON text.
    public func encoded() -> String { JSONWriter.string(from: jsonValue) }
}
