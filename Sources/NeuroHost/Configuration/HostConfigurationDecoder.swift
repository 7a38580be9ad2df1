import NeuroAPI

/// Walks a parsed `games.json` and builds a ``HostConfiguration``, collecting every error it
/// finds (up to ``maximumErrorCount``) with its path, then puts lines and columns on them.
///
/// Not `Codable`: a hand walk knows the JSON path of every value, reports all errors rather
/// than the first, and keeps a game's `settings` as a ``JSONValue`` for its plugin.
struct HostConfigurationDecoder {
    /// The most errors reported at once; a hostile file could otherwise produce millions.
    static let maximumErrorCount = 100

    static let topLevelKeys = ["url", "saveDirectory", "restartPolicy", "games"]
    static let gameKeys = ["plugin", "title", "settings", "enabled", "url", "restartPolicy"]
    static let policyKeys = ["initialDelay", "maximumDelay", "multiplier", "jitter", "maximumRestarts", "healthyAfter"]

    let file: String
    let knownPlugins: [String: String]
    /// The errors found so far.
    private(set) var errors: [HostConfigurationError] = []
    private var hasTooManyErrors = false

    init(file: String, knownPlugins: [String: String]) {
        self.file = file
        self.knownPlugins = knownPlugins
    }

    /// Decodes a whole file; `nil` when it is not even a JSON object. Check ``errors`` either way.
    mutating func decode(bytes: [UInt8], environment: [String: String], urlFlag: String?) -> HostConfiguration? {
        guard bytes.count <= HostConfiguration.maximumFileSize else {
            report(
                .fileTooLarge,
                at: nil,
                "is \(bytes.count) bytes, more than the limit of \(HostConfiguration.maximumFileSize)",
                fix: "a games.json is a few kilobytes; check that this is the right file"
            )
            return nil
        }
        let root: JSONValue
        do {
            root = try JSONParser().parse(bytes)
        } catch {
            var failure = HostConfigurationError(
                code: .invalidJSON,
                file: file,
                path: nil,
                message: "invalid JSON: \(error.reason)",
                fix: "correct the JSON there; it allows no comments, no trailing commas and only double-quoted strings"
            )
            failure.line = error.line
            failure.column = error.column
            errors.append(failure)
            return nil
        }
        let override = decodeURLOverride(environment: environment, urlFlag: urlFlag)
        let configuration = decodeRoot(root, urlOverride: override)
        locateErrors(in: bytes)
        return configuration
    }

    // MARK: - Levels

