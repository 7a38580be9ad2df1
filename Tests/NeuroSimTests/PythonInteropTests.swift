import Foundation
import Testing

/// Plays `interop/python_game.py`, a game on the real `neuro-api` package from PyPI, against
/// the `neuro-sim` executable, through `interop/run_interop.sh`.
///
/// Needs Python 3 with `venv` and access to PyPI, so it runs only when `NEURO_INTEROP=1`;
/// otherwise it is reported as skipped. The binary is `NEURO_SIM_BINARY`, or
/// `.build/debug/neuro-sim` (build it first: `swift build --product neuro-sim`).
@Suite(.timeLimit(.minutes(10)))
struct PythonInteropTests {
    static let isEnabled = ProcessInfo.processInfo.environment["NEURO_INTEROP"] == "1"

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test(
        .enabled(
            if: isEnabled,
            "set NEURO_INTEROP=1 to play the PyPI neuro-api client against neuro-sim (needs python3 and PyPI)")
    )
    func pythonReferenceGamePlaysWithoutViolations() async throws {
        let environment = ProcessInfo.processInfo.environment
        let binary =
            environment["NEURO_SIM_BINARY"]
            ?? Self.repositoryRoot.appendingPathComponent(".build/debug/neuro-sim").path
        try #require(
            FileManager.default.isExecutableFile(atPath: binary),
            "neuro-sim is not built at \(binary); run swift build --product neuro-sim or set NEURO_SIM_BINARY")
        let script = Self.repositoryRoot.appendingPathComponent("interop/run_interop.sh").path

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, binary, "5"]
        process.currentDirectoryURL = Self.repositoryRoot
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        #expect(status == 0, "interop/run_interop.sh failed; its output above says why")
    }
}
