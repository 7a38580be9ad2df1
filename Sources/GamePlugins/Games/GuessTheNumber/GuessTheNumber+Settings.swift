extension GuessTheNumber {
    /// The settings of ``GuessTheNumber``, from the game's `settings` object in `games.json`.
    ///
    /// ```json
    /// {"lowest": 1, "highest": 1000, "attempts": 10}
    /// ```
    public struct Settings: Codable, Hashable, Sendable {
        /// The smallest possible number; 1 by default.
        public var lowest: Int
        /// The largest possible number, above `lowest`; 100 by default.
        public var highest: Int
        /// Guesses per round, at least 1; 7 by default.
        public var attempts: Int

        /// Creates settings.
        public init(lowest: Int = 1, highest: Int = 100, attempts: Int = 7) {
            self.lowest = lowest
            self.highest = highest
            self.attempts = attempts
        }

        /// Decodes settings; a missing field takes its default.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                lowest: try container.decodeIfPresent(Int.self, forKey: .lowest) ?? 1,
                highest: try container.decodeIfPresent(Int.self, forKey: .highest) ?? 100,
                attempts: try container.decodeIfPresent(Int.self, forKey: .attempts) ?? 7
            )
        }

        /// The limit on the size of `lowest` and `highest`, which keeps every sum in range.
        static let magnitudeLimit = 1_000_000_000
        /// The most attempts a round may have.
        static let attemptsLimit = 1000

        /// Checks the settings.
        /// - Throws: ``GamePluginError`` naming `lowest`, `highest` or `attempts`.
        func validate() throws(GamePluginError) {
            let limits = -Self.magnitudeLimit...Self.magnitudeLimit
            guard limits.contains(lowest) else {
                throw GamePluginError(setting: "lowest", message: "must be from -1000000000 to 1000000000, not \(lowest)")
            }
            guard limits.contains(highest) else {
                throw GamePluginError(setting: "highest", message: "must be from -1000000000 to 1000000000, not \(highest)")
            }
            guard lowest < highest else {
                throw GamePluginError(
                    setting: "highest",
                    message: "must be above lowest (\(lowest)), not \(highest); raise highest or lower lowest"
                )
            }
            guard (1...Self.attemptsLimit).contains(attempts) else {
                throw GamePluginError(setting: "attempts", message: "must be from 1 to \(Self.attemptsLimit), not \(attempts)")
            }
        }
    }
}
