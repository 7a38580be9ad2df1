extension Hangman {
    /// The settings of ``Hangman``, from the game's `settings` object in `games.json`.
    ///
    /// ```json
    /// {"words": ["swift", "neuro", "vedal"], "lives": 8}
    /// ```
    public struct Settings: Codable, Hashable, Sendable {
        /// The words to guess: letters only, 2 to 20 of them; empty means the built-in list
        /// of 50 words.
        public var words: [String]
        /// Wrong guesses allowed per word, 1 to 26; 6 by default.
        public var lives: Int

        /// Creates settings.
        public init(words: [String] = [], lives: Int = 6) {
            self.words = words
            self.lives = lives
        }

        /// Decodes settings; a missing field takes its default.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                words: try container.decodeIfPresent([String].self, forKey: .words) ?? [],
                lives: try container.decodeIfPresent(Int.self, forKey: .lives) ?? 6
            )
        }

        /// The allowed numbers of lives.
        static let livesRange = 1...26
        /// The allowed word lengths.
        static let wordLengthRange = 2...20

        /// The word list in lowercase, checked.
        /// - Throws: ``GamePluginError`` naming `words` or `lives`.
        func validatedWords() throws(GamePluginError) -> [String] {
            guard Self.livesRange.contains(lives) else {
                throw GamePluginError(
                    setting: "lives",
                    message: "must be from \(Self.livesRange.lowerBound) to \(Self.livesRange.upperBound), not \(lives)"
                )
            }
            guard !words.isEmpty else { return HangmanWordList.builtIn }
            var normalized: [String] = []
            for (index, word) in words.enumerated() {
                let lowercased = word.lowercased()
                guard Self.wordLengthRange.contains(lowercased.count),
                    lowercased.allSatisfy({ Hangman.alphabet.contains($0) })
                else {
                    throw GamePluginError(
                        setting: "words",
                        message: "word \(index + 1) (\"\(word)\") must have 2 to 20 letters a-z and nothing else"
                    )
                }
                if !normalized.contains(lowercased) { normalized.append(lowercased) }
            }
            return normalized
        }
    }
}
