/// NeuroSim's verdict as JUnit XML, the test report format CI systems read (`neuro-sim --junit
/// FILE`, `neuro-sim replay --junit FILE`).
///
/// For a run (``init(report:)``): a `<testsuite>` per game, and in it a `<testcase>` per
/// diagnostic rule that applies under the run's spec (`classname` the game, `name` the rule's
/// id). A rule of error severity the game broke is a `<failure>` (`type` `error`, `message`
/// the count and the first message, the text every message listed); diagnostics of any other
/// severity are the test case's `<system-out>` (warnings, performance and info), so the test
/// passes. For a replay (``init(replay:)``): one `<testsuite>` named `replay`, a `<testcase>`
/// per recorded connection, a `<failure>` (`type` `divergence`) for its divergence.
///
/// ```swift
/// let xml = JUnitReport(report: simulator.report()).xml
/// ```
package struct JUnitReport: Sendable, Hashable {
    /// A `<failure>`.
    package struct Failure: Sendable, Hashable {
        /// `type`: `error` or `divergence`.
        package var type: String
        /// `message`: one line.
        package var message: String
        /// The element's text: every message.
        package var text: String
    }

    /// One `<testcase>`.
    package struct TestCase: Sendable, Hashable {
        /// `classname`: the game.
        package var className: String
        /// `name`: the rule's id, or the recorded connection.
        package var name: String
        /// The failure, when the case fails.
        package var failure: Failure?
        /// `<system-out>`, when there is any.
        package var output: String?
    }

    /// One `<testsuite>`.
    package struct TestSuite: Sendable, Hashable {
        /// `name`.
        package var name: String
        /// Its test cases.
        package var testCases: [TestCase]
    }

    /// The `<testsuites>` element's `name`.
    package var name: String
    /// The suites.
    package var suites: [TestSuite]

    /// The report of a run: a suite per game, a case per rule under the run's spec.
    package init(report: NeuroSimReport) {
        name = "neuro-sim"
        let rules = ConformanceRule.allCases.filter { $0.applies(under: report.spec) }
        let diagnostics = report.violations + report.notes
        suites = report.games.map { game in
            let cases = rules.map { rule in
                let count = game.statistics.diagnosticsByRule[rule] ?? 0
                let messages = diagnostics.filter {
                    $0.rule == rule && ($0.game ?? NeuroSimulator.unidentifiedGame) == game.title
                }
                .map { "connection \($0.connectionID)\($0.command.map { ", \($0)" } ?? ""): \($0.message)" }
                var testCase = TestCase(className: game.title, name: rule.id)
                guard count > 0 else { return testCase }
                let listed = messages.isEmpty ? "" : "\n" + messages.joined(separator: "\n")
                let more = count > messages.count ? "\n(\(count - messages.count) more not listed)" : ""
                let text = "\(count) × \(rule.id) (\(rule.severity)): \(rule.summary)" + listed + more
                if rule.severity == .error {
                    let first = messages.first.map { ": \($0)" } ?? ""
                    testCase.failure = Failure(type: "error", message: "\(count) × \(rule.id)\(first)", text: text)
                } else {
                    testCase.output = text
                }
                return testCase
            }
            return TestSuite(name: game.title, testCases: cases)
        }
    }

    /// The report of a replay: a case per recorded connection.
    package init(replay: ReplayReport) {
        name = "neuro-sim replay"
        let cases = replay.connections.map { connection in
            var testCase = TestCase(
                className: connection.game, name: "recorded connection \(connection.recordedConnection)")
            let divergences = replay.divergences.filter {
                $0.game == connection.game && $0.recordedConnection == connection.recordedConnection
            }
            if let first = divergences.first {
                testCase.failure = Failure(
                    type: "divergence", message: "frame \(first.frame) differs",
                    text: divergences.map(\.description).joined(separator: "\n")
                )
            }
            testCase.output =
                "\(connection.matchedFrames) of \(connection.expectedFrames) frames matched (\(connection.outcome.rawValue))"
            return testCase
        }
        suites = [TestSuite(name: "replay", testCases: cases)]
    }

    /// How many cases fail.
    package var failureCount: Int { suites.reduce(0) { $0 + $1.testCases.count { $0.failure != nil } } }

    /// The XML document.
    package var xml: String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let tests = suites.reduce(0) { $0 + $1.testCases.count }
        lines.append(
            "<testsuites name=\"\(Self.escaped(name))\" tests=\"\(tests)\" failures=\"\(failureCount)\" errors=\"0\">")
        for suite in suites {
            let failures = suite.testCases.count { $0.failure != nil }
            lines.append(
                "  <testsuite name=\"\(Self.escaped(suite.name))\" tests=\"\(suite.testCases.count)\" "
                    + "failures=\"\(failures)\" errors=\"0\" skipped=\"0\">")
            for testCase in suite.testCases {
                let opening =
                    "    <testcase classname=\"\(Self.escaped(testCase.className))\" name=\"\(Self.escaped(testCase.name))\""
                guard testCase.failure != nil || testCase.output != nil else {
                    lines.append(opening + "/>")
                    continue
                }
                lines.append(opening + ">")
                if let failure = testCase.failure {
                    lines.append(
                        "      <failure type=\"\(Self.escaped(failure.type))\" message=\"\(Self.escaped(failure.message))\">"
                            + Self.escaped(failure.text) + "</failure>")
                }
                if let output = testCase.output {
                    lines.append("      <system-out>" + Self.escaped(output) + "</system-out>")
                }
                lines.append("    </testcase>")
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text made safe for XML 1.0 content and attributes: the five entities escaped, control
    /// characters other than tab and newline dropped (XML cannot carry them).
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case "\r": result += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