    private mutating func decodeRoot(_ root: JSONValue, urlOverride: (url: String, source: URLSource)?) -> HostConfiguration? {
        guard let object = expectObject(root, at: .root, what: "the configuration") else { return nil }
        checkKeys(of: object, at: .root, allowed: Self.topLevelKeys, in: "the configuration")
        var configuration = HostConfiguration()

        if let value = object["url"] {
            configuration.url = decodeURL(value, at: ConfigurationPath.root.appending("url"))
        }
        if let value = object["saveDirectory"] {
            configuration.saveDirectory = decodeSaveDirectory(value, at: ConfigurationPath.root.appending("saveDirectory"))
        }
        var defaultOrigins = PolicyOrigins()
        if let value = object["restartPolicy"] {
            let decoded = decodePolicy(
                value,
                at: ConfigurationPath.root.appending("restartPolicy"),
                over: configuration.restartPolicy,
                origins: defaultOrigins
            )
            configuration.restartPolicy = decoded.policy
            defaultOrigins = decoded.origins
        }

        let gamesPath = ConfigurationPath.root.appending("games")
        guard let gamesValue = object["games"] else {
            report(
                .missingKey,
                at: gamesPath,
                "missing key \"games\"",
                fix: "add the list of games to play, e.g. \"games\": [{\"plugin\": \"tic-tac-toe\"}]"
            )
            return configuration
        }
        guard case .array(let elements) = gamesValue else {
            reportWrongType(gamesValue, at: gamesPath, expected: "an array of games", fix: "make \"games\" a list: [ … ]")
            return configuration
        }
        guard !elements.isEmpty else {
            report(
                .invalidGameCount,
                at: gamesPath,
                "the list of games is empty; there is nothing to play",
                fix: "add at least one game, e.g. {\"plugin\": \"tic-tac-toe\"}"
            )
            return configuration
        }
        guard elements.count <= HostConfiguration.maximumGameCount else {
            report(
                .invalidGameCount,
                at: gamesPath,
                "lists \(elements.count) games, more than the limit of \(HostConfiguration.maximumGameCount)",
                fix: "split the games over several hosts"
            )
            return configuration
        }
        var games: [DecodedGame] = []
        for (index, element) in elements.enumerated() {
            let decoded = decodeGame(
                element,
                at: gamesPath.appending(index: index),
                defaults: configuration,
                defaultOrigins: defaultOrigins,
                urlOverride: urlOverride
            )
            if let decoded { games.append(decoded) }
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
        _ value: JSONValue,
        at path: ConfigurationPath,
        defaults: HostConfiguration,
        defaultOrigins: PolicyOrigins,
        urlOverride: (url: String, source: URLSource)?
    ) -> DecodedGame? {
        guard let object = expectObject(value, at: path, what: "a game") else { return nil }
        checkKeys(of: object, at: path, allowed: Self.gameKeys, in: "a game")

        let pluginPath = path.appending("plugin")
        var pluginID: String?
        if let pluginValue = object["plugin"] {
            if let id = expectString(pluginValue, at: pluginPath, expected: "a plugin id") {
                pluginID = id
                if knownPlugins[id] == nil {
                    reportUnknownPlugin(id, at: pluginPath)
                }
            }
        } else {
            report(
                .missingKey,
                at: pluginPath,
                "missing key \"plugin\"",
                fix: "name the game's plugin, one of: \(knownPluginList)"
            )
        }

        let titlePath = path.appending("title")
        var title: String?
        var isTitleValid = false
        if let titleValue = object["title"] {
            if let text = expectString(titleValue, at: titlePath, expected: "a title") {
                title = text
                isTitleValid = checkTitle(text, at: titlePath)
            }
        } else if let pluginID, let defaultTitle = knownPlugins[pluginID] {
            title = defaultTitle
            isTitleValid = true
        }

        var settings: JSONValue = [:]
        if let settingsValue = object["settings"] {
            let settingsPath = path.appending("settings")
            if expectObject(settingsValue, at: settingsPath, what: "the game's settings") != nil {
                settings = settingsValue
            }
        }

        var isEnabled = true
        if let enabledValue = object["enabled"] {
            if case .bool(let flag) = enabledValue {
                isEnabled = flag
            } else {
                reportWrongType(
                    enabledValue, at: path.appending("enabled"), expected: "true or false", fix: "write true or false")
            }
        }

        var gameURL: String?
        if let urlValue = object["url"] {
            gameURL = decodeURL(urlValue, at: path.appending("url"))
        }
        let resolved =
            urlOverride
            ?? HostConfiguration.resolveURL(flag: nil, environment: [:], game: gameURL, file: defaults.url)

        var policy = defaults.restartPolicy
        if let policyValue = object["restartPolicy"] {
            policy = decodePolicy(policyValue, at: path.appending("restartPolicy"), over: policy, origins: defaultOrigins).policy
        }

        guard let pluginID, let title else { return nil }
        let game = GameConfiguration(
            plugin: pluginID,
            title: title,
            settings: settings,
            isEnabled: isEnabled,
            url: resolved.url,
            urlSource: resolved.source,
            restartPolicy: policy
        )
        return DecodedGame(game: game, path: path, hasExplicitTitle: object["title"] != nil, isTitleValid: isTitleValid)
    }

    /// Where the delays of a policy were set, for messages about inverted delays; `nil` is the
    /// built-in default.
    private struct PolicyOrigins {
        var initialDelay: ConfigurationPath?
        var maximumDelay: ConfigurationPath?
    }

    private mutating func decodePolicy(
        _ value: JSONValue,
        at path: ConfigurationPath,
        over base: RestartPolicy,
        origins baseOrigins: PolicyOrigins
    ) -> (policy: RestartPolicy, origins: PolicyOrigins) {
        guard let object = expectObject(value, at: path, what: "a restart policy") else { return (base, baseOrigins) }
        checkKeys(of: object, at: path, allowed: Self.policyKeys, in: "a restart policy")
        var policy = base
        var origins = baseOrigins
        var areDelaysValid = true

        let initialPath = path.appending("initialDelay")
        if let member = object["initialDelay"] {
            if let delay = decodeSeconds(member, at: initialPath, name: "initialDelay", minimum: 0.001) {
                policy.initialDelay = delay
                origins.initialDelay = initialPath
            } else {
                areDelaysValid = false
            }
        }
        let maximumPath = path.appending("maximumDelay")
        if let member = object["maximumDelay"] {
            if let delay = decodeSeconds(member, at: maximumPath, name: "maximumDelay", minimum: 0.001) {
                policy.maximumDelay = delay
                origins.maximumDelay = maximumPath
            } else {
                areDelaysValid = false
            }
        }
        if let member = object["healthyAfter"],
            let duration = decodeSeconds(member, at: path.appending("healthyAfter"), name: "healthyAfter", minimum: 0)
        {
            policy.healthyAfter = duration
        }
        if let member = object["multiplier"],
            let number = decodeNumber(member, at: path.appending("multiplier"), name: "multiplier", range: 1...100)
        {
            policy.multiplier = number
        }
        if let member = object["jitter"],
            let number = decodeNumber(member, at: path.appending("jitter"), name: "jitter", range: 0...1)
        {
            policy.jitter = number
        }
        if let member = object["maximumRestarts"] {
            decodeMaximumRestarts(member, at: path.appending("maximumRestarts"), into: &policy)
        }

        let isSetHere = object["initialDelay"] != nil || object["maximumDelay"] != nil
        if areDelaysValid && isSetHere && policy.maximumDelay < policy.initialDelay {
            let initial = "\(Self.format(policy.initialDelay)) s, \(Self.describeOrigin(origins.initialDelay))"
            let maximum = "\(Self.format(policy.maximumDelay)) s, \(Self.describeOrigin(origins.maximumDelay))"
            report(
                .invertedDelays,
                at: object["maximumDelay"] != nil ? maximumPath : initialPath,
                "maximumDelay (\(maximum)) is below initialDelay (\(initial))",
                fix: "make maximumDelay at least initialDelay"
            )
        }
        return (policy, origins)
    }

    private mutating func decodeMaximumRestarts(_ value: JSONValue, at path: ConfigurationPath, into policy: inout RestartPolicy)
    {
        switch value {
        case .null:
            policy.maximumRestarts = nil
        case .integer(let count) where (0...1_000_000).contains(count):
            policy.maximumRestarts = Int(count)
        case .integer(let count):
            report(
                .outOfRange,
                at: path,
                "maximumRestarts is \(count); it must be from 0 to 1000000, or null for no limit",
                fix: count < 0 ? "use 0 to never restart, or null to restart forever" : "use null to restart forever"
            )
        default:
            reportWrongType(
                value,
                at: path,
                expected: "a whole number or null",
                fix: "write a whole number of restarts, or null for no limit"
            )
        }
    }

    // MARK: - Values

    private mutating func decodeURL(_ value: JSONValue, at path: ConfigurationPath) -> String? {
        guard let url = expectString(value, at: path, expected: "a URL") else { return nil }
        do {
            try NeuroURL.validate(url)
            return url
        } catch {
            report(.invalidURL, at: path, error.message, fix: "use ws://host:port or wss://host:port, e.g. ws://localhost:8000")
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
            let failure = HostConfigurationError(
                code: .invalidURL,
                file: resolved.source == .flag ? "--url" : NeuroURL.environmentVariable,
                path: nil,
                message: error.message,
                fix: "use ws://host:port or wss://host:port, e.g. ws://localhost:8000"
            )
            errors.append(failure)
            return nil
        }
    }

    private mutating func decodeSaveDirectory(_ value: JSONValue, at path: ConfigurationPath) -> String {
        guard let directory = expectString(value, at: path, expected: "a directory path") else {
            return HostConfiguration.defaultSaveDirectory
        }
        guard !directory.isEmpty, !directory.utf8.contains(0) else {
            report(
                .invalidSaveDirectory,
                at: path,
                directory.isEmpty ? "saveDirectory is empty" : "saveDirectory holds a NUL character",
                fix: "give a directory path such as \"saves\", or leave the key out"
            )
            return HostConfiguration.defaultSaveDirectory
        }
        return directory
    }

    private mutating func decodeSeconds(
        _ value: JSONValue,
        at path: ConfigurationPath,
        name: String,
        minimum: Double
    ) -> Duration? {
        guard let seconds = value.doubleValue else {
            reportWrongType(
                value, at: path, expected: "a number of seconds", fix: "write \(name) as a number of seconds, e.g. 1.5")
            return nil
        }
        let limit = HostConfiguration.maximumDurationSeconds
        guard seconds >= minimum, seconds <= limit else {
            let problem =
                seconds < 0
                ? "is negative" : seconds < minimum ? "is below the minimum of \(Self.format(minimum)) s" : "is longer than a day"
            report(
                .outOfRange,
                at: path,
                "\(name) (\(Self.format(seconds)) s) \(problem)",
                fix: "use a number of seconds from \(Self.format(minimum)) to \(Self.format(limit))"
            )
            return nil
        }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    private mutating func decodeNumber(
        _ value: JSONValue,
        at path: ConfigurationPath,
        name: String,
        range: ClosedRange<Double>
    ) -> Double? {
        guard let number = value.doubleValue else {
            reportWrongType(value, at: path, expected: "a number", fix: "write \(name) as a number")
            return nil
        }
        guard range.contains(number) else {
            let bounds = "\(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))"
            report(
                .outOfRange, at: path, "\(name) is \(Self.format(number)); it must be from \(bounds)",
                fix: "use a number from \(bounds)")
            return nil
        }
        return number
    }

    /// Checks a title written in the file; returns whether it is usable.
    private mutating func checkTitle(_ title: String, at path: ConfigurationPath) -> Bool {
        if title.allSatisfy(\.isWhitespace) {
            report(
                .invalidTitle, at: path, "the title is empty",
                fix: "give the game a name, or leave \"title\" out for the plugin's")
            return false
        }
        if title.count > HostConfiguration.maximumTitleLength {
            report(
                .outOfRange,
                at: path,
                "the title is \(title.count) characters long, more than the limit of \(HostConfiguration.maximumTitleLength)",
                fix: "shorten the title"
            )
            return false
        }
        if let control = title.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            let code = String(control.value, radix: 16, uppercase: true)
            report(
                .invalidTitle,
                at: path,
                "the title holds the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)",
                fix: "remove line breaks, tabs and other control characters from the title"
            )
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
                report(
                    .duplicateTitle,
                    at: spot,
                    "the title \"\(title)\"\(defaultNote) is already used by \(first.path)",
                    fix: "give each enabled game its own \"title\""
                )
                continue
            }
            titles[title] = game
            let prefix = game.game.namePrefix
            if let first = prefixes[prefix] {
                report(
                    .namePrefixCollision,
                    at: spot,
                    "the title \"\(title)\"\(defaultNote) gives the action-name prefix \"\(prefix)\", as \"\(first.game.title)\" "
                        + "at \(first.path) does",
                    fix: "make the titles differ in their letters or digits, not only in case, spaces or punctuation"
                )
                continue
            }
            prefixes[prefix] = game
        }
    }

