/// The game plugins that ship with `neuro-host`.
///
/// ```swift
/// if let plugin = GameCatalog.plugin(id: "hangman") {
///     print(plugin.defaultTitle)
/// }
/// ```
public enum GameCatalog {
    /// Every built-in plugin, in the order `--list` shows them.
    public static let plugins: [any GamePlugin.Type] = [
        TicTacToe.self,
        Hangman.self,
        GuessTheNumber.self,
        Blackjack.self,
        Minesweeper.self,
    ]

    /// The plugin with the given id (`tic-tac-toe`), or `nil` when there is none.
    public static func plugin(id: String) -> (any GamePlugin.Type)? {
        plugins.first { $0.id == id }
    }
}
