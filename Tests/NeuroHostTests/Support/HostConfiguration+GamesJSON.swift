import GamePlugins
import GameSessions

@testable import NeuroHost

extension HostConfiguration {
    /// The embedded default (every game of `games.json`) with every game pointed at `url`.
    static func gamesJSON(url: String) throws -> HostConfiguration {
        let text = embeddedDefault.replacingOccurrences(of: "ws://localhost:8000", with: url)
        return try decode(text: text, catalog: .builtIn, environment: [:])
    }
}
