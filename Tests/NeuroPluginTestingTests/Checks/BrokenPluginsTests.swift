import GamePlugins
import NeuroPluginTesting
import NeuroSim
import Testing

/// Every failure the kit claims, on a plugin broken in exactly that way: the right rule, in the
/// right stage, and nothing else.
@Suite(.timeLimit(.minutes(3)))
struct BrokenPluginsTests {
    static func check<Plugin: GamePlugin>(_ plugin: Plugin.Type, actions: Int = 80) async throws -> PluginCheckReport {
        try await PluginCheck.run(plugin, configuration: .forTests(actions: actions, seed: 3))
    }

    @Test func aForceNamingAnUnregisteredActionFailsWithNeuroSimsDiagnostic() async throws {
        let report = try await Self.check(NamesAnUnknownActionInItsForce.self)
        let rule = PluginCheckRule(.mentionsUnregisteredAction)
        #expect(report.violatedRules == [rule], "\(report)")
        let violations = report.violations(of: rule)
        #expect(violations.allSatisfy { $0.message.contains("`peek`") && $0.connectionID != nil }, "\(report)")
        #expect(rule.conformanceRule == .mentionsUnregisteredAction)
        // Under its own names and under the prefix alike.
        #expect(Set(violations.map(\.stage)).isSuperset(of: [.play, .prefixedPlay]), "\(report)")
        #expect("\(report)".contains("mentionsUnregisteredAction"))
    }

    @Test func aContextNamingNoActionOfTheGameFails() async throws {
        let report = try await Self.check(NamesAnUnknownActionInContext.self)
        #expect(report.violatedRules == [.contextNamesUnknownAction], "\(report)")
        let violation = try #require(report.violations.first)
        #expect(violation.message.contains("`double`"))
        #expect(violation.message.contains("`call`"), "lists the game's actions: \(violation.message)")
        // The prefixed stage names the actions as they are on the wire.
        let prefixed = try #require(report.violations(of: .contextNamesUnknownAction).first { $0.stage == .prefixedPlay })
        #expect(prefixed.message.contains("`names_an_unknown_action_in_context_call`"), "\(prefixed)")
        // NeuroSim saw it too, as a note only.
        #expect(report.neuroSim.notes.contains { $0.rule == .contextMentionsUnregisteredAction })
    }

    @Test func aSchemaThatDisagreesWithItsArgumentsTypeFails() async throws {
        let report = try await Self.check(SchemaDisagreesWithArguments.self)
        #expect(report.violatedRules == [.argumentsRejectSchemaData], "\(report)")
        let violation = try #require(report.violations.first)
        #expect(violation.message.contains("cannot use this data"), "\(violation)")
        #expect(violation.message.contains("`call`"), "\(violation)")
    }

    @Test func aRefusalThatChangesTheGameFails() async throws {
        let report = try await Self.check(ChangesOnRefusal.self)
        #expect(report.violatedRules == [.refusalChangedGame], "\(report)")
        #expect(report.violations.allSatisfy { $0.message.contains("refusals") }, "names what changed: \(report)")
    }

    @Test func aRuleThatThrowsFailsTheGame() async throws {
        let report = try await Self.check(BreaksAfterFiveCalls.self)
        #expect(report.violatedRules == [.gameFailed], "\(report)")
        #expect(report.violations(of: .gameFailed).contains { $0.stage == .play && $0.message.contains("Broken") }, "\(report)")
    }

    @Test func aSaveThatLeavesStateOutFails() async throws {
        let report = try await Self.check(ForgetsWinsWhenSaved.self)
        #expect(report.violatedRules == [.restoredGameDiffers], "\(report)")
        #expect(report.violations.allSatisfy { $0.stage == .saveAndRestore })
        #expect(report.violations.contains { $0.message.contains("status") && $0.message.contains("wins 0") }, "\(report)")
    }

    @Test func aSaveThatCannotBeReadBackFails() async throws {
        let report = try await Self.check(SavesUnderAnotherKey.self)
        #expect(report.violatedRules == [.savedGameUnreadable], "\(report)")
        let violation = try #require(report.violations.first)
        #expect(violation.stage == .saveAndRestore)
        #expect(violation.message.contains("\"wins\" is missing"), "\(violation)")
    }

    @Test func aGameThatCannotBeSavedFails() async throws {
        let report = try await Self.check(KeepsANaNRatio.self)
        #expect(report.violatedRules == [.savedGameUnreadable], "\(report)")
        #expect(report.violations.first?.message.contains("could not be saved") == true, "\(report)")
    }

    @Test func unseededRandomnessFailsTheReplay() async throws {
        let report = try await Self.check(RollsUnseededDice.self)
        #expect(report.violatedRules == [.replayDiffers], "\(report)")
        #expect(report.violations.allSatisfy { $0.message.contains("total") }, "names what differs: \(report)")
    }

    @Test func aGameThatNeverForcesStallsWithAClearErrorInsteadOfHanging() async throws {
        var configuration = PluginCheckConfiguration(actions: 20)
        configuration.stallTimeout = .milliseconds(500)
        let error = await #expect(throws: PluginCheckError.self) {
            try await PluginCheck.run(NeverForces.self, configuration: configuration)
        }
        #expect(error?.code == .stalled)
        #expect(error?.message.contains("forces nothing") == true, "\(String(describing: error))")
        #expect(error?.report?.actionsSent == 0)
    }

    @Test func requireConformanceThrowsTheViolations() async throws {
        let error = await #expect(throws: PluginCheckError.self) {
            try await PluginCheck.requireConformance(ChangesOnRefusal.self, configuration: .forTests(actions: 40, seed: 3))
        }
        #expect(error?.code == .violations)
        #expect(error?.report?.violatedRules == [.refusalChangedGame])
        #expect(error.map { "\($0)" }?.contains("refusalChangedGame") == true)
    }
}
