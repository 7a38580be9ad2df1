import GamePlugins
import GameSessions
import NeuroAPI

/// The rules of `games.json`, on top of ``JSONReader``: which keys each object has, what each
/// value must be, the checks across games (titles, action-name prefixes), and each game's
/// settings as its plugin in the catalog reads them.
///
/// Not `Codable`: the reader knows the JSON path of every value, every problem is reported
/// rather than the first, and a game's `settings` stay a ``JSONValue`` for its plugin.
struct HostConfigurationDecoder {
    /// The keys of the top level; `$schema` names a JSON Schema for editors and is not read.
    static let topLevelKeys = ["url", "saveDirectory", "restartPolicy", "games", "relay", "$schema"]
    static let relayKeys = ["listen", "prefixes"]
    static let gameKeys = ["plugin", "title", "settings", "enabled", "url", "restartPolicy"]
    static let policyKeys = ["initialDelay", "maximumDelay", "multiplier", "jitter", "maximumRestarts", "healthyAfter"]

    /// The plugins a game may name.
    let catalog: GameCatalog
    private var reader: JSONReader

    /// The problems found so far.
    var problems: [ConfigurationProblem] { reader.problems }

    init(file: String, catalog: GameCatalog) {
        self.reader = JSONReader(file: file)
        self.catalog = catalog
    }

    /// Decodes a whole file; `nil` when it is not even a JSON object. Check ``problems`` either way.
    mutating func decode(bytes: [UInt8], environment: [String: String], urlFlag: String?) -> HostConfiguration? {
        guard bytes.count <= HostConfiguration.maximumFileSize else {
            reader.report(
                .fileTooLarge,
                at: nil,
                "is \(bytes.count) bytes, more than the limit of \(HostConfiguration.maximumFileSize)",
                fix: "a games.json is a few kilobytes; check that this is the right file"
            )
            return nil
        }
        guard let root = reader.parse(bytes) else { return nil }
        let override = decodeURLOverride(environment: environment, urlFlag: urlFlag)
        let configuration = decodeRoot(root, urlOverride: override)
        reader.locateProblems(in: bytes)
        return configuration
    }

    // MARK: - Levels

    private mutating func decodeRoot(_ root: JSONNode, urlOverride: (url: String, source: URLSource)?) -> HostConfiguration? {
        guard let object = reader.object(root, what: "the configuration") else { return nil }
        reader.checkKeys(of: object, allowed: Self.topLevelKeys, in: "the configuration")
        if let schema = object["$schema"] { _ = reader.string(schema, expected: "the path or URL of a JSON Schema") }
        var configuration = HostConfiguration()
        if let url = object["url"] { configuration.url = decodeURL(url) }
        if let directory = object["saveDirectory"] { configuration.saveDirectory = decodeSaveDirectory(directory) }
        var defaultOrigins = PolicyOrigins()
        if let policy = object["restartPolicy"] {
            (configuration.restartPolicy, defaultOrigins) = decodePolicy(
                policy, over: configuration.restartPolicy, origins: defaultOrigins)
        }

        if let relay = object["relay"] {
            let resolved =
                urlOverride ?? HostConfiguration.resolveURL(flag: nil, environment: [:], game: nil, file: configuration.url)
            configuration.relay = decodeRelay(relay, url: resolved.url)
        }

        guard
            let gamesNode = reader.required(
                "games", in: object,
                fix: "add the list of games to play, e.g. \"games\": [{\"plugin\": \"tic-tac-toe\"}]"),
            let elements = reader.array(gamesNode, expected: "an array of games", fix: "make \"games\" a list: [ … ]")
        else { return configuration }
        guard !elements.isEmpty || configuration.relay != nil else {
            reader.report(
                .invalidGameCount, at: gamesNode.path, "the list of games is empty; there is nothing to play",
                fix: "add at least one game, e.g. {\"plugin\": \"tic-tac-toe\"}")
            return configuration
        }
        guard elements.count <= HostConfiguration.maximumGameCount else {
            reader.report(
                .invalidGameCount, at: gamesNode.path,
                "lists \(elements.count) games, more than the limit of \(HostConfiguration.maximumGameCount)",
                fix: "split the games over several hosts")
            return configuration
        }
        let games = elements.compactMap {
            decodeGame($0, defaults: configuration, defaultOrigins: defaultOrigins, urlOverride: urlOverride)
        }
        checkTitles(of: games)
        configuration.games = games.map(\.game)
        return configuration
    }

