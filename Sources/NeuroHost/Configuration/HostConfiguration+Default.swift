extension HostConfiguration {
    /// The configuration `neuro-host` uses when no `--config` is given (it never looks for a
    /// `games.json` by itself): the five built-in games (one of them twice) on
    /// `ws://localhost:8000`. The repository's sample `games.json` holds the same games.
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
}
