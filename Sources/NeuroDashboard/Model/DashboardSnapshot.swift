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
        /// Results (accepted and failed) in each of the last buckets of 10 s, oldest first,
        /// the bucket under way last: the card's sparkline.
        public var recentResults: [Int] = []

        /// The game without the fields that change by themselves as time passes (uptimes, the
        /// reconnect countdown): what the live stream compares to tell whether it changed.
        var withoutClocks: Game {
            var game = self
            game.status.secondsConnected = 0
            game.status.secondsInCurrentSession = game.status.secondsInCurrentSession == nil ? nil : 0
            game.secondsUntilReconnect = game.secondsUntilReconnect == nil ? nil : 0
            return game
        }
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
        /// The first waiting games, in arrival order (at most ``DashboardSnapshot/waitingShown``).
        public var waiting: [Waiting]
        /// How many games wait in all.
        public var waitingCount: Int
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
        /// Actions the games accepted (success results).
        public var actions: Int
        /// Failure results sent (refused moves, invalid data, unknown or late actions).
        public var failures: Int
        /// Every result sent, accepted and failed: ``actions`` + ``failures``.
        public var results: Int
        /// Reconnections over every game.
        public var reconnects: Int
        /// Results (accepted and failed) per second over the last 10 s (a sliding window).
        public var resultsPerSecond: Double
    }

    /// One sample of the host-wide charts.
    public struct Point: Sendable, Hashable, Codable {
        /// When, in seconds since the dashboard started (as ``DashboardSnapshot/secondsRunning``).
        public var secondsRunning: Double
        /// Results (accepted and failed) per second over the 10 s before.
        public var resultsPerSecond: Double
        /// The median result latency of the actions answered in the 10 s before, if any.
        public var latencyP50Milliseconds: Double?
        /// The 99th percentile of the same latencies.
        public var latencyP99Milliseconds: Double?
        /// Failure results since the previous sample.
        public var newFailures: Int
        /// Reconnections since the previous sample.
        public var newReconnects: Int
    }

    /// How many waiting games a force slot lists at most; ``ForceSlot/waitingCount`` counts them all.
    public static let waitingShown = 20

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
    /// The charts' samples, oldest first (the last five minutes, one a second while watched).
    public var history: [Point] = []
    /// NeuroSim's verdict so far, with `--simulate`.
    public var neuroSim: Verdict?

    /// The snapshot as compact JSON.
    public func json() -> String { DashboardJSON.encode(self) }
}
