import GamePlugins
import NeuroAPI

/// A game session whose plugin type is erased, so that the host can run many kinds of game.
/// It serves the connections a `ReconnectingNeuroService` hands it (`serve(_:)` is
/// ``play(on:)``), so the service, not the game, owns their lifetime.
public protocol HostedGame: AnyObject, NeuroConnectionHandler {
    /// The `game` title sent to Neuro.
    var title: String { get }
    /// What an observer may read of the game's connection now (registered actions, the
    /// pending force); a value, so nothing outside can reach into the connection.
    var view: GameView { get }
    /// The plugin's id (`tic-tac-toe`).
    var pluginID: String { get }
    /// Counters across connections.
    var statistics: GameStatistics { get }
    /// The game's own status line.
    var gameStatus: String { get }
    /// The game's board for people watching (`GamePlugin.renderedBoard`), if it draws one.
    var renderedBoard: String? { get }
    /// Where the session records its activity for an observer, if anywhere.
    var activity: GameActivity? { get }
    /// Whether the game is waiting for the force slot it shares with other games.
    var isWaitingForForceSlot: Bool { get }
    /// Plays on one connection until it ends; see ``GameSession/play(on:)``.
    func play(on transport: any NeuroTransport) async throws -> SessionEnd
    /// Saves, unregisters every action, and closes the connection; see ``GameSession/stop(code:reason:)``.
    func stop(code: WebSocketCloseCode, reason: String?) async
    /// Withdraws a force Neuro gave up on, if its wait is over; see ``GameSession/checkForAbandonedForce()``.
    func checkForAbandonedForce() async
    /// Saves the game now, if it has a save store.
    func saveNow()
    /// Whether the game itself is there: always for a plugin; for a game relayed from another
    /// process, whether it is connected to the host's relay.
    var isPresent: Bool { get }
    /// Diagnostics counted on the game's frames, by rule id (a relayed game's protocol checks);
    /// empty for a plugin.
    var diagnosticCounts: [String: Int] { get }
}

extension HostedGame {
    /// Serves the connection with ``play(on:)``.
    public func serve(_ transport: any NeuroTransport) async throws -> NeuroDisconnectReason {
        switch try await play(on: transport) {
        case .closedByNeuro(let code, let reason): .closed(code: code, reason: reason)
        case .stopped: .stopped(code: .goingAway, reason: nil)
        }
    }

    public var isPresent: Bool { true }
    public var diagnosticCounts: [String: Int] { [:] }
    public var renderedBoard: String? { nil }
}

extension GameSession: HostedGame {
    public var pluginID: String { Plugin.id }
    public var gameStatus: String { plugin.status }
    public var renderedBoard: String? { plugin.renderedBoard }
    public var view: GameView { GameView(component.client.core) }
}
