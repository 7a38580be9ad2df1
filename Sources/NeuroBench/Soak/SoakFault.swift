/// The faults of `neuro-bench soak`, by their key in the JSON's `faults`.
enum SoakFault: String, CaseIterable, Sendable, Comparable {
    /// NeuroSim drops one connection (no close frame).
    case drop
    /// One of the two NeuroSims' listener restarts: its connections close with 1001, and every
    /// game on it reconnects.
    case restart
    /// `actions/reregister_all` to one game; NeuroSim checks that it registers again.
    case reregisterAll
    /// `shutdown/graceful` wanting shutdown (the game saves, unregisters, `shutdown/ready`), then
    /// Neuro closes the game: it must reconnect and play again.
    case gracefulShutdown
    /// `shutdown/immediate` (the game saves, `shutdown/ready`), then Neuro closes the connection
    /// as it would the game: the game must reconnect.
    case immediateShutdown
    /// A frame above the game's 1 MiB limit: the game closes with 1009 and reconnects.
    case oversizedFrame
    /// The relay accepts a reconnecting game's TCP connection and never answers: the game's
    /// handshake must time out, and it tries again.
    case stalledHandshake
    /// A ``FaultyGame``'s rule throws (NeuroSim rolled 0): the action is answered with a
    /// failure, the game closes with 1011 and the host restarts it. Counted as they happen.
    case pluginThrow
    /// NeuroSim gives up on a force whose action failed again after one retry, silently: the game must
    /// withdraw it and force again. Counted from NeuroSim's statistics.
    case abandonedForce

    /// The faults the bench injects itself, one at a time, at random.
    static let injected: [SoakFault] = [
        .drop, .restart, .reregisterAll, .gracefulShutdown, .immediateShutdown, .oversizedFrame, .stalledHandshake,
    ]

    /// The injected faults' names, for help and errors.
    static var injectedNames: String { injected.map(\.rawValue).joined(separator: ", ") }

    static func < (lhs: SoakFault, rhs: SoakFault) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
