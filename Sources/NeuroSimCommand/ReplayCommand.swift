import ArgumentParser
import Foundation
import Logging
import NeuroAPI
import NeuroSim
import UnixSignals

/// `neuro-sim replay FILE…`: serves as Neuro and plays a recording's Neuro side again to the
/// games that connect, printing every divergence; exits 0 when there is none, 1 otherwise.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neuro-sim replay",
        abstract: "Play a recording's Neuro side again and compare what the games send.",
        discussion: """
            FILE is a recording of neuro-sim --record, or of neuro-host --record (a file per game \
            and connection: name several files, or their directory). Each game that connects is \
            matched by its title to the next recorded connection of that title. Every frame Neuro \
            sent is sent again once the game has sent what preceded it, after the recorded delay \
            (--fast: at once); the game's frames are compared in order with the recorded ones as \
            JSON (key order, whitespace and number spelling may differ; action ids are the \
            recorded ones). What a game sends after Neuro's last recorded frame is not compared. \
            Each divergence is printed (game, frame number, expected, got). Stops when every \
            recorded connection is done, or after --duration (default: the recording's length \
            plus 60 s); a connection never made or unfinished then is a divergence. Exit code 0 \
            without divergence, 1 with, 2 for a recording that cannot be read.
            """
    )

    @Argument(help: "The recording(s): files, or a directory of .jsonl files.") var files: [String]
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on; 0 picks a free one.") var port = 8000
    @Option(help: "Write the bound port to this file once listening.") var portFile: String?
    @Option(help: "Write the verdict as JUnit XML to this file (a test case per recorded connection).")
    var junit: String?
    @Option(help: "Write the replay's report (JSON) to this file.") var report: String?
    @Flag(help: "Skip the recorded delays: send Neuro's frames as soon as the game has sent what precedes them.")
    var fast = false
    @Option(help: "Stop after this many seconds (default: the recording's length plus 60).") var duration: Double?
    @Option(help: "trace, debug, info, notice, warning, error or critical.") var logLevel = "warning"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        if let duration, !(duration > 0) { throw ValidationError("--duration must be a number of seconds above 0") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .warning
        LoggingSystem.bootstrapStandardError(level: level)
        let logger = Logger(label: "neuro.sim.replay")
        let recording: Recording
        do {
            recording = try Self.load(files)
        } catch {
            FileHandle.standardError.write(Data("neuro-sim replay: \(error)\n".utf8))
            throw ExitCode(2)
        }
        var configuration = ReplayConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.isFast = fast
        configuration.duration = duration.map { .milliseconds(Int64($0 * 1000)) }
        let replay = NeuroSimReplay(recording: recording, configuration: configuration, logger: logger)
        let portFile = self.portFile
        let outcome = try await withThrowingTaskGroup(of: ReplayReport?.self) { group in
            group.addTask {
                try await replay.run { port in
                    logger.info("listening", metadata: ["neuro.listener.port": "\(port)"])
                    if let portFile { try? "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8) }
                }
            }
            group.addTask {
                // SIGINT or SIGTERM stops the replay early; the report still comes.
                for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
                    replay.stop()
                    break
                }
                return nil
            }
            var report: ReplayReport?
            while let next = try await group.next() {
                if let next {
                    report = next
                    break
                }
            }
            group.cancelAll()
            return report
        }
        guard let outcome else { throw ExitCode.failure }
        for divergence in outcome.divergences { print("divergence: \(divergence)") }
        let matched = outcome.connections.count { $0.outcome == .completed }
        if let first = outcome.divergences.first {
            print("first divergence: \(first)")
        }
        print(
            "replay: \(outcome.connections.count) recorded connections, \(matched) replayed without divergence, "
                + "\(outcome.divergences.count) divergences")
        if let junit {
            try JUnitReport(replay: outcome).xml.write(toFile: junit, atomically: true, encoding: .utf8)
        }
        if let report {
            try (JSONWriter.string(from: outcome.jsonValue) + "\n").write(toFile: report, atomically: true, encoding: .utf8)
        }
        if !outcome.isClean { throw ExitCode.failure }
    }

    /// Reads the recordings and joins them into one, numbering connections after each other.
    static func load(_ paths: [String]) throws -> Recording {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw NeuroError(code: .invalidRecording, message: "\(path): no such file or directory")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".jsonl") }.sorted()
                guard !names.isEmpty else { throw NeuroError(code: .invalidRecording, message: "\(path): no .jsonl file in it") }
                files += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        var joined: Recording?
        for file in files {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw NeuroError(code: .invalidRecording, message: "\(file): cannot be read as UTF-8 text")
            }
            var recording: Recording
            do {
                recording = try Recording(parsing: text)
            } catch {
                throw NeuroError(code: .invalidRecording, message: "\(file): \(error.message)")
            }
            guard var all = joined else {
                joined = recording
                continue
            }
            let offset = all.entries.map(\.connection).max() ?? 0
            for index in recording.entries.indices { recording.entries[index].connection += offset }
            all.entries += recording.entries
            joined = all
        }
        guard let joined else { throw NeuroError(code: .invalidRecording, message: "no recording given") }
        return joined
    }
}
