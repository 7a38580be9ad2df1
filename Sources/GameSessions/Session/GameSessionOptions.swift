import Logging
import NeuroAPI

/// How a ``GameSession`` plays, besides its title and its game: one value for every way a
/// session is made (``GameSession/init(title:plugin:options:)``,
/// `GamePlugin.makeSession(title:settings:seed:options:)`,
/// `GameCatalog.builtIn.makeSession(plugin:title:settings:seed:options:)`).
///
/// ```swift
/// var options = GameSessionOptions(logger: logger)
/// options.saveStore = GameSaveStore(directory: saves)
/// let session = try TicTacToe.makeSession(title: "Tic-Tac-Toe", settings: nil, seed: 1, options: options)
/// ```
public struct GameSessionOptions: Sendable {
    /// How action names map to the wire (a prefix when games share one Neuro).
    public var names: ActionNameMapping
    /// Where to save, or `nil` not to.
    public var saveStore: GameSaveStore?
    /// Save after each accepted action too (besides on stop and on Neuro's shutdown requests).
    public var savesAfterEveryAction: Bool
    /// The force slot shared with the other games on the same Neuro; `nil` when the game is
    /// alone there.
    public var forceArbiter: (any ForceArbiter)?
    /// How long after a failed forced action without any action from Neuro the force counts as
    /// abandoned (``GameSessionState/abandonedForceTimeout``).
    public var abandonedForceTimeout: Duration
    /// Whether ``GameSession/play(on:)`` runs its own watch for abandoned forces beside the
    /// connection; a host with many games turns it off and calls
    /// ``GameSession/checkForAbandonedForce()`` from one task for all of them instead.
    public var watchesForAbandonedForces: Bool
    /// Where to record context messages and actions for an observer (a dashboard); `nil`
    /// records nothing.
    public var activity: GameActivity?
    /// Where the session logs (with `neuro.game` metadata added).
    public var logger: Logger

    /// Creates options; every one has the default a single game on its own Neuro wants.
    public init(
        names: ActionNameMapping = .identity,
        saveStore: GameSaveStore? = nil,
        savesAfterEveryAction: Bool = true,
        forceArbiter: (any ForceArbiter)? = nil,
        abandonedForceTimeout: Duration = .seconds(5),
        watchesForAbandonedForces: Bool = true,
        activity: GameActivity? = nil,
        logger: Logger = Logger(label: "neuro.game")
    ) {
        self.names = names
        self.saveStore = saveStore
        self.savesAfterEveryAction = savesAfterEveryAction
        self.forceArbiter = forceArbiter
        self.abandonedForceTimeout = abandonedForceTimeout
        self.watchesForAbandonedForces = watchesForAbandonedForces
        self.activity = activity
        self.logger = logger
    }
}