    private struct DecodedGame {
        var game: GameConfiguration
        var path: ConfigurationPath
        /// Whether the title is written in the file (else it is the plugin's default).
        var hasExplicitTitle: Bool
        /// Whether the title passed its own checks, so it takes part in the cross-checks.
        var isTitleValid: Bool
    }

    private mutating func decodeGame(
        _ node: JSONNode,
        defaults: HostConfiguration,
        defaultOrigins: PolicyOrigins,
        urlOverride: (url: String, source: URLSource)?
    ) -> DecodedGame? {
        guard let object = reader.object(node, what: "a game") else { return nil }
        reader.checkKeys(of: object, allowed: Self.gameKeys, in: "a game")

        var pluginID: String?
        var pluginType: (any GamePlugin.Type)?
        if let plugin = reader.required("plugin", in: object, fix: "name the game's plugin, one of: \(knownPluginList)"),
            let id = reader.string(plugin, expected: "a plugin id")
        {
            pluginID = id
            pluginType = catalog.plugin(id: id)
            if pluginType == nil { reportUnknownPlugin(id, at: plugin.path) }
        }

        var title: String?
        var isTitleValid = false
        if let titleNode = object["title"] {
            if let text = reader.string(titleNode, expected: "a title") {
                title = text
                isTitleValid = checkTitle(text, at: titleNode.path)
            }
        } else if let pluginType {
            title = pluginType.defaultTitle
            isTitleValid = true
        }

        var settings: JSONValue = [:]
        var areSettingsAnObject = true
        if let settingsNode = object["settings"] {
            if reader.object(settingsNode, what: "the game's settings") != nil {
                settings = settingsNode.value
            } else {
                areSettingsAnObject = false
            }
        }
        if let pluginType, areSettingsAnObject {
            checkSettings(settings, of: pluginType, at: node.path.appending("settings"))
        }
        let isEnabled = object["enabled"].flatMap { reader.bool($0) } ?? true
        let gameURL = object["url"].flatMap { decodeURL($0) }
        let resolved =
            urlOverride ?? HostConfiguration.resolveURL(flag: nil, environment: [:], game: gameURL, file: defaults.url)
        var policy = defaults.restartPolicy
        if let policyNode = object["restartPolicy"] {
            policy = decodePolicy(policyNode, over: policy, origins: defaultOrigins).policy
        }

        guard let pluginID, let title else { return nil }
        let game = GameConfiguration(
            plugin: pluginID, title: title, settings: settings, isEnabled: isEnabled, url: resolved.url,
            urlSource: resolved.source, restartPolicy: policy)
        return DecodedGame(game: game, path: node.path, hasExplicitTitle: object.has("title"), isTitleValid: isTitleValid)
    }

    /// Where the delays of a policy were set, for messages about inverted delays; `nil` is the
    /// built-in default.
    private struct PolicyOrigins {
        var initialDelay: ConfigurationPath?
        var maximumDelay: ConfigurationPath?
    }

