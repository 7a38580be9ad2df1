/// What the live stream sends after its first full ``DashboardSnapshot``: what changed since
/// the previous event (the `update` event of `GET /api/events`).
///
/// The totals, the force slots and the clock are always there (they are small); a game only
/// when something other than its clocks changed (the page advances uptimes and countdowns
/// itself from ``DashboardSnapshot/secondsRunning``); chart points only the new ones;
/// NeuroSim's verdict only when it changed.
public struct DashboardUpdate: Sendable, Hashable, Codable {
    /// Seconds since the dashboard started.
    public var secondsRunning: Double
    /// How many games there are now: cards at this index or above are gone.
    public var gameCount: Int
    /// The games that changed, whole.
    public var games: [DashboardSnapshot.Game]
    /// The shared force slots, by URL.
    public var forceSlots: [DashboardSnapshot.ForceSlot]
    /// Sums over every game.
    public var totals: DashboardSnapshot.Totals
    /// The chart points taken since the previous event.
    public var history: [DashboardSnapshot.Point]
    /// NeuroSim's verdict, when it changed.
    public var neuroSim: DashboardSnapshot.Verdict?

    /// What changed from `previous` to `current`.
    public init(from previous: DashboardSnapshot, to current: DashboardSnapshot) {
        secondsRunning = current.secondsRunning
        gameCount = current.games.count
        games = current.games.enumerated().compactMap { index, game in
            previous.games.indices.contains(index) && previous.games[index].withoutClocks == game.withoutClocks
                ? nil : game
        }
        forceSlots = current.forceSlots
        totals = current.totals
        let since = previous.history.last?.secondsRunning ?? -.infinity
        history = current.history.filter { $0.secondsRunning > since }
        neuroSim = current.neuroSim == previous.neuroSim ? nil : current.neuroSim
    }

    /// The update as compact JSON.
    public func json() -> String { DashboardJSON.encode(self) }
}
