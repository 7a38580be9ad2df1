import Foundation

/// What `neuro-host` prints (or writes) at exit: one entry per game.
public struct HostSummary: Sendable, Hashable, Codable {
    /// Seconds the host ran.
    public var secondsRunning: Double
    /// The URL every game was pointed at by `--simulate` or `--url`, if any.
    public var url: String?
    /// Every game, in configuration order.
    public var games: [GameStatus]

    /// Creates a summary.
    public init(secondsRunning: Double, url: String?, games: [GameStatus]) {
        self.secondsRunning = secondsRunning
        self.url = url
        self.games = games
    }

    /// Pretty-printed JSON with sorted keys.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
