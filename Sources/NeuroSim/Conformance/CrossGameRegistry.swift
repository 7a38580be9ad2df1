import Synchronization

/// The state that spans connections: who holds Neuro's one force slot, which game registered
/// each action name, and which connections speak for each game title. Touched only by a
/// connection's first title, `actions/register`, `actions/unregister`, `actions/force`, the
/// end of a force and the end of a connection, never by the hot path (`action` and
/// `action/result`), so one lock is fine.
final class CrossGameRegistry: Sendable {
    private struct State {
        /// Action name → (game title → connections registering it).
        var owners: [String: [String: Set<Int>]] = [:]
        /// The connections with a pending force, in arrival order.
        var forceHolders: [(connection: Int, game: String)] = []
        /// Game title → the live connections that identified with it.
        var clients: [String: Set<Int>] = [:]
        /// The holders whose forced action is out, its result not read yet.
        var answering: Set<Int> = []
        /// For each holder in `answering`: the games that forced meanwhile. Judged when the
        /// result is read (see ``CrossGameRegistry/beginForce(game:connection:)``).
        var forcedMeanwhile: [Int: [String]] = [:]
    }

    private let state = Mutex(State())

    /// Records a registration; returns the other games that registered the name too.
    func register(_ name: String, game: String, connection: Int) -> [String] {
        state.withLock { state in
            state.owners[name, default: [:]][game, default: []].insert(connection)
            return (state.owners[name] ?? [:]).keys.filter { $0 != game }.sorted()
        }
    }

    /// Forgets a registration.
    func unregister(_ name: String, game: String, connection: Int) {
        state.withLock { state in
            state.owners[name]?[game]?.remove(connection)
            if state.owners[name]?[game]?.isEmpty == true { state.owners[name]?[game] = nil }
            if state.owners[name]?.isEmpty == true { state.owners[name] = nil }
        }
    }

    /// Records that a connection has a pending force; returns the other games holding one.
    ///
    /// A holder whose forced action is out is judged later: Neuro reads each connection on its
    /// own, so the next game's force may be read before the result that ended this one (the
    /// host writes the result first, and hands the slot on after it). If that result is a
    /// success, the slot was handed on in order; if it is a failure (or never comes), the
    /// force stays pending and ``forcedActionSettled(connection:failed:)`` names the games that forced
    /// meanwhile.
    ///
    /// A connection that holds the slot already and forces again (the force it re-sends after
    /// `actions/reregister_all`, possibly read after another game's) keeps its claim: that was
    /// judged when it first forced, and a force read since from another game is judged against
    /// it, not the other way round.
    func beginForce(game: String, connection: Int) -> [String] {
        state.withLock { state in
            guard !state.forceHolders.contains(where: { $0.connection == connection }) else { return [] }
            var others: [String] = []
            for holder in state.forceHolders where holder.connection != connection && holder.game != game {
                if state.answering.contains(holder.connection) {
                    state.forcedMeanwhile[holder.connection, default: []].append(game)
                } else {
                    others.append(holder.game)
                }
            }
            state.forceHolders.append((connection, game))
            return others
        }
    }

    /// Records that Neuro sent the action of a connection's force.
    func forcedActionSent(connection: Int) {
        state.withLock { state in
            guard state.forceHolders.contains(where: { $0.connection == connection }) else { return }
            state.answering.insert(connection)
        }
    }

    /// Records the outcome of a connection's forced action. After a failure (a failed result or
    /// a timeout) its force was pending all along: returns the games that forced meanwhile.
    func forcedActionSettled(connection: Int, failed: Bool) -> [String] {
        state.withLock { state in
            state.answering.remove(connection)
            let meanwhile = state.forcedMeanwhile.removeValue(forKey: connection) ?? []
            return failed ? meanwhile : []
        }
    }

    /// Records that a connection identified as a game; returns the other live connections of
    /// that game, oldest first.
    func identify(game: String, connection: Int) -> [Int] {
        state.withLock { state in
            let others = (state.clients[game] ?? []).subtracting([connection]).sorted()
            state.clients[game, default: []].insert(connection)
            return others
        }
    }

    /// Forgets a connection's title (the connection ended).
    func forgetClient(game: String, connection: Int) {
        state.withLock { state in
            state.clients[game]?.remove(connection)
            if state.clients[game]?.isEmpty == true { state.clients[game] = nil }
        }
    }

    /// Records that a connection has no pending force any more.
    func endForce(connection: Int) {
        state.withLock { state in
            state.forceHolders.removeAll { $0.connection == connection }
            state.answering.remove(connection)
            state.forcedMeanwhile[connection] = nil
        }
    }
}