    private mutating func decodePolicy(
        _ node: JSONNode,
        over base: RestartPolicy,
        origins baseOrigins: PolicyOrigins
    ) -> (policy: RestartPolicy, origins: PolicyOrigins) {
        guard let object = reader.object(node, what: "a restart policy") else { return (base, baseOrigins) }
        reader.checkKeys(of: object, allowed: Self.policyKeys, in: "a restart policy")
        var policy = base
        var origins = baseOrigins
        var areDelaysValid = true

        let delays: [(String, WritableKeyPath<RestartPolicy, Duration>, WritableKeyPath<PolicyOrigins, ConfigurationPath?>)] = [
            ("initialDelay", \.initialDelay, \.initialDelay), ("maximumDelay", \.maximumDelay, \.maximumDelay),
        ]
        for (name, delay, origin) in delays {
            guard let member = object[name] else { continue }
            if let seconds = decodeSeconds(member, name: name, minimum: 0.001) {
                policy[keyPath: delay] = seconds
                origins[keyPath: origin] = member.path
            } else {
                areDelaysValid = false
            }
        }
        if let duration = object["healthyAfter"].flatMap({ decodeSeconds($0, name: "healthyAfter", minimum: 0) }) {
            policy.healthyAfter = duration
        }
        if let number = object["multiplier"].flatMap({ decodeNumber($0, name: "multiplier", range: 1...100) }) {
            policy.multiplier = number
        }
        if let number = object["jitter"].flatMap({ decodeNumber($0, name: "jitter", range: 0...1) }) {
            policy.jitter = number
        }
        if let member = object["maximumRestarts"] {
            decodeMaximumRestarts(member, into: &policy)
        }

        let isSetHere = object.has("initialDelay") || object.has("maximumDelay")
        if areDelaysValid && isSetHere && policy.maximumDelay < policy.initialDelay {
            let initial = "\(Self.format(policy.initialDelay)) s, \(Self.describeOrigin(origins.initialDelay))"
            let maximum = "\(Self.format(policy.maximumDelay)) s, \(Self.describeOrigin(origins.maximumDelay))"
            reader.report(
                .invertedDelays,
                at: object.path.appending(object.has("maximumDelay") ? "maximumDelay" : "initialDelay"),
                "maximumDelay (\(maximum)) is below initialDelay (\(initial))",
                fix: "make maximumDelay at least initialDelay"
            )
        }
        return (policy, origins)
    }

    private mutating func decodeMaximumRestarts(_ node: JSONNode, into policy: inout RestartPolicy) {
        switch node.value {
        case .null:
            policy.maximumRestarts = nil
        case .integer(let count) where (0...1_000_000).contains(count):
            policy.maximumRestarts = Int(count)
        case .integer(let count):
            reader.report(
                .outOfRange, at: node.path, "maximumRestarts is \(count); it must be from 0 to 1000000, or null for no limit",
                fix: count < 0 ? "use 0 to never restart, or null to restart forever" : "use null to restart forever")
        default:
            reader.reportWrongType(
                node, expected: "a whole number or null", fix: "write a whole number of restarts, or null for no limit")
        }
    }

    /// `"relay": {"listen": "HOST:PORT", "prefixes": {"Title": "prefix"}}`.
    private mutating func decodeRelay(_ node: JSONNode, url: String) -> RelayConfiguration? {
        guard let object = reader.object(node, what: "the relay") else { return nil }
        reader.checkKeys(of: object, allowed: Self.relayKeys, in: "the relay")
        var relay = RelayConfiguration(url: url)
        var isValid = true
        if let listen = reader.required(
            "listen", in: object, fix: "give the relay's address, e.g. \"listen\": \"127.0.0.1:8001\"")
        {
            if let text = reader.string(listen, expected: "HOST:PORT") {
                switch RelayConfiguration.parse(address: text) {
                case .success(let address): (relay.host, relay.port) = address
                case .failure(let error):
                    isValid = false
                    reader.report(
                        .invalidRelay, at: listen.path, error.description, fix: "write HOST:PORT, e.g. \"127.0.0.1:8001\"")
                }
            } else {
                isValid = false
            }
        } else {
            isValid = false
        }
        if let prefixes = object["prefixes"], let members = reader.object(prefixes, what: "the relay's prefixes") {
            for title in members.members.keys {
                guard let value = members[title], let prefix = reader.string(value, expected: "an action-name prefix")
                else { continue }
                let isPrefix =
                    !prefix.isEmpty && prefix.count <= GameConfiguration.maximumNamePrefixLength
                    && prefix.utf8.allSatisfy { Action.allowedNameCharacters.contains($0) && $0 != UInt8(ascii: "-") }
                guard isPrefix else {
                    reader.report(
                        .invalidRelay, at: value.path,
                        "the prefix \(JSONReader.quote(prefix)) of \(JSONReader.quote(title)) must be 1 to "
                            + "\(GameConfiguration.maximumNamePrefixLength) characters of a-z, 0-9 and _",
                        fix: "write a prefix such as \"unity\"; the host appends the _")
                    continue
                }
                relay.prefixes[title] = prefix
            }
        }
        return isValid ? relay : nil
    }

    // MARK: - Values

    private static let urlFix = "use ws://host:port or wss://host:port, e.g. ws://localhost:8000"

