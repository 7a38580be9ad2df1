import NeuroAPI

extension DashboardSnapshot {
    /// NeuroSim's verdict so far (`neuro-host --simulate`): its diagnostics by rule with
    /// counts, the latest messages, and the counts per game; read from the report
    /// `GET /api/status` carries under `neuroSim`.
    public struct Verdict: Sendable, Hashable, Codable {
        /// One rule's count.
        public struct Rule: Sendable, Hashable, Codable {
            /// The rule's id (`invalidActionName`).
            public var rule: String
            /// `error`, `warning`, `performance` or `info`.
            public var severity: String
            /// How often it was seen.
            public var count: Int
        }

        /// One diagnostic as NeuroSim recorded it.
        public struct Message: Sendable, Hashable, Codable {
            /// The rule's id.
            public var rule: String
            /// Its severity.
            public var severity: String
            /// The game's title, when the connection sent one.
            public var game: String?
            /// What was wrong (untrusted text: shown as text).
            public var message: String
        }

        /// Violations (errors and warnings) in all.
        public var violationCount: Int
        /// Diagnostics of every severity in all.
        public var diagnosticCount: Int
        /// Every rule seen, the most frequent first.
        public var rules: [Rule]
        /// The newest violations, then the newest notes (at most ``latestShown`` together).
        public var latest: [Message]
        /// Per game title, the count of each rule seen on its connections (games with none
        /// are left out).
        public var games: [String: [String: Int]]

        /// How many messages ``latest`` keeps.
        public static let latestShown = 20

        /// Reads the verdict from NeuroSim's report JSON (`NeuroSimReport.jsonValue`); `nil`
        /// when it is not an object. Missing parts read as empty.
        public init?(report: JSONValue) {
            guard report.objectValue != nil else { return nil }
            func count(_ value: JSONValue?) -> Int { value?.integerValue.map { Int(clamping: $0) } ?? 0 }
            violationCount = count(report["violationCount"])
            diagnosticCount = count(report["diagnosticCount"])
            rules = (report["diagnostics"]?.objectValue ?? [:]).map { rule, value in
                Rule(rule: rule, severity: value["severity"]?.stringValue ?? "", count: count(value["count"]))
            }.sorted { ($0.count, $1.rule) > ($1.count, $0.rule) }
            func messages(_ key: String) -> [Message] {
                (report[key]?.arrayValue ?? []).map { value in
                    Message(
                        rule: value["rule"]?.stringValue ?? "", severity: value["severity"]?.stringValue ?? "",
                        game: value["game"]?.stringValue, message: value["message"]?.stringValue ?? "")
                }
            }
            let notesShown = Self.latestShown / 4
            let violations = messages("violations")
            let notes = messages("notes")
            let shownViolations = violations.suffix(Self.latestShown - min(notesShown, notes.count))
            latest = Array(shownViolations) + Array(notes.suffix(Self.latestShown - shownViolations.count))
            var games: [String: [String: Int]] = [:]
            for (title, game) in report["games"]?.objectValue ?? [:] {
                var counts: [String: Int] = [:]
                for (rule, value) in game["diagnosticsByRule"]?.objectValue ?? [:] where count(value) > 0 {
                    counts[rule] = count(value)
                }
                if !counts.isEmpty { games[title] = counts }
            }
            self.games = games
        }
    }
}
