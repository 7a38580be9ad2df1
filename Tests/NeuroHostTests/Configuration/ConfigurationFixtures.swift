import NeuroAPI
import NeuroHost

/// Shared inputs of the configuration tests.
enum ConfigurationFixtures {
    /// The five plugins of the catalog, id → default title.
    static let knownPlugins: [String: String] = [
        "tic-tac-toe": "Tic Tac Toe",
        "hangman": "Hangman",
        "guess-the-number": "Guess the Number",
        "blackjack": "Blackjack",
        "minesweeper": "Minesweeper",
    ]

    /// Decodes `text` with no environment and no flag.
    static func decode(
        _ text: String,
        environment: [String: String] = [:],
        urlFlag: String? = nil
    ) throws(InvalidConfiguration) -> HostConfiguration {
        try HostConfiguration.decode(text: text, knownPlugins: knownPlugins, environment: environment, urlFlag: urlFlag)
    }

    /// The errors decoding `text` reports, or an empty list when it decodes.
    static func errors(of text: String, environment: [String: String] = [:], urlFlag: String? = nil) -> [ConfigurationProblem] {
        do {
            _ = try decode(text, environment: environment, urlFlag: urlFlag)
            return []
        } catch {
            return error.problems
        }
    }
}