    // MARK: - Checks and reports

    private mutating func expectObject(_ value: JSONValue, at path: ConfigurationPath, what: String) -> JSONObject? {
        guard case .object(let object) = value else {
            reportWrongType(value, at: path, expected: "an object for \(what)", fix: "write \(what) as an object: { … }")
            return nil
        }
        return object
    }

    private mutating func expectString(_ value: JSONValue, at path: ConfigurationPath, expected: String) -> String? {
        guard case .string(let string) = value else {
            reportWrongType(value, at: path, expected: "a string (\(expected))", fix: "write it in double quotes")
            return nil
        }
        return string
    }

    private mutating func checkKeys(of object: JSONObject, at path: ConfigurationPath, allowed: [String], in context: String) {
        for key in object.keys where !allowed.contains(key) {
            let suggestion = Self.closest(to: key, among: allowed)
            report(
                .unknownKey,
                at: path.appending(key),
                "unknown key \(Self.quote(key)) in \(context); known keys: \(allowed.joined(separator: ", "))",
                fix: suggestion.map { "did you mean \"\($0)\"? Keys are case-sensitive" } ?? "remove it"
            )
        }
    }

    private mutating func reportUnknownPlugin(_ id: String, at path: ConfigurationPath) {
        let known = knownPlugins.keys.sorted()
        let suggestion = Self.closest(to: id, among: known)
        report(
            .unknownPlugin,
            at: path,
            "unknown plugin \(Self.quote(id)); known plugins: \(knownPluginList)",
            fix: suggestion.map { "did you mean \"\($0)\"?" } ?? "use one of the known plugin ids"
        )
    }

