import NeuroHost
import Testing

/// The action-name prefix derived from a title, and the collision check.
@Suite struct NamePrefixTests {
    @Test(arguments: [
        ("Tic Tac Toe", "tic_tac_toe"),
        ("Guess the Number (hard)", "guess_the_number_hard"),
        ("  Hangman!!  ", "hangman"),
        ("Neuro's Blackjack", "neuros_blackjack"),
        ("Café Crème", "cafe_creme"),
        ("2048", "2048"),
        ("MINES-weeper_2", "mines_weeper_2"),
        ("a__b", "a_b"),
        ("Über Straße", "uber_stra_e"),
        ("A very long title that goes on and on", "a_very_long_title_71efd0"),
        ("???", "game_cac794"),
        ("日本語", "game_5f5ce7"),
    ])
    func derivesAStablePrefix(title: String, prefix: String) {
        #expect(GameConfiguration.namePrefix(forTitle: title) == prefix)
    }

    @Test(arguments: [
        "Tic Tac Toe", "A very long title that goes on and on and on and on", "日本語", "!", "Ⅻ", "e\u{301}",
        String(repeating: "z", count: 100),
    ])
    func prefixesAreShortAndUseOnlyTheAllowedCharacters(title: String) {
        let prefix = GameConfiguration.namePrefix(forTitle: title)
        #expect(!prefix.isEmpty)
        #expect(prefix.count <= GameConfiguration.maximumNamePrefixLength)
        #expect(
            prefix.utf8.allSatisfy {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || $0 == UInt8(ascii: "_")
            })
        #expect(!prefix.hasPrefix("_") && !prefix.hasSuffix("_"))
    }

    @Test func longTitlesSharingABeginningGetDifferentPrefixes() {
        let first = GameConfiguration.namePrefix(forTitle: "A very long title that goes on and on")
        let second = GameConfiguration.namePrefix(forTitle: "A very long title that goes on and off")
        #expect(first != second)
        #expect(first.hasPrefix("a_very_long_title_") && second.hasPrefix("a_very_long_title_"))
    }

    @Test func titlesDifferingOnlyInPunctuationCollide() {
        let errors = ConfigurationFixtures.errors(
            of: #"{"games": [{"plugin": "hangman", "title": "Word Game"}, {"plugin": "hangman", "title": "word-game"}]}"#
        )
        #expect(errors.map(\.code) == [.namePrefixCollision])
        #expect(errors.first?.path?.description == "$.games[1].title")
    }

    @Test func disabledGamesDoNotCollide() throws {
        let configuration = try ConfigurationFixtures.decode(
            #"{"games": [{"plugin": "hangman", "title": "Word Game"}, {"plugin": "hangman", "title": "word-game", "enabled": false}]}"#
        )
        #expect(configuration.games.count == 2)
    }
}
