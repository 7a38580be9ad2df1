import GamePlugins

extension DiceDuel {
    /// The settings of ``DiceDuel``, from the game's `settings` object in `games.json`; every
    /// one has a default, so `{}` is a game.
    ///
    /// ```json
    /// {"startingChips": 20, "maximumBet": 5, "dice": 3, "rerolls": 1, "rounds": 5}
    /// ```
    public struct Settings: Codable, Hashable, Sendable {
        /// Chips at the start of every match; 20 by default, from 1 to 1000.
        public var startingChips: Int
        /// The most chips one round may be bet; 5 by default, from 1 to `startingChips`.
        public var maximumBet: Int
        /// Dice each side rolls; 3 by default, from 1 to 6.
        public var dice: Int
        /// How often a round's dice may be rerolled; 1 by default, from 0 to 3.
        public var rerolls: Int
        /// Rounds in a match; 5 by default, from 1 to 100.
        public var rounds: Int

        /// Creates settings.
        public init(startingChips: Int = 20, maximumBet: Int = 5, dice: Int = 3, rerolls: Int = 1, rounds: Int = 5) {
            self.startingChips = startingChips
            self.maximumBet = maximumBet
            self.dice = dice
            self.rerolls = rerolls
            self.rounds = rounds
        }

        private enum CodingKeys: String, CodingKey {
            case startingChips
            case maximumBet
            case dice
            case rerolls
            case rounds
        }

        /// Decodes settings; a missing field (or `null`) takes its default.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = Settings()
            self.init(
                startingChips: try container.decodeIfPresent(Int.self, forKey: .startingChips) ?? defaults.startingChips,
                maximumBet: try container.decodeIfPresent(Int.self, forKey: .maximumBet) ?? defaults.maximumBet,
                dice: try container.decodeIfPresent(Int.self, forKey: .dice) ?? defaults.dice,
                rerolls: try container.decodeIfPresent(Int.self, forKey: .rerolls) ?? defaults.rerolls,
                rounds: try container.decodeIfPresent(Int.self, forKey: .rounds) ?? defaults.rounds
            )
        }

        /// Checks the settings.
        /// - Throws: `GamePluginError` naming the setting that is out of range.
        func validate() throws(GamePluginError) {
            func require(_ value: Int, in range: ClosedRange<Int>, _ setting: String) throws(GamePluginError) {
                guard range.contains(value) else {
                    throw GamePluginError(
                        setting: setting, message: "must be from \(range.lowerBound) to \(range.upperBound), not \(value)")
                }
            }
            try require(startingChips, in: 1...1000, "startingChips")
            try require(maximumBet, in: 1...startingChips, "maximumBet")
            try require(dice, in: 1...6, "dice")
            try require(rerolls, in: 0...3, "rerolls")
            try require(rounds, in: 1...100, "rounds")
        }
    }
}
