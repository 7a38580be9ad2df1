import Foundation

/// Runs the built `neuro-host` executable as a child process, bounded by a timeout.
public enum NeuroHostProcess {
    /// What a finished run left behind.
    public struct Run: Sendable {
        public var exitCode: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// The process did not exit in time (it was terminated).
    public struct TimedOut: Error, CustomStringConvertible {
        public var arguments: [String]
        public var timeout: Duration

        public var description: String { "the run with \(arguments.joined(separator: " ")) did not exit within \(timeout)" }
    }

    /// The repository root, from this file's path.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `.build/debug/neuro-host`, built by `swift build --build-tests`.
    public static let executable = repositoryRoot.appendingPathComponent(".build/debug/neuro-host")

    /// Whether the executable has been built.
    public static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }

    /// `.build/debug/neuro-sim`, built by `swift build --build-tests`; run it with
    /// `run(_:in:timeout:executable:whileRunning:)`.
    public static let simulatorExecutable = repositoryRoot.appendingPathComponent(".build/debug/neuro-sim")

    /// Whether `neuro-sim` has been built.
    public static var isSimulatorBuilt: Bool { FileManager.default.isExecutableFile(atPath: simulatorExecutable.path) }

    /// Runs `neuro-host` (or another of the package's executables) with `arguments` in
    /// `directory` and waits for it to exit.
    /// - Parameter whileRunning: runs beside the process once it started, with its process id
    ///   and the file its standard error goes to (e.g. to send it a signal when it is ready).
    /// - Throws: ``TimedOut`` (after terminating it) when it runs longer than `timeout`.
    public static func run(
        _ arguments: [String],
        in directory: URL,
        timeout: Duration = .seconds(30),
        executable: URL = executable,
        whileRunning: @escaping @Sendable (_ processID: Int32, _ standardError: URL) async throws -> Void = { _, _ in }
    ) async throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // The URL comes from the configuration (or --simulate), never from the test runner.
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "NEURO_SDK_WS_URL" }
        // Files, not pipes: a chatty child can never block on a full pipe buffer.
        let outputURL = directory.appendingPathComponent("stdout-\(UUID().uuidString).txt")
        let errorURL = directory.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? error.close()
        }
        process.standardOutput = output
        process.standardError = error
        let (exits, exitContinuation) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exitContinuation.yield($0.terminationStatus) }
        try process.run()
        enum Outcome {
            case exited(Int32)
            case timedOut
            case actionDone
        }
        let processID = process.processIdentifier
        let exitCode = try await withThrowingTaskGroup(of: Outcome.self) { group -> Int32? in
            group.addTask {
                var iterator = exits.makeAsyncIterator()
                return await iterator.next().map(Outcome.exited) ?? .timedOut
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return .timedOut
            }
            group.addTask {
                try await whileRunning(processID, errorURL)
                return .actionDone
            }
            while let outcome = try await group.next() {
                switch outcome {
                case .exited(let code):
                    group.cancelAll()
                    return code
                case .timedOut:
                    group.cancelAll()
                    return nil
                case .actionDone:
                    continue
                }
            }
            return nil
        }
        guard let exitCode else {
            process.terminate()
            throw TimedOut(arguments: arguments, timeout: timeout)
        }
        return Run(
            exitCode: exitCode,
            standardOutput: (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        )
    }
}
