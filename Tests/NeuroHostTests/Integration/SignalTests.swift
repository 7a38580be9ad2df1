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

    /// The second signal must arrive while the host is still shutting down, so the games play
    /// against a Neuro that never answers their close frames: a clean shutdown then takes the
    /// 5 s close timeout. The first SIGINT goes in once the games are connected, the second
    /// once the host says it is stopping them. Ignoring the second would exit 0 after the
    /// close timeout, so only 130 passes.
    @Test func aSecondSignalExitsAtOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("neuro-signal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let neuro = try await UnresponsiveNeuro.start(in: directory)
        defer { neuro.stop() }
        let run = try await NeuroHostProcess.run(
            ["--url", "ws://127.0.0.1:\(neuro.port)", "--status", "off", "--log-level", "info", "--duration", "60"],
            in: directory,
            whileRunning: { processID, standardError in
                func log() -> String { (try? String(contentsOf: standardError, encoding: .utf8)) ?? "" }
                // The reconnecting service (NeuroAPI) logs each connection it opens.
                try await eventually("neuro-host has connected its games") {
                    log().components(separatedBy: "[NeuroAPI] connected").count > 6
                }
                kill(processID, SIGINT)
                try await eventually("neuro-host is stopping its games") { log().contains("stopping every game") }
                kill(processID, SIGINT)
            })
        #expect(run.exitCode == 130)
        #expect(run.standardError.contains("second signal; exiting now"))
    }
}

/// `Support/unresponsive_neuro.py` as a child process: accepts websocket upgrades, then never
/// answers anything.
struct UnresponsiveNeuro {
    let process: Process
    let port: Int

    struct NoPort: Error {}

    static func start(in directory: URL) async throws -> UnresponsiveNeuro {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Support/unresponsive_neuro.py")
        let portFile = directory.appendingPathComponent("neuro-port")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, portFile.path]
        // Not the test runner's pipes: a child still holding them would keep `swift test` waiting.
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The script writes the file whole (a rename), once it listens.
        try await eventually("the unresponsive Neuro listens") {
            FileManager.default.fileExists(atPath: portFile.path)
        }
        guard let port = Int((try? String(contentsOf: portFile, encoding: .utf8)) ?? "") else {
            process.terminate()
            throw NoPort()
        }
        return UnresponsiveNeuro(process: process, port: port)
    }

    /// Sends SIGTERM; the script exits at once (Foundation reaps it; `waitUntilExit` would
    /// spin the run loop).
    func stop() {
        process.terminate()
    }
}
