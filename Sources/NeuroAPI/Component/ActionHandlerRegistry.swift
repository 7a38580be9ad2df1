import OrderedCollections

/// Which handler answers which action name, and what a success unregisters: the bookkeeping
/// behind ``NeuroComponent``'s registration methods, as a plain value type.
///
/// Unlike the Python reference, registering a name again *replaces* its handler (the
/// reference adds a second one and answers the action twice), and only the component's own
/// handlers are touched (the reference's `unregister_handler_type` removes every
/// component's handlers for the event).
struct ActionHandlerRegistry {
    /// How long a handler stays registered.
    enum Lifetime: Hashable {
        /// Until it is unregistered explicitly.
        case permanent
        /// Until its first success.
        case temporary
        /// Until the first success of any member of the group.
        case group(Int)
    }

    /// One registered handler.
    struct Entry {
        var action: Action
        var handler: ActionHandler
        var lifetime: Lifetime
        /// Tells this registration from a later one under the same name.
        var token: Int
    }

    /// The kinds of registration, before a group gets its identity.
    enum Kind {
        case permanent
        case temporary
        case group
    }

    /// How many recently unregistered names are remembered for a clearer failure message.
    static let retiredNameLimit = 64

    private(set) var entries: OrderedDictionary<String, Entry> = [:]
    private var groups: [Int: [String]] = [:]
    private var retired: OrderedSet<String> = []
    private var nextToken = 0

    /// The registered names, in registration order.
    var names: [String] { Array(entries.keys) }

    /// The handler for a name, if one is registered.
    func entry(named name: String) -> Entry? { entries[name] }

    /// Whether `name` was unregistered recently (by a success or explicitly) and not registered again.
    func wasUnregistered(_ name: String) -> Bool { retired.contains(name) }

    /// Adds handlers, replacing any registered under the same names.
    mutating func add(_ handled: [HandledAction], as kind: Kind) {
        let lifetime: Lifetime
        switch kind {
        case .permanent: lifetime = .permanent
        case .temporary: lifetime = .temporary
        case .group:
            lifetime = .group(nextToken)
            groups[nextToken] = handled.map(\.action.name)
            nextToken += 1
        }
        for item in handled {
            detach(item.action.name)
            retired.remove(item.action.name)
            entries[item.action.name] = Entry(action: item.action, handler: item.handler, lifetime: lifetime, token: nextToken)
            nextToken += 1
        }
    }

    /// Records that `entry`'s handler succeeded, and returns the names that this success
    /// unregisters (none for a permanent action, or when `entry` was replaced or removed
    /// meanwhile, e.g. by a concurrent success in the same group).
    mutating func consumeSuccess(of entry: Entry) -> [String] {
        guard entries[entry.action.name]?.token == entry.token else { return [] }
        let names: [String]
        switch entry.lifetime {
        case .permanent: return []
        case .temporary: names = [entry.action.name]
        case .group(let id): names = groups[id] ?? [entry.action.name]
        }
        remove(named: names)
        return names
    }

    /// Removes the handlers for `names` (unknown names are fine) and remembers the names as
    /// recently unregistered.
    mutating func remove(named names: [String]) {
        for name in names where entries[name] != nil {
            detach(name)
            entries.removeValue(forKey: name)
            retired.remove(name)
            retired.append(name)
        }
        while retired.count > Self.retiredNameLimit {
            retired.removeFirst()
        }
    }

    /// Takes `name` out of the group it belongs to, if any.
    private mutating func detach(_ name: String) {
        guard case .group(let id)? = entries[name]?.lifetime, var members = groups[id] else { return }
        members.removeAll { $0 == name }
        groups[id] = members.isEmpty ? nil : members
    }
}
