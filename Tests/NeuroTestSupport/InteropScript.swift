import Foundation

/// Runs the Python interop scripts in `interop/`, which need Python 3 with `venv` and PyPI.
public enum InteropScript {
    /// Whether interop tests run: only when `NEURO_INTEROP=1` (`.ci/run` sets it).
    public static let isEnabled = ProcessInfo.processInfo.environment["NEURO_INTEROP"] == "1"

    /// The path of a built executable: `environmentVariable` when set, else `.build/debug/<name>`.
    public static func binary(_ name: String, overriddenBy environmentVariable: String) -> String {
        ProcessInfo.processInfo.environment[environmentVariable]
            ?? NeuroHostProcess.repositoryRoot.appendingPathComponent(".build/debug/\(name)").path
    }

    /// Runs `interop/<script>` with `arguments` from the repository root, its output going to
    /// the test's, and returns its exit status.
    public static func run(_ script: String, arguments: [String]) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [NeuroHostProcess.repositoryRoot.appendingPathComponent("interop/\(script)").path] + arguments
        process.currentDirectoryURL = NeuroHostProcess.repositoryRoot
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }
}
