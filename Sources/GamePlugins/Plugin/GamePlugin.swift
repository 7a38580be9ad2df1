import NeuroProtocol

/// A text game that plugs into `neuro-host`: a pure, synchronous state machine.
///
/// A plugin never touches the network. It declares each of its actions once, as a
/// ``GameAction`` (name, description, schema, typed arguments and the rule together), lists
/// them in ``allActions``, and says which it offers now (``availableActions``) and what Neuro
/// must do now (``force``). The host's game session registers the offered actions, checks each
/// incoming action's data against its schema, decodes it, and runs the action's rule.
/// Everything that must survive a reconnect or a restart of the host lives in the value itself,
/// which is `Codable`, so the session can:
/// - resume after a dropped connection: `startup`, register the actions, re-issue ``force``;
/// - save the game to the save directory and restore it in a new process;
/// - unregister actions that a move made unavailable *before* it sends the successful result
///   (one-off choices behave as temporary action groups).
///
/// Keep ``availableActions``, ``force`` and the rules quick (microseconds to a millisecond):
/// the session calls them on its connection's event loop, which also carries other games'
/// messages. Saves already run elsewhere; a plugin does no I/O.
///
/// ```swift
/// var game = try GuessTheNumber(settings: .init(lowest: 1, highest: 100), seed: 7)
/// let outcome = game.perform("guess", data: ["number": 50])
/// ```
///
/// **Naming actions in text.** Games that share one Neuro get prefixed action names on the
/// wire (`tic_tac_toe_play`), so a text must never spell a wire name itself. Write the game's
/// own name in backticks (\`play\`, or ``GameAction/mention``) in every text the game gives
/// Neuro — introduction, force query and state, result messages, context — and the session
/// renders each backticked name of ``allActions`` as its name on the wire. A word in backticks
/// that is not one of these names (a board symbol, say) is left alone.
public protocol GamePlugin: Sendable, Codable {
    /// The settings decoded from the game's `settings` object in `games.json`, straight from
    /// the JSON value with `JSONValueDecoder`. Every field should have a default, read with
    /// `decodeIfPresent`, so that `{}` works and `null` means the default; a key the settings
    /// never read is reported as not a setting.
    associatedtype Settings: Codable & Sendable

    /// The id used in `games.json`, in kebab case (`tic-tac-toe`).
    static var id: String { get }
    /// The title sent as `game` to Neuro unless `games.json` gives another.
    static var defaultTitle: String { get }
    /// A sentence describing the game, for `--list` and the README.
    static var summary: String { get }
    /// Every action the game has, in any state, each declared once; names are unique.
    static var allActions: [GameAction<Self>] { get }
    /// The JSON Schema of ``Settings`` (the game's `settings` object in `games.json`), for
    /// `neuro-host --print-schema` and editors. `nil` (the default): the host derives one from
    /// the default settings (`{}` decoded, then encoded), with each key's JSON type and default.
    static var settingsSchema: JSONValue? { get }

    /// Starts a new game.
    /// - Parameters:
    ///   - settings: the decoded settings.
    ///   - seed: the seed of every random choice the game makes.
    /// - Throws: ``GamePluginError`` when the settings are inconsistent (e.g. lowest above
    ///   highest), naming the setting.
    init(settings: Settings, seed: UInt64) throws(GamePluginError)

    /// A short text sent as context when a session starts: the rules in a sentence or two.
    var introduction: String { get }

    /// The actions that should be registered now, each one of ``allActions``; by default all
    /// of them, always.
    var availableActions: [GameAction<Self>] { get }

    /// What Neuro must do now, if the game is waiting for her (made with
    /// `ActionForce(query:state:actions:)`). Every action in it is available.
    var force: ActionForce? { get }

    /// One line for the host's status view, e.g. `round 3, score 2-1`.
    var status: String { get }

