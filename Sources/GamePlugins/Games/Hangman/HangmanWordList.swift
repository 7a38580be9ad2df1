/// The words ``Hangman`` uses when its settings give none.
enum HangmanWordList {
    /// Fifty common words of five to ten letters, lowercase.
    static let builtIn: [String] = [
        "apple", "banana", "castle", "dragon", "engine", "forest", "guitar", "harbor", "island", "jungle",
        "kitten", "lantern", "marble", "needle", "orange", "pencil", "quartz", "rocket", "silver", "tunnel",
        "umbrella", "violin", "walnut", "yellow", "zipper", "anchor", "blanket", "compass", "diamond",
        "eclipse", "feather", "glacier", "horizon", "journey", "kingdom", "library", "mustard", "network",
        "octopus", "pyramid", "rainbow", "sandwich", "thunder", "unicorn", "volcano", "whistle", "treasure",
        "penguin", "keyboard", "stream",
    ]
}
