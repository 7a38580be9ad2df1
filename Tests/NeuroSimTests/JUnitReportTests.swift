import Foundation
import NeuroAPI
import NeuroTestSupport
import Testing

@testable import NeuroSim

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `neuro-sim --junit`: the XML read back by an XML parser against the structure of the JUnit
/// schema (always), and by `junitparser`, the PyPI JUnit parser CI tools use (with
/// `NEURO_INTEROP=1`, in the interop venv).
@Suite(.timeLimit(.minutes(3)))
struct JUnitReportTests {
    static let report = NeuroSimReport(
        games: [
            NeuroSimReport.Game(
                title: "Tic <Tac> & \"Toe\"", connections: 1, reconnects: 0,
                statistics: {
                    var statistics = NeuroSimStatistics()
                    statistics.diagnosticsByRule = [.resultTimeout: 2, .successWithoutMessage: 1, .lateResult: 1]
                    return statistics
                }()),
            NeuroSimReport.Game(title: "Clean", connections: 1, reconnects: 0, statistics: NeuroSimStatistics()),
        ],
        violations: [
            NeuroSimDiagnostic(
                rule: .resultTimeout, connectionID: 1, game: "Tic <Tac> & \"Toe\"", command: "action/result",
                message: "no result for action \"play\" (id \"sim-1\") within 20000 ms\u{1}"),
            NeuroSimDiagnostic(
                rule: .successWithoutMessage, connectionID: 1, game: "Tic <Tac> & \"Toe\"", command: "action/result",
                message: "action \"play\" succeeded without a message"),
        ],
        notes: [
            NeuroSimDiagnostic(
                rule: .lateResult, connectionID: 1, game: "Tic <Tac> & \"Toe\"", command: "action/result", message: "late")
        ])

    /// The elements of a document, with their attributes and text, in document order.
    final class Elements: NSObject, XMLParserDelegate {
        struct Element {
            var name: String
            var attributes: [String: String]
            var text = ""
            var parent: Int?
        }

        var elements: [Element] = []
        var stack: [Int] = []
        var error: (any Error)?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append(Element(name: elementName, attributes: attributes, parent: stack.last))
            stack.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current = stack.last { elements[current].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { error = parseError }

        func children(of index: Int?, named name: String) -> [Int] {
            elements.indices.filter { elements[$0].parent == index && elements[$0].name == name }
        }
    }

    @Test func theXMLHasTheJUnitStructure() throws {
        let xml = JUnitReport(report: Self.report).xml
        let elements = Elements()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = elements
        #expect(parser.parse(), "well-formed: \(String(describing: elements.error))")
        let roots = elements.children(of: nil, named: "testsuites")
        #expect(roots.count == 1)
        let suites = elements.children(of: roots.first, named: "testsuite")
        #expect(suites.map { elements.elements[$0].attributes["name"] } == ["Tic <Tac> & \"Toe\"", "Clean"])
        let rules = ConformanceRule.allCases.filter { $0.applies(under: .newest) }
        for suite in suites {
            let cases = elements.children(of: suite, named: "testcase")
            #expect(cases.count == rules.count, "one test case per rule")
            #expect(elements.elements[suite].attributes["tests"] == "\(rules.count)")
            #expect(Set(cases.compactMap { elements.elements[$0].attributes["name"] }) == Set(rules.map(\.id)))
        }
        let broken = try #require(suites.first)
        #expect(elements.elements[broken].attributes["failures"] == "1", "only the error-severity rule fails")
        let cases = elements.children(of: broken, named: "testcase")
        func testCase(_ rule: ConformanceRule) throws -> Int {
            try #require(cases.first { elements.elements[$0].attributes["name"] == rule.id })
        }
        let timeout = try testCase(.resultTimeout)
        let failure = try #require(elements.children(of: timeout, named: "failure").first)
        #expect(elements.elements[failure].attributes["type"] == "error")
        #expect(elements.elements[failure].attributes["message"]?.hasPrefix("2 × resultTimeout: connection 1") == true)
        #expect(elements.elements[failure].text.contains("no result for action \"play\""))
        #expect(elements.elements[failure].text.contains("(1 more not listed)"))
        #expect(elements.elements[timeout].attributes["classname"] == "Tic <Tac> & \"Toe\"")
        let warning = try testCase(.successWithoutMessage)
        #expect(elements.children(of: warning, named: "failure").isEmpty, "a warning passes")
        let output = try #require(elements.children(of: warning, named: "system-out").first)
        #expect(elements.elements[output].text.contains("succeeded without a message"))
        #expect(try elements.children(of: testCase(.lateResult), named: "system-out").count == 1)
        #expect(try elements.children(of: testCase(.invalidJSON), named: "failure").isEmpty)
        #expect(elements.elements[roots[0]].attributes["failures"] == "1")
    }

