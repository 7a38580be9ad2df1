import Foundation
import NeuroAPI

/// A child process that announces its port in a file: `neuro-sim`, the echo server, or the
/// Python reference. Stopped with SIGTERM (and SIGKILL if it has not exited within a bound).
final class ChildProcess {
    let name: String
    private let process = Process()
    private let exits: AsyncStream<Int32>
    private var exitStatus: Int32?
    let directory: URL

    /// Starts `executable` with `arguments`; `{dir}` in an argument becomes a fresh temporary
    /// directory (for the port file and the report).
    init(name: String, executable: String, arguments: [String]) throws {
        self.name = name
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("neuro-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let (exits, continuation) = AsyncStream<Int32>.makeStream()
        self.exits = exits
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments.map { $0.replacingOccurrences(of: "{dir}", with: directory.path) }
        process.terminationHandler = { process in
            continuation.yield(process.terminationStatus)
            continuation.finish()
        }
        do {
            try process.run()
        } catch {
            throw NeuroError(code: .benchFailed, message: "could not start \(name) (\(executable))", cause: error)
        }
    }

    /// A file in the process's temporary directory.
    func path(_ file: String) -> String { directory.appendingPathComponent(file).path }

    /// Waits (up to `timeout`) for the port the child writes to `{dir}/port`.
    func port(timeout: Duration = .seconds(60)) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, process.isRunning {
            if let text = try? String(contentsOfFile: path("port"), encoding: .utf8),
                let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return port
            }
            // Polling a file another process writes: there is no event to await.
            try await Task.sleep(for: .milliseconds(10))
        }
        throw NeuroError(code: .benchFailed, message: "\(name) did not write its port within \(timeout)")
    }

    /// Waits for the child to exit by itself.
    @discardableResult
    func waitForExit() async -> Int32 {
        if let exitStatus { return exitStatus }
        for await status in exits {
            exitStatus = status
            return status
        }
        return exitStatus ?? -1
    }

    /// The child's process identifier.
    var processIdentifier: Int32 { process.processIdentifier }

    /// Sends `signalNumber` to the child if it is still running.
    func send(signal signalNumber: Int32) {
        if process.isRunning { kill(process.processIdentifier, signalNumber) }
    }

    /// Sends SIGTERM and waits for the exit, at most `timeout`; a child still running then is
    /// killed (SIGKILL) and said so on standard error, so a benchmark never waits for ever on a
    /// child that hangs in its shutdown.
    @discardableResult
    func stop(timeout: Duration = .seconds(15)) async -> Int32 {
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + timeout
            // Polling the child: `exits` has one consumer, `waitForExit`, which this must not
            // cancel; the loop is bounded by the deadline.
            while process.isRunning, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            if process.isRunning {
                FileHandle.standardError.write(
                    Data("neuro-bench: \(name) did not exit within \(timeout) of SIGTERM; killing it\n".utf8))
                kill(process.processIdentifier, SIGKILL)
            }
        }
        return await waitForExit()
    }

    /// Removes the temporary directory.
    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    /// The JSON object the child wrote to `{dir}/file`.
    func jsonObject(_ file: String) throws -> [String: Any] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path(file)))
        } catch {
            throw NeuroError(code: .benchFailed, message: "\(name) wrote no \(file)", cause: error)
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NeuroError(code: .benchFailed, message: "\(name)'s \(file) is not a JSON object")
        }
        return object
    }
}

extension NeuroError.Code {
    /// A benchmark could not run (a child process failed, a wait timed out).
    static let benchFailed = NeuroError.Code("benchFailed")
}
