import Foundation
import NeuroAPI
import Testing

@testable import NeuroSim

/// The diagnostics themselves: ids, severities, the spec they apply under, and the table in
/// the documentation that maps each to Tony's and Gary's names.
@Suite struct DiagnosticCatalogTests {
    static let documentation = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/NeuroSim/NeuroSim.docc/NeuroSim.md")

    @Test func idsAreStableCamelCaseNames() {
        let ids = ConformanceRule.allCases.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.first?.isLowercase == true, "\(id)")
            #expect(id.allSatisfy { $0.isLetter && $0.isASCII }, "\(id)")
        }
        // The names the report used before diagnostics had severities are kept.
        for kept in [
            "invalidJSON", "notAnObject", "binaryFrame", "unknownCommand", "invalidFields", "messageBeforeStartup",
            "gameChanged", "invalidActionName", "invalidSchema", "discouragedSchemaKeyword", "duplicateRegistration",
            "emptyForce", "forceUnregisteredAction", "forceWhilePending", "unknownResultID", "duplicateResult",
            "resultTimeout", "forceWhileOtherGamePending", "actionRegisteredByOtherGame",
        ] {
            #expect(ConformanceRule(rawValue: kept) != nil, "\(kept)")
        }
    }

    @Test func everySeverityIsUsedAndOnlyErrorsAndWarningsAreViolations() {
        let severities = Set(ConformanceRule.allCases.map(\.severity))
        #expect(severities == Set(DiagnosticSeverity.allCases))
        #expect(DiagnosticSeverity.allCases.filter(\.isViolation) == [.error, .warning])
        #expect(DiagnosticSeverity.allCases.sorted() == [.error, .warning, .performance, .info])
    }

    @Test(arguments: [
        (ConformanceRule.duplicateRegistration, false, true),
        (.identicalReregistration, true, false),
        (.forceWhilePending, true, true),
    ])
    func reregistrationRulesFollowTheSpec(rule: ConformanceRule, appliesNow: Bool, appliedBefore: Bool) {
        #expect(rule.applies(under: .newest) == appliesNow)
        #expect(rule.applies(under: .july2026) == appliedBefore)
    }

    @Test func everyRuleIsInTheDocumentationTableWithItsSeverityAndNames() throws {
        let text = try String(contentsOf: Self.documentation, encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for rule in ConformanceRule.allCases {
            let row = try #require(rows.first { $0.hasPrefix("| `\(rule.id)` |") }, "no table row for \(rule.id)")
            let cells = row.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            // | id | severity | meaning | Tony | Gary |
            #expect(cells.count >= 6, "\(row)")
            guard cells.count >= 6 else { continue }
            #expect(cells[2] == rule.severity.rawValue, "\(rule.id)")
            for name in rule.tonyNames { #expect(cells[4].contains(name), "\(rule.id): Tony's \(name)") }
            for name in rule.garyNames { #expect(cells[5].contains(name), "\(rule.id): Gary's \(name)") }
            #expect(!rule.summary.isEmpty)
        }
    }

    @Test func everyNameTonyAndGaryUseIsMapped() {
        let tony = Set(ConformanceRule.allCases.flatMap(\.tonyNames))
        for name in [
            "ACTION_ADDITIONAL_PROPERTIES", "ACTION_NAME_CONFLICT", "ACTION_NAME_INVALID", "ACTION_SCHEMA_NULL",
            "ACTION_SCHEMA_UNSUPPORTED", "ACTIONS_FORCE_INVALID", "EMPTY_UNREGISTER", "GAME_NAME_MISMATCH",
            "GAME_NAME_NOT_REGISTERED", "JSF_FAILED", "MULTIPLE_STARTUPS", "NO_ERROR_MESSAGE", "UNKNOWN_COMMAND",
        ] {
            #expect(tony.contains(name), "\(name)")
        }
        let gary = Set(ConformanceRule.allCases.flatMap(\.garyNames))
        for name in [
            "prot/invalid_message", "perf/register/identical_duplicate", "prot/v1/register/conflict",
            "prot/unregister/unknown", "prot/unregister/inactive", "prot/force/empty", "prot/force/some_invalid",
            "prot/force/all_invalid", "prot/force/multiple", "prot/force/while_pending_result", "prot/v1/game_renamed",
            "prot/startup/missing", "prot/startup/multiple", "perf/late/startup", "perf/late/action_result",
            "perf/timeout/action_result", "prot/result/error_nomessage", "prot/result/unexpected",
            "prot/schema/additionalProperties", "prot/schema/prefer_omit_to_empty", "prot/schema/type_object",
            "prot/action/no_desc", "prot/schema/unsupported_keywords",
        ] {
            #expect(gary.contains(name), "\(name)")
        }
    }

    @Test(arguments: ["2026-08-20", "2026-07-01", "2024-02-29", "2027-01-31"])
    func specsReadAndWriteYYYYMMDD(_ text: String) throws {
        #expect(try NeuroSimSpec(parsing: text).description == text)
    }

    @Test(arguments: ["", "2026-8-20", "2026-08-32", "2023-02-29", "2026-13-01", "20260820", "2026-08-20x", "２０２６-08-20"])
    func invalidSpecsAreRefused(_ text: String) {
        #expect(throws: NeuroError.self) { try NeuroSimSpec(parsing: text) }
    }

    @Test func specsOrderByDateAndSwitchTheChangedRules() throws {
        let before = try NeuroSimSpec(parsing: "2026-08-19")
        #expect(before < .august2026)
        #expect(!before.replacesRegistrations && !before.hasSpeechFinished && before.acknowledgesStartup)
        #expect(NeuroSimSpec.newest.replacesRegistrations && NeuroSimSpec.newest.hasSpeechFinished)
        #expect(!(try NeuroSimSpec(parsing: "2025-12-31")).acknowledgesStartup)
        #expect(NeuroSimConfiguration().spec == .newest)
    }

    @Test func defaultsFollowTheRealServer() {
        let configuration = NeuroSimConfiguration()
        #expect(configuration.resultTimeout == .seconds(20))
        #expect(configuration.forceRetries == 3)
        #expect(configuration.lateThreshold == .milliseconds(500))
        #expect(!configuration.sendsSpeechFinished)
    }
}