    @Test func aReplayIsATestCasePerRecordedConnection() throws {
        let replay = ReplayReport(
            divergences: [ReplayDivergence(game: "G", recordedConnection: 2, frame: 4, expected: "{\"a\":1}", got: "{\"a\":2}")],
            connections: [
                .init(game: "G", recordedConnection: 1, expectedFrames: 3, matchedFrames: 3, outcome: .completed),
                .init(game: "G", recordedConnection: 2, expectedFrames: 5, matchedFrames: 3, outcome: .diverged),
            ])
        let report = JUnitReport(replay: replay)
        #expect(report.failureCount == 1)
        #expect(report.suites.map(\.testCases.count) == [2])
        #expect(report.suites.first?.testCases.last?.failure?.text.contains("frame 4: expected {\"a\":1} got {\"a\":2}") == true)
        #expect(XMLParser(data: Data(report.xml.utf8)).parse())
    }

    @Test(
        .enabled(
            if: InteropScript.isEnabled,
            "set NEURO_INTEROP=1 to read the XML with junitparser from PyPI (needs python3 and PyPI)"))
    func junitparserReadsTheXML() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("junit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("neuro-sim.xml")
        try JUnitReport(report: Self.report).xml.write(to: file, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("parsed.json")
        let status = try await InteropScript.run("check_junit.sh", arguments: [file.path, output.path])
        try #require(status == 0, "interop/check_junit.sh failed; its output above says why")
        let parsed = try JSONParser().parse(try String(contentsOf: output, encoding: .utf8))
        #expect(parsed["name"] == "neuro-sim")
        let suites = try #require(parsed["suites"]?.arrayValue)
        #expect(suites.count == 2)
        let rules = ConformanceRule.allCases.filter { $0.applies(under: .newest) }
        #expect(suites.first?["tests"] == .integer(Int64(rules.count)))
        #expect(suites.first?["failures"] == 1)
        #expect(suites.last?["failures"] == 0)
        let cases = try #require(suites.first?["cases"]?.arrayValue)
        let timeout = try #require(cases.first { $0["name"] == "resultTimeout" })
        #expect(timeout["classname"] == "Tic <Tac> & \"Toe\"")
        #expect(timeout["results"]?.arrayValue?.count == 1)
        #expect(timeout["results"]?.arrayValue?.first?["kind"] == "failure")
        #expect(timeout["results"]?.arrayValue?.first?["type"] == "error")
        #expect(timeout["results"]?.arrayValue?.first?["text"]?.stringValue?.contains("no result for action \"play\"") == true)
        let warning = try #require(cases.first { $0["name"] == "successWithoutMessage" })
        #expect(warning["results"]?.arrayValue == [])
        #expect(warning["systemOut"]?.stringValue?.contains("succeeded without a message") == true)
        let clean = try #require(cases.first { $0["name"] == "invalidJSON" })
        #expect(clean["results"]?.arrayValue == [])
    }
}
