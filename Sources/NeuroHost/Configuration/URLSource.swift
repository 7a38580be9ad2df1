import NeuroAPI

/// Where a game's URL came from, in order of precedence.
public enum URLSource: Sendable, Hashable, CustomStringConvertible {
    /// The `--url` flag: overrides everything, so the whole host can be pointed elsewhere.
    case flag
    /// The `NEURO_SDK_WS_URL` environment variable, as every official SDK reads it.
    case environment
    /// The game's own `url` in `games.json`.
    case game
    /// The top-level `url` in `games.json`.
    case file
    /// `ws://localhost:8000`.
    case builtInDefault

    public var description: String {
        switch self {
        case .flag: "--url"
        case .environment: NeuroURL.environmentVariable
        case .game: "the game's url"
        case .file: "the file's url"
        case .builtInDefault: "the default"
        }
    }
}
