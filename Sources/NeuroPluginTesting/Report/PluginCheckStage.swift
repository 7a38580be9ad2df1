/// The part of a check in which something was found, in the order a check runs them.
public enum PluginCheckStage: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The first connection: the game under its own action names, with bad data on purpose.
    case play
    /// The connection after NeuroSim dropped the first one mid-game.
    case reconnect
    /// Saving the game (encoding it) and restoring it (decoding the save).
    case saveAndRestore
    /// The restored game, hosted with an action-name prefix as when games share one Neuro.
    case prefixedPlay

    public var description: String { rawValue }
}
