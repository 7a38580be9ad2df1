import Foundation
import GamePlugins
import GameSessions
import NeuroAPI

extension GamePlugin {
    /// The JSON Schema of the game's `settings` in `games.json`: ``GamePlugin/settingsSchema``
    /// when the plugin gives one (its top-level `$schema` left out, as it sits inside the
    /// schema of `games.json`), else ``derivedSettingsSchema``.
    static var hostSettingsSchema: JSONValue {
        guard case .object(var schema)? = settingsSchema else { return settingsSchema ?? derivedSettingsSchema }
        schema.removeValue(forKey: "$schema")
        return .object(schema)
    }

    /// A schema derived from the default settings: `{}` decoded as the host decodes settings,
    /// encoded again, each key with its JSON type and its default; no other key is allowed.
    ///
    /// A key the settings read but do not encode (an optional left `nil`) is allowed with any
    /// value. Settings that `{}` does not decode into (a setting without a default) give a
    /// schema that only says `settings` is an object.
    static var derivedSettingsSchema: JSONValue {
        let title = JSONValue.string("The settings of \(defaultTitle)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let defaults = try? decodeSettings(nil), let data = try? encoder.encode(defaults),
            case .object(let encoded)? = try? JSONParser().parse(Array(data))
        else {
            return ["title": title, "type": "object"]
        }
        var properties: JSONObject = [:]
        for (key, value) in encoded {
            properties[key] = value.isNull ? [:] : ["type": .string(value.typeName), "default": value]
        }
        // The keys the settings ask for, also those they left out when encoding.
        let probe = "\u{1}neuro-host-probe"
        let read = try? JSONValueDecoder().decodeReportingUnusedKeys(Settings.self, from: [probe: .null])
        for key in read?.unusedKeys.first(where: { $0.key == probe })?.knownKeys ?? [] where properties[key] == nil {
            properties[key] = [:]
        }
        return ["title": title, "type": "object", "properties": .object(properties), "additionalProperties": false]
    }
}
