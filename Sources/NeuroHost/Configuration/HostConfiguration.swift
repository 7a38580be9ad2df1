import Foundation
import GamePlugins
import NeuroAPI

/// What `neuro-host` plays and how: the decoded `games.json`.
///
/// Every error in the file is found before anything connects, each with its JSON path, its
/// line and column, and a fix (see ``InvalidConfiguration``). A complete file:
///
/// ```json
/// {
///     "url": "ws://localhost:8000",
///     "saveDirectory": "saves",
///     "restartPolicy": { "initialDelay": 1, "maximumDelay": 60, "multiplier": 2, "jitter": 0.2,
///                        "maximumRestarts": null, "healthyAfter": 30 },
///     "games": [
///         { "plugin": "tic-tac-toe" },
///         { "plugin": "guess-the-number", "title": "Guess the Number (hard)", "settings": {},
///           "enabled": false, "url": "ws://localhost:8001", "restartPolicy": { "maximumRestarts": 5 } }
///     ]
/// }
/// ```
///
/// Only `games` and each game's `plugin` are required. Durations are seconds (numbers, at most
/// a day). Keys are case-sensitive camelCase; an unknown key is an error, so typos do not pass
/// silently. A top-level `"$schema"` (any string) is allowed, so an editor can check the file
/// against the schema `neuro-host --print-schema` writes (``jsonSchema(for:)``).
///
/// **Plugins and settings.** The plugins come from a `GameCatalog` (`GameCatalog.builtIn`, or a
/// developer's own): a game's `plugin` must be one of its ids, the title defaults to the
/// plugin's, and each game's `settings` are decoded and tried by its plugin while the file is
/// read, so a refused setting is reported at its own line and column
/// (`ConfigurationProblem.Code.invalidSettings`).
///
/// **URLs.** Each game's URL is, in order of precedence: the `--url` flag, the
/// `NEURO_SDK_WS_URL` environment variable, the game's `url`, the file's `url`, and
/// `ws://localhost:8000`. The flag and the variable override per-game URLs too, so one switch
/// points the whole host at another Neuro (a local NeuroSim, say); per-game URLs serve a file
/// that deliberately spreads games over several servers.
public struct HostConfiguration: Sendable, Hashable {
    /// The largest file accepted: 4 MiB.
    public static let maximumFileSize = 4 << 20
    /// The most games a file may list.
    public static let maximumGameCount = 10_000
    /// The longest title, in characters.
    public static let maximumTitleLength = 100
    /// The longest duration accepted, in seconds: one day.
    public static let maximumDurationSeconds: Double = 86_400
    /// The save directory when the file gives none.
    public static let defaultSaveDirectory = "saves"

    /// The file's default URL (its top-level `url`), when it has one. Each game's effective URL
    /// is ``GameConfiguration/url``.
    public var url: String?
    /// Where games are saved. ``load(path:catalog:environment:urlFlag:)`` resolves a
    /// relative directory against the directory of the file; `~` is not expanded.
    public var saveDirectory: String
    /// The default restart policy, which each game may partially override.
    public var restartPolicy: RestartPolicy
    /// The games, in file order, enabled or not.
    public var games: [GameConfiguration]
    /// The relay for games written with other SDKs (`"relay"`), when the file has one; see
    /// ``RelayConfiguration``. With a relay, `games` may be empty.
    public var relay: RelayConfiguration?

    /// The games the host plays.
    public var enabledGames: [GameConfiguration] { games.filter(\.isEnabled) }

    /// Creates a configuration; every parameter has a default.
    public init(
        url: String? = nil,
        saveDirectory: String = HostConfiguration.defaultSaveDirectory,
        restartPolicy: RestartPolicy = RestartPolicy(),
        games: [GameConfiguration] = [],
        relay: RelayConfiguration? = nil
    ) {
        self.url = url
        self.saveDirectory = saveDirectory
        self.restartPolicy = restartPolicy
        self.games = games
        self.relay = relay
    }