    private var knownPluginList: String {
        knownPlugins.isEmpty ? "(none)" : knownPlugins.keys.sorted().joined(separator: ", ")
    }

    private mutating func reportWrongType(_ value: JSONValue, at path: ConfigurationPath, expected: String, fix: String) {
        report(.wrongType, at: path, "expected \(expected), found \(Self.describe(value))", fix: fix)
    }

    private mutating func report(_ code: HostConfigurationError.Code, at path: ConfigurationPath?, _ message: String, fix: String)
    {
        guard errors.count < Self.maximumErrorCount else {
            hasTooManyErrors = true
            return
        }
        errors.append(HostConfigurationError(code: code, file: file, path: path, message: message, fix: fix))
    }

    /// Adds repeated keys to the errors, puts line and column on every error with a path, sorts
    /// them into document order and notes any left out.
    private mutating func locateErrors(in bytes: [UInt8]) {
        let wanted = Set(errors.compactMap(\.path).flatMap(JSONSourceMap.pathAndAncestors))
        let map = JSONSourceMap(bytes: bytes, wanted: wanted)
        var offsets: [Int?] = errors.map { error in error.path.flatMap(map.offset(of:)) }
        for duplicate in map.duplicateKeys where errors.count < Self.maximumErrorCount {
            errors.append(
                HostConfigurationError(
                    code: .duplicateKey,
                    file: file,
                    path: duplicate.path,
                    message: "the key \(Self.quote(duplicate.path.lastKey ?? "")) appears more than once in this object",
                    fix: "keep one of them; JSON readers disagree on which one counts"
                )
            )
            offsets.append(duplicate.offset)
        }
        if map.duplicateKeys.count > 0 && errors.count >= Self.maximumErrorCount { hasTooManyErrors = true }
        for index in errors.indices {
            if let offset = offsets[index], errors[index].line == nil {
                let position = map.lineAndColumn(of: offset)
                errors[index].line = position.line
                errors[index].column = position.column
            }
        }
        // Errors outside the file (the flag, the environment) first, then in document order;
        // the sort is stable, so errors at one spot keep the order they were found in.
        errors = zip(errors, offsets).enumerated()
            .sorted { ($0.element.1 ?? -1, $0.offset) < ($1.element.1 ?? -1, $1.offset) }
            .map(\.element.0)
        if hasTooManyErrors {
            errors.append(
                HostConfigurationError(
                    code: .tooManyErrors,
                    file: file,
                    path: nil,
                    message: "more errors were found; only the first \(Self.maximumErrorCount) are listed",
                    fix: "fix these and run again"
                )
            )
        }
    }

