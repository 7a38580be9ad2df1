/// The game plugins a host can run: a value the host, its configuration reader and its
/// dashboard are given, so a developer's own plugins run beside (or instead of) the built-in
/// ones.
///
/// ```swift
/// let catalog = GameCatalog.builtIn.adding([CoinFlip.self])
/// if let plugin = catalog.plugin(id: "coin-flip") {
///     print(plugin.defaultTitle)
/// }
/// ```
public struct GameCatalog: Sendable {
    /// The plugins, in the order `--list` shows them.
    public let plugins: [any GamePlugin.Type]

    /// A catalog of these plugins, in this order.
    ///
    /// Ids should be unique and in kebab case; ``problems`` says which are not, and a host
    /// refuses to start with a catalog that has any.
    public init(_ plugins: [any GamePlugin.Type]) {
        self.plugins = plugins
    }

    /// The five games that ship with `neuro-host`: tic-tac-toe, hangman, guess the number,
    /// blackjack and minesweeper.
    public static var builtIn: GameCatalog {
        GameCatalog([TicTacToe.self, Hangman.self, GuessTheNumber.self, Blackjack.self, Minesweeper.self])
    }

    /// This catalog with `plugins` after its own.
    public func adding(_ plugins: [any GamePlugin.Type]) -> GameCatalog {
        GameCatalog(self.plugins + plugins)
    }

    /// The plugin with the given id (`tic-tac-toe`), or `nil` when there is none.
    public func plugin(id: String) -> (any GamePlugin.Type)? {
        plugins.first { $0.id == id }
    }

    /// Every plugin's id, in catalog order.
    public var ids: [String] { plugins.map { $0.id } }

    /// Every plugin's id and default title, for configuration checks.
    public var defaultTitles: [String: String] {
        Dictionary(plugins.map { ($0.id, $0.defaultTitle) }, uniquingKeysWith: { first, _ in first })
    }

    /// What is wrong with the catalog, one sentence each: an id used twice, an id that is not
    /// kebab case, an action name used twice within a plugin. Empty when it can be used.
    public var problems: [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for plugin in plugins {
            let id = plugin.id
            if !seen.insert(id).inserted {
                problems.append("the plugin id \"\(id)\" is used by more than one plugin (\(plugin)); ids must be unique")
            }
            if !Self.isKebabCase(id) {
                problems.append("the plugin id \"\(id)\" of \(plugin) must be kebab case: a-z and 0-9 in words joined by -")
            }
            var names: Set<String> = []
            for name in plugin.actionNames where !names.insert(name).inserted {
                problems.append("\(plugin) declares the action \"\(name)\" more than once")
            }
        }
        return problems
    }

    private static func isKebabCase(_ id: String) -> Bool {
        let words = id.split(separator: "-", omittingEmptySubsequences: false)
        return !words.isEmpty
            && words.allSatisfy { word in
                !word.isEmpty && word.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
            }
    }
}
