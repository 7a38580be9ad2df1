extension TicTacToe {
    /// The settings of ``TicTacToe``, from the game's `settings` object in `games.json`.
    ///
    /// ```json
    /// {"opponent": "perfect", "firstPlayer": "alternate"}
    /// ```
    public struct Settings: Codable, Hashable, Sendable {
        /// How the opponent plays; `mixed` (beatable) by default.
        public var opponent: TicTacToeOpponent
        /// Who starts each round; `alternate` by default.
        public var firstPlayer: TicTacToeFirstPlayer

        /// Creates settings.
        public init(opponent: TicTacToeOpponent = .mixed, firstPlayer: TicTacToeFirstPlayer = .alternate) {
            self.opponent = opponent
            self.firstPlayer = firstPlayer
        }

        /// Decodes settings; a missing field takes its default.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                opponent: try container.decodeIfPresent(TicTacToeOpponent.self, forKey: .opponent) ?? .mixed,
                firstPlayer: try container.decodeIfPresent(TicTacToeFirstPlayer.self, forKey: .firstPlayer) ?? .alternate
            )
        }
    }
}
