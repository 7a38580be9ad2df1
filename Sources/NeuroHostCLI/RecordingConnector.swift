import Foundation
import Logging
import NeuroAPI
import NeuroSim
import Synchronization

/// `neuro-host --record DIR`: a connector that opens connections through another one and
/// records every frame of each, both ways, from the game's side (``RecordingTransport``), in a
/// file per game and connection attempt: `DIR/<game>-<attempt>.jsonl` (the title in lower
/// case, other characters than letters and digits as `-`; attempts from 1), in the format of
/// `neuro-sim --record` (``RecordedEntry``).
///
/// Only in the chain when `--record` is given: without it the host connects through
/// `WebSocketConnector` alone, and recording costs nothing.
struct RecordingConnector: NeuroConnector {
    /// Numbers the attempts of each game, and the connections that never said their title.
    final class Attempts: Sendable {
        private let counts = Mutex<[String: Int]>([:])

        /// The next attempt's number for `key`, from 1.
        func next(for key: String) -> Int {
            counts.withLock { counts in
                counts[key, default: 0] += 1
                return counts[key] ?? 1
            }
        }
    }

    let base: any NeuroConnector
    let directory: String
    let logger: Logger
    let attempts = Attempts()

    /// Creates the connector; the directory is created if missing.
    /// - Throws: `NeuroError` with `NeuroError/Code/recordingFailed` when it cannot be created.
    init(wrapping base: any NeuroConnector, directory: String, logger: Logger) throws(NeuroError) {
        self.base = base
        self.directory = directory
        self.logger = logger
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw NeuroError(code: .recordingFailed, message: "cannot create the recording directory \(directory): \(error)")
        }
    }

    func withConnection<Result: Sendable>(
        to url: String, _ body: (any NeuroTransport) async throws -> Result
    ) async throws -> Result {
        try await base.withConnection(to: url) { transport in
            let recording = RecordingTransport(wrapping: transport, logger: logger) { title in
                let key = Self.fileStem(for: title)
                let attempt = attempts.next(for: key)
                return ((directory as NSString).appendingPathComponent("\(key)-\(attempt).jsonl"), attempt)
            }
            defer { recording.finish() }
            return try await body(recording)
        }
    }

    /// A title as a file name: lower case letters and digits, runs of anything else as one `-`.
    static func fileStem(for title: String?) -> String {
        guard let title else { return "unidentified" }
        var stem = ""
        for character in title.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                stem.append(character)
            } else if !stem.hasSuffix("-") {
                stem.append("-")
            }
        }
        let trimmed = stem.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "game" : trimmed
    }
}
