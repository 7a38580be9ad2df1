import Foundation
import GamePlugins
import NeuroAPI

extension NeuroError.Code {
    /// A game could not be saved.
    public static let saveFailed = NeuroError.Code("saveFailed")
    /// A saved game could not be read back.
    public static let restoreFailed = NeuroError.Code("restoreFailed")
}

/// Saves games to, and restores them from, a directory: one JSON file per game title.
///
/// Writes are atomic (a temporary file renamed over the old one), so a crash mid-write never
/// leaves a torn save. A save that cannot be read back is moved aside, never overwritten.
public struct GameSaveStore: Sendable {
    /// The directory holding the saves.
    public let directory: URL

    /// Creates a store; the directory is created on the first save.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The file that holds the save of a game title.
    public func fileURL(forTitle title: String) -> URL {
        let safe = title.lowercased().unicodeScalars.map { scalar -> String in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII ? String(scalar) : "-"
        }.joined()
        // A checksum of the exact title keeps "A b" and "a-b" apart.
        var checksum: UInt32 = 2_166_136_261
        for byte in title.utf8 { checksum = (checksum ^ UInt32(byte)) &* 16_777_619 }
        return directory.appendingPathComponent("\(safe.prefix(60))-\(String(checksum, radix: 16)).json")
    }

    /// Saves a game.
    /// - Throws: `NeuroError` with `NeuroError/Code/saveFailed`.
    public func save<Plugin: GamePlugin>(_ plugin: Plugin, title: String) throws(NeuroError) {
        let file = GameSaveFile(plugin: Plugin.id, title: title, state: plugin)
        let url = fileURL(forTitle: title)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(file).write(to: url, options: .atomic)
        } catch {
            throw NeuroError(code: .saveFailed, message: "could not save \"\(title)\" to \(url.path): \(error)", cause: error)
        }
    }

    /// Restores a game, or returns `nil` when it has no save.
    ///
    /// A save that cannot be decoded (another plugin's, an older format, a damaged file) is
    /// renamed to `….corrupt-<time>.json` and reported, so starting fresh loses nothing.
    /// - Throws: `NeuroError` with `NeuroError/Code/restoreFailed` naming the file and
    ///   where it was moved.
    public func restore<Plugin: GamePlugin>(_ type: Plugin.Type, title: String) throws(NeuroError) -> Plugin? {
        let url = fileURL(forTitle: title)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            let data = try Data(contentsOf: url)
            let file = try JSONDecoder().decode(GameSaveFile<Plugin>.self, from: data)
            guard file.plugin == Plugin.id else {
                throw NeuroError(
                    code: .restoreFailed,
                    message: "the save belongs to plugin \"\(file.plugin)\", not \"\(Plugin.id)\""
                )
            }
            return file.state
        } catch {
            let aside = url.deletingPathExtension().appendingPathExtension(
                "corrupt-\(Int(Date().timeIntervalSince1970)).json"
            )
            try? FileManager.default.moveItem(at: url, to: aside)
            throw NeuroError(
                code: .restoreFailed,
                message: "could not restore \"\(title)\" from \(url.path) (moved to \(aside.lastPathComponent)): \(error)",
                cause: error
            )
        }
    }
}

/// The JSON written for one saved game.
struct GameSaveFile<Plugin: GamePlugin>: Codable {
    var format = 1
    var plugin: String
    var title: String
    var state: Plugin
}