    /// Reads and decodes a configuration file.
    ///
    /// A relative ``saveDirectory`` is resolved against the directory that holds the file.
    ///
    /// - Parameters:
    ///   - path: the file's path, as the user gave it (it names the file in errors).
    ///   - catalog: the plugins the host has: their ids, default titles and settings.
    ///   - environment: the process environment, for `NEURO_SDK_WS_URL`.
    ///   - urlFlag: the `--url` flag, when given.
    /// - Throws: ``InvalidConfiguration`` with every problem found: a missing, unreadable or
    ///   oversized file, or anything ``decode(text:file:catalog:environment:urlFlag:)``
    ///   reports.
    public static func load(
        path: String,
        catalog: GameCatalog,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        urlFlag: String? = nil
    ) throws(InvalidConfiguration) -> HostConfiguration {
        let bytes = try readFile(at: path)
        var configuration = try decode(
            bytes: bytes,
            file: path,
            catalog: catalog,
            environment: environment,
            urlFlag: urlFlag
        )
        if !configuration.saveDirectory.hasPrefix("/") {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                configuration.saveDirectory = (directory as NSString).appendingPathComponent(configuration.saveDirectory)
            }
        }
        return configuration
    }

    /// Decodes a configuration from its JSON text.
    ///
    /// - Parameters:
    ///   - text: the JSON text.
    ///   - file: the file name used in errors.
    ///   - catalog: the plugins the host has: their ids, default titles and settings.
    ///   - environment: the process environment, for `NEURO_SDK_WS_URL`.
    ///   - urlFlag: the `--url` flag, when given.
    /// - Throws: ``InvalidConfiguration`` with every problem found, in document order.
    public static func decode(
        text: String,
        file: String = "games.json",
        catalog: GameCatalog,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        urlFlag: String? = nil
    ) throws(InvalidConfiguration) -> HostConfiguration {
        try decode(
            bytes: Array(text.utf8),
            file: file,
            catalog: catalog,
            environment: environment,
            urlFlag: urlFlag
        )
    }

    /// Decodes a configuration from its JSON text as UTF-8 bytes.
    ///
    /// - Throws: ``InvalidConfiguration`` with every problem found, in document order.
    public static func decode(
        bytes: [UInt8],
        file: String = "games.json",
        catalog: GameCatalog,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        urlFlag: String? = nil
    ) throws(InvalidConfiguration) -> HostConfiguration {
        var decoder = HostConfigurationDecoder(file: file, catalog: catalog)
        let configuration = decoder.decode(bytes: bytes, environment: environment, urlFlag: urlFlag)
        guard let configuration, decoder.problems.isEmpty else {
            throw InvalidConfiguration(decoder.problems)
        }
        return configuration
    }

    /// Each game's URL and where it came from: the `--url` flag, else `NEURO_SDK_WS_URL`, else
    /// the game's `url`, else the file's `url`, else `ws://localhost:8000`. Empty strings count
    /// as absent.
    public static func resolveURL(
        flag: String?,
        environment: [String: String],
        game: String?,
        file: String?
    ) -> (url: String, source: URLSource) {
        if let flag, !flag.isEmpty { return (flag, .flag) }
        if let value = environment[NeuroURL.environmentVariable], !value.isEmpty { return (value, .environment) }
        if let game, !game.isEmpty { return (game, .game) }
        if let file, !file.isEmpty { return (file, .file) }
        return (NeuroURL.defaultURL, .builtInDefault)
    }

    private static func readFile(at path: String) throws(InvalidConfiguration) -> [UInt8] {
        func failure(_ code: ConfigurationProblem.Code, _ message: String, _ fix: String) -> InvalidConfiguration {
            InvalidConfiguration([ConfigurationProblem(code: code, file: path, path: nil, message: message, fix: fix)])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure(
                .fileNotFound,
                "no such file",
                "create it (the repository's games.json is a sample to copy) or give the path of an existing file"
            )
        }
        guard !isDirectory.boolValue else {
            throw failure(.unreadableFile, "is a directory, not a file", "give the path of the JSON file itself")
        }
        let handle: FileHandle
        let bytes: Data?
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            // One byte more than the limit tells an oversized file (or an endless device) apart.
            bytes = try handle.read(upToCount: maximumFileSize + 1)
        } catch {
            throw failure(.unreadableFile, "cannot be read: \(error.localizedDescription)", "check the file's permissions")
        }
        let contents = [UInt8](bytes ?? Data())
        guard contents.count <= maximumFileSize else {
            throw failure(
                .fileTooLarge,
                "is larger than the limit of \(maximumFileSize) bytes",
                "a games.json is a few kilobytes; check that this is the right file"
            )
        }
        return contents
    }
}
