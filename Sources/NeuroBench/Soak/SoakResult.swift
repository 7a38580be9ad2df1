import Foundation
import NeuroAPI

/// What a soak found: Neuro's count of actions and results, the faults injected, NeuroSim's
/// violations, and the host process's memory and descriptors after the warm-up and at the end.
struct SoakResult: Sendable {
    var games: Int
    var seconds: Double
    var warmupSeconds: Double
    var seed: UInt64
    /// The ledger's count, judged at the end.
    var tally = ActionLedger.Tally()
    /// Faults injected (or, for plugin throws and abandoned forces, seen), by kind.
    var faults: [SoakFault: Int] = [:]
    /// NeuroSim's violations (errors and warnings) over the run.
    var violationCount = 0
    /// The rules of those violations, with their counts.
    var violationsByRule: [String: Int] = [:]
    /// The first violations, as NeuroSim describes them.
    var violations: [String] = []
    /// Actions NeuroSim sent and results it matched (its own count, beside the ledger's).
    var neuroSimActionsSent = 0
    var neuroSimResults = 0
    var reconnects = 0
    var rssAfterWarmupKB = 0
    var rssEndKB = 0
    var fdsAfterWarmup = 0
    var fdsEnd = 0
    /// What a fault's check found wrong (a game that did not come back, a handshake that never
    /// timed out), one sentence each.
    var failures: [String] = []

    /// The largest growth of the host's resident memory from the warm-up to the end accepted
    /// (a share), and of its descriptors (a count).
    var rssTolerance = 0.10
    var fdTolerance = 5

    /// Everything that fails the soak, one sentence each; empty when it passed.
    var problems: [String] { correctnessProblems + resourceProblems }

    /// What fails the soak however long it ran: lost, duplicate or unknown results, a plugin
    /// throw left unanswered, NeuroSim's violations, a fault a game did not recover from.
    var correctnessProblems: [String] {
        var problems = failures
        if tally.results == 0 { problems.append("no action was answered") }
        if tally.lost > 0 { problems.append("\(tally.lost) actions lost (unanswered on a connection that stayed up)") }
        if tally.duplicates > 0 { problems.append("\(tally.duplicates) duplicate results") }
        if tally.unknownResults > 0 { problems.append("\(tally.unknownResults) results for ids never sent") }
        if tally.throwsUnanswered > 0 {
            problems.append("\(tally.throwsUnanswered) plugin throws closed the connection without answering the action")
        }
        if violationCount > 0 {
            let rules = violationsByRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            problems.append("NeuroSim saw \(violationCount) protocol violations (\(rules))")
        }
        return problems
    }

    /// The host's memory or descriptors grown beyond the tolerances from the warm-up to the end.
    var resourceProblems: [String] {
        var problems: [String] = []
        if Double(rssEndKB) > Double(rssAfterWarmupKB) * (1 + rssTolerance) {
            problems.append(
                "the host's resident memory grew from \(rssAfterWarmupKB) KB after the warm-up to \(rssEndKB) KB, "
                    + "more than \(Int(rssTolerance * 100)) %")
        }
        if abs(fdsEnd - fdsAfterWarmup) > fdTolerance {
            problems.append(
                "the host's open descriptors went from \(fdsAfterWarmup) after the warm-up to \(fdsEnd), more than \(fdTolerance) apart"
            )
        }
        return problems
    }

    /// The kinds of fault that happened at least once.
    var faultKindsInjected: Int { faults.values.filter { $0 > 0 }.count }

    /// The JSON of `--json`: the keys of issue #29 first, then the details.
    var jsonValue: JSONValue {
        var faultsObject: JSONObject = [:]
        for fault in SoakFault.allCases { faultsObject[fault.rawValue] = .integer(Int64(faults[fault] ?? 0)) }
        var rules: JSONObject = [:]
        for (rule, count) in violationsByRule.sorted(by: { $0.key < $1.key }) { rules[rule] = .integer(Int64(count)) }
        return [
            "results": .integer(Int64(tally.results)),
            "lost": .integer(Int64(tally.lost)),
            "duplicates": .integer(Int64(tally.duplicates)),
            "violationCount": .integer(Int64(violationCount)),
            "faults": .object(faultsObject),
            "rssAfterWarmupKB": .integer(Int64(rssAfterWarmupKB)),
            "rssEndKB": .integer(Int64(rssEndKB)),
            "fdsAfterWarmup": .integer(Int64(fdsAfterWarmup)),
            "fdsEnd": .integer(Int64(fdsEnd)),
            "games": .integer(Int64(games)),
            "seconds": .number(seconds),
            "warmupSeconds": .number(warmupSeconds),
            "seed": .string(String(seed)),
            "unknownResults": .integer(Int64(tally.unknownResults)),
            "inFlight": .integer(Int64(tally.inFlight)),
            "cutOff": .integer(Int64(tally.cutOff)),
            "throwsAnswered": .integer(Int64(tally.throwsAnswered)),
            "throwsUnanswered": .integer(Int64(tally.throwsUnanswered)),
            "violationsByRule": .object(rules),
            "violations": .array(violations.map { .string($0) }),
            "neuroSimActionsSent": .integer(Int64(neuroSimActionsSent)),
            "neuroSimResults": .integer(Int64(neuroSimResults)),
            "reconnects": .integer(Int64(reconnects)),
            "faultKindsInjected": .integer(Int64(faultKindsInjected)),
            "failures": .array(failures.map { .string($0) }),
            "problems": .array(problems.map { .string($0) }),
            "passed": .bool(problems.isEmpty),
        ]
    }

    /// The summary printed at the end.
    var table: String {
        let faultsLine = SoakFault.allCases.map { "\($0.rawValue) \(faults[$0] ?? 0)" }.joined(separator: ", ")
        var lines = [
            "soak: \(games) games, \(Self.format(seconds)) s (warm-up \(Self.format(warmupSeconds)) s), seed \(seed)",
            "results \(tally.results), lost \(tally.lost), duplicates \(tally.duplicates), unknown \(tally.unknownResults), "
                + "in flight \(tally.inFlight), cut off by a disconnect \(tally.cutOff)",
            "NeuroSim: \(neuroSimActionsSent) actions sent, \(neuroSimResults) results, \(reconnects) reconnects, "
                + "\(violationCount) violations",
            "faults (\(faultKindsInjected) kinds): \(faultsLine)",
            "host RSS \(rssAfterWarmupKB) KB after the warm-up, \(rssEndKB) KB at the end; "
                + "descriptors \(fdsAfterWarmup) → \(fdsEnd)",
        ]
        let problems = self.problems
        lines.append(problems.isEmpty ? "soak: passed" : "soak: FAILED\n" + problems.map { "- \($0)" }.joined(separator: "\n"))
        return lines.joined(separator: "\n")
    }

    private static func format(_ value: Double) -> String { String(format: "%.0f", value) }
}
