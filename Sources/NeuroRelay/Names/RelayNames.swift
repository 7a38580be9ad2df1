import GameSessions
import NeuroAPI

/// How a relayed game's action names become the names Neuro sees, and back: the game's
/// prefix on every name it registers, unregisters and forces, and on every backticked name of
/// its own actions in its texts (context, force query and state, result messages).
///
/// The rewriting rules are `ActionNameMapping`'s, the same as for built-in games; this type
/// applies them to whole commands.
///
/// ```swift
/// let names = RelayNames(prefix: "unity_")
/// names.wire(.unregisterActions(["jump"]), actionNames: ["jump"])  // actions/unregister ["unity_jump"]
/// names.gameName(ofWireName: "unity_jump")  // "jump"
/// ```
public struct RelayNames: Sendable, Hashable {
    /// The mapping of names, prefix included (`unity_`).
    public let mapping: ActionNameMapping

    /// Creates the names of a game whose prefix on the wire is `prefix` (`_` included).
    public init(prefix: String) {
        self.mapping = ActionNameMapping(prefix: prefix)
    }

    /// The prefix on the wire.
    public var prefix: String { mapping.prefix }

    /// The name Neuro sees for one of the game's names.
    public func wireName(_ name: String) -> String { mapping.wireName(name) }

    /// The game's name for a name Neuro sent, or `nil` when it is not one of this game's.
    public func gameName(ofWireName name: String) -> String? { mapping.pluginName(name) }

    /// A text as Neuro reads it: each backticked name of `actionNames` gets the prefix.
    public func wireText(_ text: String, actionNames: some Collection<String>) -> String {
        mapping.render(text, actionNames: actionNames)
    }

    /// A command of the game as Neuro sees it; `actionNames` are the game's own names that
    /// texts may mention (its registered actions, and those of this command).
    public func wire(_ command: GameCommand, actionNames: Set<String>) -> GameCommand {
        switch command {
        case .registerActions(let actions):
            return .registerActions(actions.map(mapping.wireAction))
        case .unregisterActions(let names):
            return .unregisterActions(names.map(wireName))
        case .forceActions(let force):
            return .forceActions(mapping.wireForce(force, actionNames: actionNames))
        case .context(let message, let isSilent):
            return .context(message: wireText(message, actionNames: actionNames), isSilent: isSilent)
        case .actionResult(let result):
            var result = result
            result.message = result.message.map { wireText($0, actionNames: actionNames) }
            return .actionResult(result)
        case .startup, .shutdownReady, .unknown:
            return command
        }
    }
}