    private mutating func decodeURL(_ node: JSONNode) -> String? {
        guard let url = reader.string(node, expected: "a URL") else { return nil }
        do {
            try NeuroURL.validate(url)
            return url
        } catch {
            reader.report(.invalidURL, at: node.path, error.message, fix: Self.urlFix)
            return nil
        }
    }

    /// The `--url` flag, else `NEURO_SDK_WS_URL`, checked; `nil` when neither is given (or the
    /// given one is invalid, which is reported).
    private mutating func decodeURLOverride(
        environment: [String: String],
        urlFlag: String?
    ) -> (url: String, source: URLSource)? {
        let resolved = HostConfiguration.resolveURL(flag: urlFlag, environment: environment, game: nil, file: nil)
        guard resolved.source == .flag || resolved.source == .environment else { return nil }
        do {
            try NeuroURL.validate(resolved.url)
            return resolved
        } catch {
            let origin = resolved.source == .flag ? "--url" : NeuroURL.environmentVariable
            reader.add(ConfigurationProblem(code: .invalidURL, file: origin, path: nil, message: error.message, fix: Self.urlFix))
            return nil
        }
    }

    private mutating func decodeSaveDirectory(_ node: JSONNode) -> String {
        guard let directory = reader.string(node, expected: "a directory path") else {
            return HostConfiguration.defaultSaveDirectory
        }
        guard !directory.isEmpty, !directory.utf8.contains(0) else {
            reader.report(
                .invalidSaveDirectory, at: node.path,
                directory.isEmpty ? "saveDirectory is empty" : "saveDirectory holds a NUL character",
                fix: "give a directory path such as \"saves\", or leave the key out")
            return HostConfiguration.defaultSaveDirectory
        }
        return directory
    }

    private mutating func decodeSeconds(_ node: JSONNode, name: String, minimum: Double) -> Duration? {
        guard
            let seconds = reader.number(
                node, expected: "a number of seconds", fix: "write \(name) as a number of seconds, e.g. 1.5")
        else { return nil }
        let limit = HostConfiguration.maximumDurationSeconds
        guard seconds >= minimum, seconds <= limit else {
            let problem =
                seconds < 0
                ? "is negative" : seconds < minimum ? "is below the minimum of \(Self.format(minimum)) s" : "is longer than a day"
            reader.report(
                .outOfRange, at: node.path, "\(name) (\(Self.format(seconds)) s) \(problem)",
                fix: "use a number of seconds from \(Self.format(minimum)) to \(Self.format(limit))")
            return nil
        }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    private mutating func decodeNumber(_ node: JSONNode, name: String, range: ClosedRange<Double>) -> Double? {
        guard let number = reader.number(node, expected: "a number", fix: "write \(name) as a number") else { return nil }
        guard range.contains(number) else {
            let bounds = "\(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))"
            reader.report(
                .outOfRange, at: node.path, "\(name) is \(Self.format(number)); it must be from \(bounds)",
                fix: "use a number from \(bounds)")
            return nil
        }
        return number
    }

    /// Checks a title written in the file; returns whether it is usable.
    private mutating func checkTitle(_ title: String, at path: ConfigurationPath) -> Bool {
        if title.allSatisfy(\.isWhitespace) {
            reader.report(
                .invalidTitle, at: path, "the title is empty",
                fix: "give the game a name, or leave \"title\" out for the plugin's")
            return false
        }
        if title.count > HostConfiguration.maximumTitleLength {
            reader.report(
                .outOfRange, at: path,
                "the title is \(title.count) characters long, more than the limit of \(HostConfiguration.maximumTitleLength)",
                fix: "shorten the title")
            return false
        }
        if let control = title.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            let code = String(control.value, radix: 16, uppercase: true)
            reader.report(
                .invalidTitle, at: path,
                "the title holds the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)",
                fix: "remove line breaks, tabs and other control characters from the title")
            return false
        }
        return true
    }

