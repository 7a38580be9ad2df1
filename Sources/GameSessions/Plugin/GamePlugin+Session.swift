import GamePlugins
import Logging
import NeuroAPI

extension GamePlugin {
    /// Decodes settings from the `settings` object of `games.json`, straight from the JSON value.
    ///
    /// A key the settings never ask for is an error (a typo would otherwise be ignored), and
    /// `null` for a setting read as optional means its default.
    /// - Throws: `GamePluginError` naming the setting and saying what is wrong with it.
    public static func decodeSettings(_ settings: JSONValue?) throws(GamePluginError) -> Settings {
        let given = settings ?? .object([:])
        guard case .object = given else {
            throw GamePluginError(setting: "settings", message: "must be an object, not \(given.typeName)")
        }
        let decoded: (value: Settings, unusedKeys: [JSONValueDecoder.UnusedKey])
        do {
            decoded = try JSONValueDecoder().decodeReportingUnusedKeys(Settings.self, from: given)
        } catch let error as DecodingError {
            throw GamePluginError(decoding: error)
        } catch {
            throw GamePluginError(setting: "settings", message: "\(error)")
        }
        if let unused = decoded.unusedKeys.first {
            let setting = (unused.codingPath + [JSONCodingKey(stringValue: unused.key)]).settingName
            let names = unused.knownKeys.joined(separator: ", ")
            throw GamePluginError(setting: setting, message: "is not a setting of \(id); known settings: \(names)")
        }
        return decoded.value
    }

    /// Creates the session for a configured game: restored from its save when there is one,
    /// otherwise new from its settings.
    /// - Throws: `GamePluginError` for bad settings. A save that cannot be read is moved
    ///   aside and logged, and the game starts fresh.
    public static func makeSession(
        title: String,
        settings: JSONValue?,
        seed: UInt64,
        options: GameSessionOptions = GameSessionOptions()
    ) throws(GamePluginError) -> GameSession<Self> {
        var plugin: Self?
        if let saveStore = options.saveStore {
            do {
                plugin = try saveStore.restore(Self.self, title: title)
                if plugin != nil { options.logger.info("restored the saved game", metadata: ["neuro.game": "\(title)"]) }
            } catch {
                options.logger.error(
                    "could not restore the saved game; starting a new one",
                    metadata: ["neuro.game": "\(title)", "error": "\(error)"])
            }
        }
        let game: Self
        if let plugin {
            game = plugin
        } else {
            game = try Self(settings: decodeSettings(settings), seed: seed)
        }
        return GameSession(title: title, plugin: game, options: options)
    }
}

extension GamePluginError {
    /// An error naming the setting a `DecodingError` is about.
    init(decoding error: DecodingError) {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.isEmpty ? "settings" : context.codingPath.map(JSONCodingKey.init).settingName
        }
        switch error {
        case .typeMismatch(let type, let context):
            self.init(setting: path(context), message: "must be \(Self.describe(type))")
        case .valueNotFound(let type, let context):
            self.init(setting: path(context), message: "must be \(Self.describe(type)), not null")
        case .keyNotFound(let key, let context):
            self.init(setting: (context.codingPath + [key]).map(JSONCodingKey.init).settingName, message: "is required")
        case .dataCorrupted(let context):
            self.init(setting: path(context), message: context.debugDescription)
        @unknown default:
            self.init(setting: "settings", message: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is UInt64.Type, is UInt.Type, is Int32.Type: return "a whole number"
        case is Double.Type, is Float.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a valid \(name)"
        }
    }
}

extension [JSONCodingKey] {
    /// The setting a coding path names: `words[2]`, `board.size`.
    fileprivate var settingName: String {
        var name = ""
        for key in self {
            if key.intValue != nil || name.isEmpty {
                name += key.description
            } else {
                name += ".\(key.stringValue)"
            }
        }
        return name
    }
}
