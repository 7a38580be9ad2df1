import Foundation
import NeuroTestSupport
import Testing

/// `neuro-host`'s dashboard flags, on the built executable.
@Suite(.timeLimit(.minutes(2)))
struct NeuroHostDashboardFlagTests {
    @Test(.enabled(if: NeuroHostProcess.isBuilt, "build neuro-host first (swift build --build-tests)"))
    func aDashboardOnAnotherAddressThanLoopbackNeedsAToken() async throws {
        let directory = try TemporaryDirectory()
        let run = try await NeuroHostProcess.run(
            ["--simulate", "--dashboard", "0.0.0.0:0", "--duration", "1", "--status", "off"],
            in: URL(fileURLWithPath: directory.path))
        #expect(run.exitCode != 0)
        #expect(run.standardError.contains("needs a token"), "\(run.standardError)")
        #expect(!run.standardError.contains("dashboard at"), "nothing was bound")
    }

    @Test(.enabled(if: NeuroHostProcess.isBuilt, "build neuro-host first (swift build --build-tests)"))
    func simulateServesTheDashboardAndPrintsItsURL() async throws {
        let directory = try TemporaryDirectory()
        let run = try await NeuroHostProcess.run(
            [
                "--simulate", "--dashboard", "127.0.0.1:0", "--dashboard-port-file", "port", "--duration", "2",
                "--status", "off",
            ], in: URL(fileURLWithPath: directory.path))
        #expect(run.exitCode == 0, "\(run.standardError)")
        let port = try String(contentsOfFile: directory.path + "/port", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(port).map { $0 > 0 } == true)
        #expect(run.standardError.contains("neuro-host: dashboard at http://127.0.0.1:\(port)/"), "\(run.standardError)")
        // Standard output is still the summary alone.
        #expect(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) is [String: Any])
    }

    @Test(.enabled(if: NeuroHostProcess.isBuilt, "build neuro-host first (swift build --build-tests)"))
    func noDashboardTurnsItOffWithSimulate() async throws {
        let directory = try TemporaryDirectory()
        let run = try await NeuroHostProcess.run(
            ["--simulate", "--no-dashboard", "--duration", "1", "--status", "off"],
            in: URL(fileURLWithPath: directory.path))
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(!run.standardError.contains("dashboard at"))
    }
}
