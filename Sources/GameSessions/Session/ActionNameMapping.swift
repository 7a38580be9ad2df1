import GamePlugins
import NeuroAPI

/// How a game's own action names become the names Neuro sees.
///
/// Action names share one namespace per Neuro character across every connected game, so a
/// host that plays two games registering `play` gives each a prefix. A plugin keeps using
/// its own names; the session maps them to the wire when it registers actions and sends
/// forces, and maps an incoming action back by its wire name: each game's connection only
/// receives its own wire names, and a name without the game's prefix is answered as unknown.
///
/// The scheme `neuro-host` uses: a game alone on its Neuro URL has no prefix; every game that
/// shares a URL gets the slug of its title (`GameConfiguration.namePrefix(forTitle:)`) plus
/// `_`, so "Guess A"'s `guess` is `guess_a_guess` on the wire and "Guess B"'s is
/// `guess_b_guess`. Titles whose slugs collide are refused before anything connects.
public struct ActionNameMapping: Sendable, Hashable {
    /// Prepended to every action name on the wire; empty for none.
    public var prefix: String

    /// Creates a mapping.
    public init(prefix: String = "") {
        self.prefix = prefix
    }

    /// No renaming.
    public static let identity = ActionNameMapping()

    /// The name Neuro sees for a plugin's action name.
    public func wireName(_ name: String) -> String { prefix.isEmpty ? name : prefix + name }

    /// The plugin's name for a wire name, or `nil` when the wire name is not one of ours.
    public func pluginName(_ wireName: String) -> String? {
        guard !prefix.isEmpty else { return wireName }
        guard wireName.hasPrefix(prefix) else { return nil }
        return String(wireName.dropFirst(prefix.count))
    }

    /// The action as registered on the wire.
    public func wireAction(_ action: Action) -> Action {
        guard !prefix.isEmpty else { return action }
        return Action(name: wireName(action.name), description: action.description, schema: action.schema)
    }

    /// The force as sent on the wire: its names, and the names in its query and state.
    /// - Parameters:
    ///   - force: the force as the game wrote it.
    ///   - actionNames: the game's action names (`GamePlugin.actionNames`).
    public func wireForce(_ force: ActionForce, actionNames: some Collection<String> = [String]()) -> ActionForce {
        var force = force
        force.actionNames = force.actionNames.map(wireName)
        force.query = render(force.query, actionNames: actionNames)
        force.state = force.state.map { render($0, actionNames: actionNames) }
        return force
    }

    /// A text as Neuro reads it: every backticked name in `actionNames` (\`play\`) becomes
    /// its wire name (\`tic_tac_toe_play\`); everything else is left as it is.
    public func render(_ text: String, actionNames: some Collection<String>) -> String {
        guard !prefix.isEmpty, text.contains("`") else { return text }
        var rendered = ""
        rendered.reserveCapacity(text.utf8.count + 16)
        var rest = text[...]
        while let open = rest.firstIndex(of: "`") {
            rendered += rest[...open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "`") else {
                rest = rest[afterOpen...]
                break
            }
            let word = rest[afterOpen..<close]
            if actionNames.contains(String(word)) {
                rendered += prefix
            }
            rendered += word
            rendered += "`"
            rest = rest[rest.index(after: close)...]
        }
        rendered += rest
        return rendered
    }
}
