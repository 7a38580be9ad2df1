import Foundation
import NeuroTestSupport
import Testing

/// SIGINT on the real `neuro-host` process: the first stops every game cleanly (exit 0, with
/// the summary); a second one exits at once.
@Suite(
    .timeLimit(.minutes(2)), .enabled(if: NeuroHostProcess.isBuilt, "needs .build/debug/neuro-host (swift build --build-tests)"))
struct SignalTests {
    /// Waits until the host has started its games, then sends `signals` SIGINTs.
    static func interrupt(times signals: Int) -> @Sendable (Int32, URL) async throws -> Void {
        { processID, standardError in
            try await eventually("neuro-host has started its games") {
                ((try? String(contentsOf: standardError, encoding: .utf8)) ?? "").contains("starting games")
            }
            for _ in 0..<signals { kill(processID, SIGINT) }
        }
    }

    @Test func oneSignalStopsEveryGameCleanly() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("neuro-signal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await NeuroHostProcess.run(
            ["--simulate", "--status", "off", "--log-level", "info", "--duration", "60"], in: directory,
            whileRunning: Self.interrupt(times: 1))
        #expect(run.exitCode == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        let games = try #require(summary?["games"] as? [[String: Any]])
        #expect(games.count == 6)
        #expect(games.allSatisfy { $0["state"] as? String == "stopped" })
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("saves").path))
    }

    @Test func aSecondSignalExitsAtOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("neuro-signal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await NeuroHostProcess.run(
            ["--simulate", "--status", "off", "--log-level", "info", "--duration", "60"], in: directory,
            whileRunning: Self.interrupt(times: 2))
        #expect(run.exitCode == 0 || run.exitCode == 130)
        if run.exitCode == 130 { #expect(run.standardError.contains("second signal; exiting now")) }
    }
}
