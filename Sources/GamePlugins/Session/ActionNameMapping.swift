import NeuroAPI

/// How a game's own action names become the names Neuro sees.
///
/// Action names share one namespace per Neuro character across every connected game, so a
/// host that plays two games registering `play` gives each a prefix. A plugin keeps using
/// its own names; the session maps them to the wire when it registers actions and sends
/// forces, and maps an incoming action back by its wire name: each game's connection only
/// receives its own wire names, and a name without the game's prefix is answered as unknown.
///
/// Texts are mapped too (``wireText(_:)``): a plugin writes "guess with `guess`", and Neuro,
/// who would try to call what a text names in backticks, reads "guess with `guess_a_guess`".
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
    public func wireName(_ name: String) -> String { prefix + name }

    /// The plugin's name for a wire name, or `nil` when the wire name is not one of ours.
    public func pluginName(_ wireName: String) -> String? {
        guard wireName.hasPrefix(prefix) else { return nil }
        return String(wireName.dropFirst(prefix.count))
    }

    /// The action as registered on the wire.
    public func wireAction(_ action: Action) -> Action {
        Action(name: wireName(action.name), description: action.description, schema: action.schema)
    }

    /// The force as sent on the wire: its names, and the action names its query and state
    /// mention (``wireText(_:)``).
    public func wireForce(_ force: ActionForce) -> ActionForce {
        var force = force
        force.actionNames = force.actionNames.map(wireName)
        force.query = wireText(force.query)
        force.state = force.state.map(wireText)
        return force
    }

    /// A text as sent on the wire (a context message, a force's query or state, a result
    /// message): every action name it mentions in backticks — `` `guess` ``, one or more of
    /// `a-z 0-9 _ -` with a letter — becomes its wire name. Other inline code (`` `X wins` ``)
    /// and code fences are left alone. Without a prefix the text is returned as it is.
    public func wireText(_ text: String) -> String {
        let backtick = UInt8(ascii: "`")
        guard !prefix.isEmpty, text.utf8.contains(backtick) else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + prefix.utf8.count * 2)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == backtick else {
                output.append(bytes[index])
                index += 1
                continue
            }
            var end = index + 1
            var hasLetter = false
            while end < bytes.count, Self.isNameByte(bytes[end]) {
                if bytes[end] >= UInt8(ascii: "a") && bytes[end] <= UInt8(ascii: "z") { hasLetter = true }
                end += 1
            }
            guard end < bytes.count, bytes[end] == backtick, end > index + 1, hasLetter else {
                // Not a name: copy up to the first byte that is not part of the run, so that a
                // backtick ending the run may open the next name.
                let stop = max(end, index + 1)
                output.append(contentsOf: bytes[index..<stop])
                index = stop
                continue
            }
            output.append(backtick)
            output.append(contentsOf: prefix.utf8)
            output.append(contentsOf: bytes[(index + 1)...end])
            index = end + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