    /// Titles of enabled games must differ, and so must the action-name prefixes they give.
    private mutating func checkTitles(of games: [DecodedGame]) {
        var titles: [String: DecodedGame] = [:]
        var prefixes: [String: DecodedGame] = [:]
        for game in games where game.game.isEnabled && game.isTitleValid {
            let title = game.game.title
            let spot = game.hasExplicitTitle ? game.path.appending("title") : game.path
            let defaultNote = game.hasExplicitTitle ? "" : " (the plugin's default title)"
            if let first = titles[title] {
                reader.report(
                    .duplicateTitle, at: spot, "the title \"\(title)\"\(defaultNote) is already used by \(first.path)",
                    fix: "give each enabled game its own \"title\"")
                continue
            }
            titles[title] = game
            let prefix = game.game.namePrefix
            if let first = prefixes[prefix] {
                reader.report(
                    .namePrefixCollision, at: spot,
                    "the title \"\(title)\"\(defaultNote) gives the action-name prefix \"\(prefix)\", as \"\(first.game.title)\" "
                        + "at \(first.path) does",
                    fix: "make the titles differ in their letters or digits, not only in case, spaces or punctuation")
                continue
            }
            prefixes[prefix] = game
        }
    }

    private mutating func reportUnknownPlugin(_ id: String, at path: ConfigurationPath) {
        let suggestion = SpellingSuggestion.closest(to: id, among: catalog.ids.sorted())
        reader.report(
            .unknownPlugin, at: path, "unknown plugin \(JSONReader.quote(id)); known plugins: \(knownPluginList)",
            fix: suggestion.map { "did you mean \"\($0)\"?" } ?? "use one of the known plugin ids")
    }

    private var knownPluginList: String {
        catalog.ids.isEmpty ? "(none)" : Set(catalog.ids).sorted().joined(separator: ", ")
    }

    /// Decodes a game's settings as its plugin does and starts a game with them, reporting what
    /// the plugin refuses at the setting's path (`$.games[1].settings.lowest`).
    private mutating func checkSettings(_ settings: JSONValue, of plugin: any GamePlugin.Type, at path: ConfigurationPath) {
        guard let error = Self.settingsError(settings, of: plugin) else { return }
        reader.report(
            .invalidSettings, at: Self.path(ofSetting: error.setting, in: path), "\(error.setting) \(error.message)",
            fix: "correct the setting, or remove it to use the default")
    }

    /// What the plugin says is wrong with these settings, or `nil` when it starts a game with them.
    static func settingsError(_ settings: JSONValue, of plugin: any GamePlugin.Type) -> GamePluginError? {
        // Opens the plugin type, so that its own `Settings` are decoded.
        func attempt<Plugin: GamePlugin>(_: Plugin.Type) -> GamePluginError? {
            do {
                _ = try Plugin(settings: Plugin.decodeSettings(settings), seed: 0)
                return nil
            } catch {
                return error
            }
        }
        return attempt(plugin)
    }

    /// The path of a setting a `GamePluginError` names (`lowest`, `words[2]`, `board.size`)
    /// under the game's `settings`; `settings` itself names the whole object.
    static func path(ofSetting setting: String, in settings: ConfigurationPath) -> ConfigurationPath {
        guard setting != "settings", !setting.isEmpty else { return settings }
        var path = settings
        var key = ""
        var index: String?
        for character in setting {
            switch character {
            case "." where index == nil:
                if !key.isEmpty { path = path.appending(key) }
                key = ""
            case "[" where index == nil:
                if !key.isEmpty { path = path.appending(key) }
                key = ""
                index = ""
            case "]" where index != nil:
                if let number = index.flatMap({ Int($0) }) {
                    path = path.appending(index: number)
                } else {
                    path = path.appending("[\(index ?? "")]")
                }
                index = nil
            default:
                if index != nil { index?.append(character) } else { key.append(character) }
            }
        }
        if let index { key += "[" + index }
        if !key.isEmpty { path = path.appending(key) }
        return path
    }

    // MARK: - Formatting

    /// Seconds without a needless `.0`: `1`, `0.5`, `86400`.
    static func format(_ seconds: Double) -> String {
        if seconds == seconds.rounded(), abs(seconds) < 1e15 { return String(Int64(seconds)) }
        return "\(seconds)"
    }

    static func format(_ duration: Duration) -> String {
        format(duration.inSeconds)
    }

    static func describeOrigin(_ path: ConfigurationPath?) -> String {
        guard let path else { return "the default" }
        return "from \(path)"
    }
}
