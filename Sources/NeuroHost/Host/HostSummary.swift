import Foundation
import NeuroAPI

/// What `neuro-host` prints (or writes) at exit, and the dashboard's `GET /api/status`: one
/// entry per game, and with `--simulate` NeuroSim's verdict on them.
package struct HostSummary: Sendable, Hashable, Codable {
    /// Seconds the host ran.
    package var secondsRunning: Double
    /// The URL every game was pointed at by `--simulate` or `--url`, if any.
    package var url: String?
    /// Every game, in configuration order.
    package var games: [GameStatus]
    /// With `--simulate`: the in-process NeuroSim's report, the JSON `neuro-sim --report FILE`
    /// writes (`violationCount`, `violations`, `diagnostics`, and per game title under `games`
    /// the connections and counts). `nil` without a simulator, and then absent from the JSON.
    ///
    /// A `JSONValue` rather than NeuroSim's own type: NeuroHost does not depend on NeuroSim.
    package var neuroSim: JSONValue?

    /// Creates a summary.
    package init(secondsRunning: Double, url: String?, games: [GameStatus], neuroSim: JSONValue? = nil) {
        self.secondsRunning = secondsRunning
        self.url = url
        self.games = games
        self.neuroSim = neuroSim
    }

    private enum CodingKeys: String, CodingKey {
        case secondsRunning, url, games, neuroSim
    }

    /// Decodes a summary; `neuroSim` is any JSON value.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        secondsRunning = try container.decode(Double.self, forKey: .secondsRunning)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        games = try container.decode([GameStatus].self, forKey: .games)
        neuroSim = try container.decodeIfPresent(CodableJSONValue.self, forKey: .neuroSim)?.value
    }

    /// Encodes a summary; `neuroSim` only when there is one.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(secondsRunning, forKey: .secondsRunning)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encode(games, forKey: .games)
        try container.encodeIfPresent(neuroSim.map(CodableJSONValue.init), forKey: .neuroSim)
    }

    /// Pretty-printed JSON with sorted keys.
    package func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
