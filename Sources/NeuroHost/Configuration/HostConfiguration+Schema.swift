import GamePlugins
import NeuroAPI

extension HostConfiguration {
    /// The JSON Schema (draft 2020-12) of `games.json` for the plugins of `catalog`: what
    /// `neuro-host --print-schema` prints, for editors that complete and check the file.
    ///
    /// It describes every key the reader knows, with the defaults and limits it applies; each
    /// game's `plugin` is one of the catalog's ids, and its `settings` follow that plugin's
    /// settings schema (an `if`/`then` per plugin): `GamePlugin.settingsSchema` when the plugin
    /// gives one, else one derived from its default settings (each key with its JSON type and
    /// default, no other keys).
    ///
    /// The reader stays the authority: a few rules (titles and action-name prefixes unique
    /// across games, a plugin's own checks on its settings) are beyond a schema, and are
    /// reported when the file is read.
    ///
    /// ```swift
    /// let schema = HostConfiguration.jsonSchema(for: .builtIn.adding([CoinFlip.self]))
    /// print(JSONWriter.string(from: schema))
    /// ```
    /// - Parameter catalog: the plugins a game may name.
    /// - Returns: the schema, its keys in a readable order.
    public static func jsonSchema(for catalog: GameCatalog) -> JSONValue {
        var ids: [String] = []
        for id in catalog.ids where !ids.contains(id) { ids.append(id) }
        let settingsBranches: [JSONValue] = ids.compactMap { id in
            guard let plugin = catalog.plugin(id: id) else { return nil }
            return [
                "if": ["properties": ["plugin": ["const": .string(id)]], "required": ["plugin"]],
                "then": ["properties": ["settings": plugin.hostSettingsSchema]],
            ]
        }
        let limit = JSONValue.number(maximumDurationSeconds)
        let defaults = RestartPolicy()
        func seconds(_ description: String, minimum: Double, default value: Duration) -> JSONValue {
            [
                "description": .string(description), "type": "number", "minimum": .number(minimum), "maximum": limit,
                "default": .number(value.inSeconds),
            ]
        }
        let url: JSONValue = [
            "description": "Neuro's websocket URL: ws://host:port or wss://host:port.",
            "type": "string", "pattern": "^[Ww][Ss][Ss]?://[^/?#]+",
        ]
        let restartPolicy: JSONValue = [
            "description": "How a game whose connection or plugin failed is restarted; every key is optional.",
            "type": "object",
            "properties": [
                "initialDelay": seconds("Seconds before the first restart.", minimum: 0.001, default: defaults.initialDelay),
                "maximumDelay": seconds(
                    "The longest wait between restarts, in seconds; at least initialDelay.", minimum: 0.001,
                    default: defaults.maximumDelay),
                "multiplier": [
                    "description": "How much each consecutive failure multiplies the wait.", "type": "number",
                    "minimum": 1, "maximum": 100, "default": .number(defaults.multiplier),
                ],
                "jitter": [
                    "description": "The fraction of each wait taken off at random.", "type": "number", "minimum": 0,
                    "maximum": 1, "default": .number(defaults.jitter),
                ],
                "maximumRestarts": [
                    "description": "Restarts in a row before the game gives up; null restarts forever.",
                    "type": ["integer", "null"], "minimum": 0, "maximum": 1_000_000, "default": .null,
                ],
                "healthyAfter": seconds(
                    "Seconds a session must stay up to reset the backoff.", minimum: 0, default: defaults.healthyAfter),
            ],
            "additionalProperties": false,
        ]
        let game: JSONValue = [
            "description": "One game: a plugin, with its own title, settings, URL and restart policy.",
            "type": "object",
            "properties": [
                "plugin": ["description": "The game's plugin (neuro-host --list).", "enum": .array(ids.map(JSONValue.string))],
                "title": [
                    "description": "The game's name sent to Neuro, unique among enabled games (default: the plugin's).",
                    "type": "string", "minLength": 1, "maxLength": .integer(Int64(maximumTitleLength)), "pattern": "\\S",
                ],
                "enabled": ["description": "Whether the host plays this game.", "type": "boolean", "default": true],
                "url": url,
                "restartPolicy": ["$ref": "#/$defs/restartPolicy"],
                "settings": ["description": "The plugin's settings; every one has a default.", "type": "object"],
            ],
            "required": ["plugin"],
            "additionalProperties": false,
            "allOf": .array(settingsBranches),
        ]
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "neuro-host games.json",
            "description": "The games neuro-host plays and how (generated by neuro-host --print-schema).",
            "type": "object",
            "properties": [
                "$schema": ["description": "The path or URL of this schema, for editors.", "type": "string"],
                "url": url,
                "saveDirectory": [
                    "description": "Where games are saved, relative to the file's directory.", "type": "string",
                    "minLength": 1, "default": .string(defaultSaveDirectory),
                ],
                "restartPolicy": ["$ref": "#/$defs/restartPolicy"],
                "relay": [
                    "description":
                        "Where games written with other SDKs connect as they would to Neuro (neuro-host --relay).",
                    "type": "object",
                    "properties": [
                        "listen": [
                            "description": "HOST:PORT to listen on, e.g. 127.0.0.1:8001 (port 0 picks a free one).",
                            "type": "string", "pattern": "^(\\[[^\\]]+\\]|[^:\\[\\]]+)?:?[0-9]{1,5}$",
                        ],
                        "prefixes": [
                            "description": "The action-name prefix of each relayed title (default: derived from the title).",
                            "type": "object",
                            "additionalProperties": [
                                "type": "string", "pattern": "^[a-z0-9_]+$", "minLength": 1,
                                "maxLength": .integer(Int64(GameConfiguration.maximumNamePrefixLength)),
                            ],
                        ],
                    ],
                    "required": ["listen"],
                    "additionalProperties": false,
                ],
                "games": [
                    "description": "The games, in order (may be empty with a relay).", "type": "array",
                    "maxItems": .integer(Int64(maximumGameCount)), "items": ["$ref": "#/$defs/game"],
                ],
            ],
            "required": ["games"],
            "additionalProperties": false,
            "$defs": ["restartPolicy": restartPolicy, "game": game],
        ]
    }
}