    /// The game's state drawn as a small monospace board for people watching (the dashboard
    /// shows it on the game's card and `GET /api/status` carries it as `board`), or `nil`
    /// (the default) for a game with nothing to draw.
    ///
    /// A few lines of plain text, at most about 40 columns and 20 lines: a grid, the hands, a
    /// word and its lives. It is never sent to Neuro (her view is ``force``'s state), so it
    /// may show what she must not see, such as the dealer's hidden card once the round is
    /// over. Keep it as quick as ``status``: the host reads it whenever a watcher asks.
    ///
    /// ```swift
    /// public var renderedBoard: String? {
    ///     "score \(score)\n" + cells.map { $0 ? "#" : "." }.joined()
    /// }
    /// ```
    var renderedBoard: String? { get }

    /// The registrations of the actions available now, as Neuro gets them. Has a default
    /// (each of ``availableActions`` as ``GameAction/action(for:)`` makes it); a plugin need not
    /// implement it.
    var actions: [Action] { get }

    /// Applies an action whose data already matched the action's schema: the session's path
    /// (the connection checked the data). Has a default — find the action of ``allActions``,
    /// refuse it when it is not available, decode the data, run the rule on a copy — which a
    /// plugin need not (and should not) replace; it is a requirement so that the default is
    /// specialized for each plugin type.
    /// - Throws: what a rule throws for a broken game (not for a bad move).
    mutating func perform(_ actionName: String, validatedData data: JSONValue?) throws -> GameOutcome

    /// The refusal for an action of ``allActions`` that is not available now; by default
    /// ``GameRefusal/unavailableAction(_:available:)``. A game says here what to do instead
    /// ("No cards are dealt yet. Place a bet first with `bet`.").
    func refusal(forUnavailable action: GameAction<Self>) -> GameRefusal
}

extension GamePlugin {
    public static var summary: String { defaultTitle }

    public static var settingsSchema: JSONValue? { nil }

    public var renderedBoard: String? { nil }

    @inlinable
    public var availableActions: [GameAction<Self>] { Self.allActions }

    public func refusal(forUnavailable action: GameAction<Self>) -> GameRefusal {
        .unavailableAction(action.name, available: actions)
    }

    /// The names of ``allActions``, in order.
    public static var actionNames: [String] { allActions.map(\.name) }

    @inlinable
    public var actions: [Action] { availableActions.map { $0.action(for: self) } }

    /// Applies an action, checking its data against the action's schema first: what a caller
    /// without a connection (a test, another host) uses.
    ///
    /// An action the rules refuse — not available now, data off the schema, a taken square —
    /// returns a rejected outcome whose message tells Neuro what to do instead, and leaves the
    /// game unchanged.
    /// - Throws: what a rule throws for a broken game (not for a bad move).
    public mutating func perform(_ actionName: String, data: JSONValue?) throws -> GameOutcome {
        if let action = Self.allActions.first(where: { $0.name == actionName }),
            availableActions.contains(where: { $0.name == actionName }),
            let schema = action.action(for: self).schema
        {
            let violations = JSONSchemaValidator().validate(data ?? .object([:]), against: schema)
            if !violations.isEmpty {
                let reasons = violations.prefix(5).map(\.description).joined(separator: "; ")
                return .rejected("`\(actionName)` cannot use this data: \(reasons).")
            }
        }
        return try perform(actionName, validatedData: data)
    }

    @inlinable
    public mutating func perform(_ actionName: String, validatedData data: JSONValue?) throws -> GameOutcome {
        guard let action = Self.allActions.first(where: { $0.name == actionName }) else {
            return .rejected(GameRefusal.unavailableAction(actionName, available: actions).message)
        }
        guard availableActions.contains(where: { $0.name == actionName }) else {
            return .rejected(refusal(forUnavailable: action).message)
        }
        return try GameRefusal.attempt(&self) { game in try action.perform(on: &game, validatedData: data) }
    }
}
