import Foundation
import Testing

/// Plays neuro-host's five games against `interop/python_server.py`, a Neuro stand-in on the
/// PyPI `neuro-api` package's own server module, through `interop/run_server_interop.sh`: every
/// game must connect, register, be forced and answer every action, and the library's own
/// validation must find nothing.
///
/// Needs Python 3 with `venv` and access to PyPI, so it runs only when `NEURO_INTEROP=1`;
/// otherwise it is reported as skipped. The binary is `NEURO_HOST_BINARY`, or
/// `.build/debug/neuro-host` (built by `swift build --build-tests`).
@Suite(.timeLimit(.minutes(10)))
struct PythonServerInteropTests {
    static let isEnabled = ProcessInfo.processInfo.environment["NEURO_INTEROP"] == "1"

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    @Test(
        .enabled(
            if: isEnabled,
            "set NEURO_INTEROP=1 to play neuro-host against the PyPI neuro-api reference server (needs python3 and PyPI)")
    )
    func everyGamePlaysAgainstThePythonReferenceServer() async throws {
        let environment = ProcessInfo.processInfo.environment
        let binary =
            environment["NEURO_HOST_BINARY"]
            ?? Self.repositoryRoot.appendingPathComponent(".build/debug/neuro-host").path
        try #require(
            FileManager.default.isExecutableFile(atPath: binary),
            "neuro-host is not built at \(binary); run swift build --build-tests or set NEURO_HOST_BINARY")
        let script = Self.repositoryRoot.appendingPathComponent("interop/run_server_interop.sh").path

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, binary, "8"]
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
        #expect(status == 0, "interop/run_server_interop.sh failed; its output above says why")
    }
}
