import Foundation
import GameSessions
import NeuroHost

/// Everything the dashboard page shows, at one instant: the value the live stream sends and
/// `GET /api/snapshot` returns, as JSON.
///
/// Every string in it that came from a game or from Neuro (titles, status lines, context,
/// queries, action data, messages) is untrusted: the page shows it with `textContent` only.
public struct DashboardSnapshot: Sendable, Hashable, Codable {
    /// One game.
    public struct Game: Sendable, Hashable, Codable {
        /// The game's index in `games.json` order among the enabled games: its id in the
        /// control routes (`POST /api/games/{index}/drop`).
        public var index: Int
        /// The game's status, as in the summary (connection state, reconnects, uptime, last error…).
        public var status: GameStatus
        /// Where the game connects.
        public var url: String
        /// Reconnections started by the supervisor.
        public var restarts: Int
        /// Whether the game is paused from the dashboard.
        public var isPaused: Bool
        /// Seconds before the next connection attempt, while backing off.
        public var secondsUntilReconnect: Double?
        /// The force Neuro is asked to answer now, if any.
        public var force: Force?
        /// The newest context messages, oldest first.
        public var contexts: [GameActivityLog.Context]
        /// The newest actions and their results, oldest first.
        public var actions: [GameActivityLog.ActionRecord]
        /// The actions registered on the current connection.
        public var registeredActions: [RegisteredAction]
    }

    /// A pending force.
    public struct Force: Sendable, Hashable, Codable {
        /// The state shown to Neuro (often Markdown; shown as text).
        public var state: String?
        /// What she is asked.
        public var query: String
        /// The actions she may answer with.
        public var actionNames: [String]
    }

    /// A registered action, for the manual action sender.
    public struct RegisteredAction: Sendable, Hashable, Codable {
        /// The wire name.
        public var name: String
        /// The description sent to Neuro.
        public var description: String
        /// Whether the action takes data (has a schema); the example route generates it.
        public var hasData: Bool
    }

    /// The force slot of one Neuro URL shared by several games.
    public struct ForceSlot: Sendable, Hashable, Codable {
        /// The Neuro URL.
        public var url: String
        /// The game holding the slot, if any.
        public var holder: String?
        /// Seconds the holder has held it.
        public var secondsHeld: Double?
        /// The waiting games, in arrival order.
        public var waiting: [Waiting]
    }

    /// A game waiting for a force slot.
    public struct Waiting: Sendable, Hashable, Codable {
        /// The game's title.
        public var game: String
        /// Seconds it has waited.
        public var seconds: Double
    }

    /// Sums over every game.
    public struct Totals: Sendable, Hashable, Codable {
        /// Actions accepted by the games.
        public var actions: Int
        /// Failure results sent.
        public var failures: Int
        /// Reconnections over every game.
        public var reconnects: Int
        /// Results (accepted and failed) per second over the last sampling interval.
        public var resultsPerSecond: Double
    }

    /// Seconds since the dashboard started.
    public var secondsRunning: Double
    /// The URL every game plays against (`--simulate`), if one.
    public var url: String?
    /// Whether the simulator's controls (faults, the manual action sender) are available.
    public var hasSimulator: Bool
    /// Every game, in configuration order; empty before the games are created.
    public var games: [Game]
    /// The shared force slots, by URL.
    public var forceSlots: [ForceSlot]
    /// Sums over every game.
    public var totals: Totals

    /// The snapshot as compact JSON.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
