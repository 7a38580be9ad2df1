extension Blackjack {
    /// The settings of ``Blackjack``, from the game's `settings` object in `games.json`.
    ///
    /// ```json
    /// {"startingChips": 200, "minimumBet": 5, "maximumBet": 50, "decks": 2}
    /// ```
    public struct Settings: Codable, Hashable, Sendable {
        /// Chips at the start, and again whenever Neuro goes broke; 100 by default.
        public var startingChips: Int
        /// The smallest bet, at least 1; 10 by default.
        public var minimumBet: Int
        /// The largest bet, at least `minimumBet`; 50 by default.
        public var maximumBet: Int
        /// Decks in the shoe, 1 to 8; 1 by default.
        public var decks: Int

        /// Creates settings.
        public init(startingChips: Int = 100, minimumBet: Int = 10, maximumBet: Int = 50, decks: Int = 1) {
            self.startingChips = startingChips
            self.minimumBet = minimumBet
            self.maximumBet = maximumBet
            self.decks = decks
        }

        /// Decodes settings; a missing field takes its default.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                startingChips: try container.decodeIfPresent(Int.self, forKey: .startingChips) ?? 100,
                minimumBet: try container.decodeIfPresent(Int.self, forKey: .minimumBet) ?? 10,
                maximumBet: try container.decodeIfPresent(Int.self, forKey: .maximumBet) ?? 50,
                decks: try container.decodeIfPresent(Int.self, forKey: .decks) ?? 1
            )
        }

        /// The most chips any setting may name, which keeps every payout in range.
        static let chipLimit = 1_000_000_000

        /// Checks the settings.
        /// - Throws: ``GamePluginError`` naming the setting at fault.
        func validate() throws(GamePluginError) {
            guard (1...Self.chipLimit).contains(minimumBet) else {
                throw GamePluginError(setting: "minimumBet", message: "must be from 1 to \(Self.chipLimit), not \(minimumBet)")
            }
            guard (minimumBet...Self.chipLimit).contains(maximumBet) else {
                throw GamePluginError(
                    setting: "maximumBet",
                    message: "must be from minimumBet (\(minimumBet)) to \(Self.chipLimit), not \(maximumBet)"
                )
            }
            guard (minimumBet...Self.chipLimit).contains(startingChips) else {
                throw GamePluginError(
                    setting: "startingChips",
                    message: "must be from minimumBet (\(minimumBet)) to \(Self.chipLimit), not \(startingChips)"
                )
            }
            guard (1...8).contains(decks) else {
                throw GamePluginError(setting: "decks", message: "must be from 1 to 8, not \(decks)")
            }
        }
    }
}
