import GamePlugins
import NeuroAPI

extension HostConfiguration {
    /// The configuration `neuro-host` uses when no `--config` is given (it never looks for a
    /// `games.json` by itself): the five built-in games (one of them twice) on
    /// `ws://localhost:8000`. The repository's sample `games.json` holds the same games. A host
    /// with other plugins runs ``embeddedDefault(for:)``.
    public static let embeddedDefault = #"""
        {
            "url": "ws://localhost:8000",
            "saveDirectory": "saves",
            "restartPolicy": {
                "initialDelay": 1,
                "maximumDelay": 60,
                "multiplier": 2,
                "jitter": 0.2,
                "maximumRestarts": null,
                "healthyAfter": 30
            },
            "games": [
                {
                    "plugin": "tic-tac-toe",
                    "settings": {
                        "opponent": "mixed",
                        "firstPlayer": "alternate"
                    }
                },
                {
                    "plugin": "hangman",
                    "title": "Hangman",
                    "settings": {
                        "lives": 6
                    }
                },
                {
                    "plugin": "guess-the-number",
                    "settings": {
                        "lowest": 1,
                        "highest": 100,
                        "attempts": 7
                    }
                },
                {
                    "plugin": "guess-the-number",
                    "title": "Guess the Number (hard)",
                    "settings": {
                        "lowest": 1,
                        "highest": 1000,
                        "attempts": 10
                    },
                    "restartPolicy": {
                        "maximumRestarts": 10
                    }
                },
                {
                    "plugin": "blackjack",
                    "settings": {
                        "startingChips": 100,
                        "minimumBet": 5,
                        "maximumBet": 50
                    }
                },
                {
                    "plugin": "minesweeper",
                    "settings": {
                        "rows": 6,
                        "columns": 6,
                        "mines": 5
                    },
                    "restartPolicy": {
                        "initialDelay": 5,
                        "maximumDelay": 120
                    }
                }
            ]
        }
        """#

    /// The configuration `neuro-host` runs without `--config` for the plugins of `catalog`:
    /// the games of ``embeddedDefault`` whose plugin the catalog has, then one game of each
    /// other plugin of the catalog, with its default title and settings.
    ///
    /// For `GameCatalog.builtIn` this is ``embeddedDefault`` itself, text and all; a developer's
    /// host built on `GameCatalog.builtIn.adding([CoinFlip.self])` plays the built-in games and
    /// a coin flip.
    /// - Parameter catalog: the plugins of the host.
    /// - Returns: the JSON text of the configuration.
    public static func embeddedDefault(for catalog: GameCatalog) -> String {
        guard case .object(var root)? = try? JSONParser().parse(embeddedDefault), case .array(let games)? = root["games"]
        else { return embeddedDefault }
        let ids = Set(catalog.ids)
        let kept = games.filter { game in game["plugin"]?.stringValue.map(ids.contains) ?? false }
        var present = Set(kept.compactMap { $0["plugin"]?.stringValue })
        var added: [JSONValue] = []
        for id in catalog.ids where present.insert(id).inserted { added.append(["plugin": .string(id)]) }
        guard kept.count < games.count || !added.isEmpty else { return embeddedDefault }
        root["games"] = .array(kept + added)
        return JSONValue.object(root).prettyText
    }
}
