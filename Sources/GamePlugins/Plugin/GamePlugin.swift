import NeuroProtocol

/// A text game that plugs into `neuro-host`: a pure, synchronous state machine.
///
/// A plugin never touches the network. The host's game session asks it which actions should
/// be registered now (``actions``) and what Neuro must do now (``force``), validates each
/// incoming action's data against the action's schema, and then calls
/// ``perform(_:data:)``. Everything that must survive a reconnect or a restart of the host
/// lives in the value itself, which is `Codable`, so the session can:
/// - resume after a dropped connection: `startup`, register ``actions``, re-issue ``force``;
/// - save the game to the save directory and restore it in a new process;
/// - unregister actions that ``perform(_:data:)`` made unavailable *before* it sends the
///   successful result (one-off choices behave as temporary action groups).
///
/// Keep ``actions``, ``force`` and ``perform(_:data:)`` quick (microseconds to a millisecond):
/// the session calls them on its connection's event loop, which also carries other games'
/// messages. Saves already run elsewhere; a plugin does no I/O.
///
/// ```swift
/// var game = try GuessTheNumber(settings: .init(lowest: 1, highest: 100), seed: 7)
/// let outcome = game.perform("guess", data: ["number": 50])
/// ```
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
    /// Every action name the game can register, in any state.
    ///
    /// **Naming actions in text.** Games that share one Neuro get prefixed action names on the
    /// wire (`tic_tac_toe_play`), so a text must never spell a name itself. Write the game's own
    /// name in backticks (\`play\`) in every text the game gives Neuro — introduction,
    /// force query and state, result messages, context — and the session renders each
    /// backticked name from this list as its name on the wire. A word in backticks that is not
    /// one of these names (a board symbol, say) is left alone.
    static var actionNames: [String] { get }

    /// Starts a new game.
    /// - Parameters:
    ///   - settings: the decoded settings.
    ///   - seed: the seed of every random choice the game makes.
    /// - Throws: ``GamePluginError`` when the settings are inconsistent (e.g. lowest above
    ///   highest), naming the setting.
    init(settings: Settings, seed: UInt64) throws(GamePluginError)

    /// A short text sent as context when a session starts: the rules in a sentence or two.
    var introduction: String { get }

    /// The actions that should be registered now.
    var actions: [Action] { get }

    /// What Neuro must do now, if the game is waiting for her. Every name in it is in
    /// ``actions``.
    var force: ActionForce? { get }

    /// Applies an action whose data already matched the action's schema.
    ///
    /// An action the rules refuse (a taken square, a letter already guessed) returns a
    /// rejected outcome whose message tells Neuro what to do instead, and leaves the game
    /// unchanged. Throwing is for a broken game, not a bad move: the session answers the
    /// action with a failure, ends, and the host restarts the game from its last good state.
    /// (A non-throwing implementation satisfies this requirement.)
    mutating func perform(_ actionName: String, data: JSONValue?) throws -> GameOutcome

    /// One line for the host's status view, e.g. `round 3, score 2-1`.
    var status: String { get }
}

extension GamePlugin {
    public static var summary: String { defaultTitle }
}
