import Foundation
import NeuroAPI
import NeuroTestSupport
import Testing

@testable import NeuroSim

/// The `neuro-sim` executable: its options for the protocol version, force retries, result
/// timeouts and speech, and its JSON report.
@Suite(
    .timeLimit(.minutes(1)),
    .enabled(if: NeuroHostProcess.isSimulatorBuilt, "needs .build/debug/neuro-sim (swift build --build-tests)"))
struct NeuroSimCommandTests {
    static func run(
        _ arguments: [String], whileRunning: @escaping @Sendable (Int32, URL) async throws -> Void = { _, _ in }
    )
        async throws -> (NeuroHostProcess.Run, URL)
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("neuro-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let run = try await NeuroHostProcess.run(
            arguments, in: directory, executable: NeuroHostProcess.simulatorExecutable, whileRunning: whileRunning)
        return (run, directory)
    }

    @Test func helpNamesTheNewOptions() async throws {
        let (run, directory) = try await Self.run(["--help"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.exitCode == 0)
        for option in [
            "--spec", "--force-retries", "--result-timeout", "--speech", "--late-threshold", "--reregister-timeout",
            "--shutdown-timeout", "--player", "--llm-url", "--llm-model", "--llm-key-env", "--llm-timeout",
            "--llm-context-tokens", "--idle-interval", "--record", "--junit", "--no-retry-after-timeout",
        ] {
            #expect(run.standardOutput.contains(option), "\(option)")
        }
        #expect(run.standardOutput.contains("(default: 20; 30"), "the result timeout of the real server")
        #expect(run.standardOutput.contains("replay"), "the replay subcommand")
    }

    @Test(arguments: [
        (["--spec", "2026-13-01"], "--spec"),
        (["--spec", "2026-08-01", "--speech"], "--speech needs"),
        (["--force-retries", "-1"], "--force-retries"),
        (["--player", "llm"], "--player llm needs --llm-url and --llm-model"),
        (["--player", "gpt"], "--player must be random or llm"),
        (["--llm-url", "http://127.0.0.1:1/v1"], "need --player llm"),
        (["--player", "llm", "--llm-url", "127.0.0.1:1", "--llm-model", "m"], "--llm-url"),
        (
            ["--player", "llm", "--llm-url", "http://127.0.0.1:1/v1", "--llm-model", "m", "--llm-key-env", "NEURO_UNSET_KEY"],
            "NEURO_UNSET_KEY"
        ),
    ])
    func badOptionsAreRefused(arguments: [String], message: String) async throws {
        let (run, directory) = try await Self.run(arguments)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.exitCode == 64)
        #expect(run.standardError.contains(message), "\(run.standardError)")
    }

    /// `--spec` before 2026-08-20 with `--strict`: registering a name twice is an error that
    /// closes the connection; the report names it, with the late startup (`--late-threshold 0`).
    @Test func theReportNamesTheDiagnosticsOfTheChosenSpec() async throws {
        let (run, directory) = try await Self.run(
            [
                "--port", "0", "--port-file", "port", "--spec", "2026-08-19", "--strict", "--late-threshold", "0",
                "--report", "report.json", "--log-level", "warning", "--duration", "50",
            ]
        ) { processID, standardError in
            let portFile = standardError.deletingLastPathComponent().appendingPathComponent("port")
            var port: Int?
            try await eventually("neuro-sim is listening") {
                port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap {
                    Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
                }
                return port != nil
            }
            let transport = try await WebSocketConnector(logger: NeuroSimServerTests.quietLogger).connect(
                to: "ws://127.0.0.1:\(port ?? 0)")
            let register =
                #"{"command":"actions/register","game":"Old Game","data":{"actions":[{"name":"wait","description":"Wait."}]}}"#
            try await transport.send(#"{"command":"startup","game":"Old Game"}"#)
            try await transport.send(register)
            try await transport.send(register)
            // Whatever NeuroSim sends first (the startup acknowledgement), then its close.
            var closeCode: WebSocketCloseCode?
            for _ in 0..<10 {
                if case .closed(let code, _) = try await transport.receive() {
                    closeCode = code
                    break
                }
            }
            #expect(closeCode == .policyViolation, "--strict did not close the connection with 1008")
            kill(processID, SIGTERM)
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.exitCode == 0, "\(run.standardError)")
        let text = try String(contentsOf: directory.appendingPathComponent("report.json"), encoding: .utf8)
        let report = try JSONParser().parse(text)
        #expect(report["spec"] == "2026-08-19")
        #expect(report["diagnostics"]?["duplicateRegistration"] == ["severity": "error", "count": 1])
        #expect(report["diagnostics"]?["lateStartup"]?["severity"] == "performance")
        #expect(report["violationCount"] == 1)
    }

    /// `--record`: killed with SIGKILL mid-run, neuro-sim leaves every frame it had handled on
    /// file (no buffer to flush at exit).
    @Test func aKilledRunKeepsWhatItRecorded() async throws {
        let (run, directory) = try await Self.run(
            ["--port", "0", "--port-file", "port", "--record", "run.jsonl", "--log-level", "warning", "--duration", "50"]
        ) { processID, standardError in
            let folder = standardError.deletingLastPathComponent()
            var port: Int?
            try await eventually("neuro-sim is listening") {
                port = (try? String(contentsOf: folder.appendingPathComponent("port"), encoding: .utf8)).flatMap {
                    Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
                }
                return port != nil
            }
            let transport = try await WebSocketConnector(logger: NeuroSimServerTests.quietLogger).connect(
                to: "ws://127.0.0.1:\(port ?? 0)")
            try await transport.send(#"{"command":"startup","game":"Doomed"}"#)
            _ = try await transport.receive()  // the acknowledgement: the startup was handled
            try await transport.send(
                #"{"command":"actions/register","game":"Doomed","data":{"actions":[{"name":"wait","description":"Wait."}]}}"#)
            try await transport.send(#"{"command":"actions/force","game":"Doomed","data":{"query":"Q","action_names":["wait"]}}"#)
            _ = try await transport.receive()  // the action: the force was handled
            kill(processID, SIGKILL)
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.exitCode != 0, "killed")
        let text = try String(contentsOf: directory.appendingPathComponent("run.jsonl"), encoding: .utf8)
        let recording = try Recording(parsing: text)
        let connection = try #require(recording.connections.first)
        #expect(connection.game == "Doomed")
        #expect(connection.framesToNeuro.count == 3, "startup, register, force")
        #expect(connection.framesToGame.count == 2, "the acknowledgement and the action")
        #expect(!connection.entries.contains { $0.event == .ended }, "nothing written after the kill")
    }

    /// `neuro-sim replay` with a recording it cannot read exits 2 naming the line.
    @Test func aBadRecordingIsRefusedNamingTheLine() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("neuro-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try (#"{"format":"neuro-recording","version":1}"# + "\n" + #"{"time":1,"connection":1,"event":"boom"}"# + "\n")
            .write(to: directory.appendingPathComponent("bad.jsonl"), atomically: true, encoding: .utf8)
        let run = try await NeuroHostProcess.run(
            ["replay", "bad.jsonl", "--port", "0"], in: directory, executable: NeuroHostProcess.simulatorExecutable)
        #expect(run.exitCode == 2)
        #expect(run.standardError.contains("bad.jsonl: line 2:"), "\(run.standardError)")
    }
}
