import GamePlugins
import NeuroAPI
import NeuroHost

/// Shared inputs of the configuration tests.
enum ConfigurationFixtures {
    /// The ids of the five built-in games, with any settings (``FormatOnlyGame``).
    static let catalog = FormatOnlyGames.catalog

    /// Decodes `text` with no environment and no flag.
    static func decode(
        _ text: String,
        environment: [String: String] = [:],
        urlFlag: String? = nil
    ) throws(InvalidConfiguration) -> HostConfiguration {
        try HostConfiguration.decode(text: text, catalog: catalog, environment: environment, urlFlag: urlFlag)
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
