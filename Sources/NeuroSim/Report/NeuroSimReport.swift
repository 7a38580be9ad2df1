import NeuroProtocol

/// What a ``NeuroSimulator`` saw: per game, the connections, messages, diagnostics, actions
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
    /// The violations (errors and warnings), in the order they happened (capped by the
    /// configuration, and at 100 of one rule per connection).
    public var violations: [NeuroSimDiagnostic]
    /// The notes (performance and info diagnostics), in the order they happened, capped alike.
    public var notes: [NeuroSimDiagnostic]
    /// The version of the protocol the games were checked against.
    public var spec: NeuroSimSpec
    /// The seed of the run: the same seed and the same games play the same run again.
    public var seed: UInt64

    /// Creates a report.
    public init(
        games: [Game], violations: [NeuroSimDiagnostic], notes: [NeuroSimDiagnostic] = [], spec: NeuroSimSpec = .newest,
        seed: UInt64 = 0
    ) {
        self.games = games
        self.violations = violations
        self.notes = notes
        self.spec = spec
        self.seed = seed
    }

    /// The counters over every game.
    public var totals: NeuroSimStatistics {
        games.reduce(into: NeuroSimStatistics()) { $0.merge($1.statistics) }
    }

    /// How many violations (errors and warnings) there were in all.
    public var violationCount: Int { totals.violations }

    /// How many diagnostics of every severity there were in all.
    public var diagnosticCount: Int { totals.diagnostics }

    /// Every diagnostic's count over every game, by rule; rules never seen are left out.
    public var diagnosticsByRule: [ConformanceRule: Int] { totals.diagnosticsByRule }

    /// The report as JSON:
    /// `{"seed":"…","spec":"2026-08-20","totals":…,"games":{title:…},"violationCount":…,
    /// "violations":[…],"diagnosticCount":…,"diagnostics":{id:{"severity":…,"count":…}},"notes":[…]}`.
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
        let totals = self.totals
        var totalsObject: JSONObject = [
            "connections": .integer(Int64(self.games.reduce(0) { $0 + $1.connections })),
            "reconnects": .integer(Int64(self.games.reduce(0) { $0 + $1.reconnects })),
        ]
        if case .object(let statistics) = totals.jsonValue {
            for (key, value) in statistics { totalsObject[key] = value }
        }
        var diagnostics: JSONObject = [:]
        for rule in ConformanceRule.allCases {
            guard let count = totals.diagnosticsByRule[rule], count > 0 else { continue }
            diagnostics[rule.rawValue] = ["severity": .string(rule.severity.rawValue), "count": .integer(Int64(count))]
        }
        return [
            "seed": .string(String(seed)),
            "spec": .string(spec.description),
            "totals": .object(totalsObject),
            "games": .object(games),
            "violationCount": .integer(Int64(totals.violations)),
            "violations": .array(violations.map(\.jsonValue)),
            "diagnosticCount": .integer(Int64(totals.diagnostics)),
            "diagnostics": .object(diagnostics),
            "notes": .array(notes.map(\.jsonValue)),
        ]
    }

    /// The report's compact JSON text.
    public func encoded() -> String { JSONWriter.string(from: jsonValue) }
}