    // MARK: - Formatting

    /// A short description of a value for messages: `string "abc"`, `number 1.5`, `array`.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return "boolean \(flag)"
        case .integer, .number: return "number \(value)"
        case .string(let text): return "string \(quote(text))"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// A string in JSON quotes, cut to 64 characters so that huge values keep messages short.
    static func quote(_ text: String) -> String {
        let limit = 64
        guard text.count > limit else { return JSONValue.string(text).description }
        return JSONValue.string(String(text.prefix(limit))).description + "…"
    }

    /// Seconds without a needless `.0`: `1`, `0.5`, `86400`.
    static func format(_ seconds: Double) -> String {
        if seconds == seconds.rounded(), abs(seconds) < 1e15 { return String(Int64(seconds)) }
        return "\(seconds)"
    }

    static func format(_ duration: Duration) -> String {
        format(RestartPolicy.seconds(duration))
    }

    static func describeOrigin(_ path: ConfigurationPath?) -> String {
        guard let path else { return "the default" }
        return "from \(path)"
    }

    /// The candidate closest to `text` by edit distance (ignoring case), when close enough to be
    /// a likely typo.
    static func closest(to text: String, among candidates: [String]) -> String? {
        guard text.count <= 64 else { return nil }
        let source = Array(text.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(source, Array(candidate.lowercased()))
            if distance <= max(1, candidate.count / 3), distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            current.reserveCapacity(b.count + 1)
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
