import GamePlugins
import NeuroAPI

/// The pure bookkeeping of one force slot shared by every game on one Neuro character.
///
/// Neuro keeps one outstanding force per character, not per game, so the games that point
/// at one Neuro take turns: at most one claimant holds the slot; the others wait. Waiting
/// requests are served by `ForcePriority/rank` (`critical` first), then in arrival order. No
/// claimant starves: a request that ``maximumOvertakes`` later requests have overtaken (by
/// priority) is served next. A holder that keeps the slot longer than ``timeout`` loses it.
///
/// Every operation takes the current instant, so every rule is tested without a clock. Each
/// request carries the claimant's `ticket`, returned with the grant, so the claimant can tell
/// a grant of its current request from a stale one.
public struct ForceQueue<Claimant: Hashable & Sendable>: Sendable {
    /// A claimant granted the slot, and the ticket of the request that won it.
    public struct Grant: Sendable, Hashable {
        /// Who holds the slot now.
        public var claimant: Claimant
        /// The ticket the claimant gave with its request.
        public var ticket: Int
        /// How long the claimant waited for the slot, from its request to this grant.
        public var waited: Duration = .zero
    }

    /// A claimant waiting for the slot, and since when.
    public struct Waiting: Sendable, Hashable {
        /// Who waits.
        public var claimant: Claimant
        /// When it asked for the slot.
        public var since: ContinuousClock.Instant
    }

    /// The order in which waiting claimants of one priority are served.
    public enum Order: Sendable, Hashable {
        /// First come, first served.
        case arrival
        /// Round and round in the listed order: after a holder, the next listed claimant is
        /// served; while it has not asked, the slot stays free for up to `wait` (from when the
        /// slot was free and someone waited), then the next waiting one in the order is served
        /// and the one that did not ask has missed its turn. A higher priority is served first
        /// and does not move the turns on. Claimants not listed come after the listed ones, in
        /// arrival order.
        case turns([Claimant], wait: Duration)
    }

    private struct Request: Sendable {
        var claimant: Claimant
        var rank: Int
        var ticket: Int
        var arrival: Int
        var since: ContinuousClock.Instant
        var overtakes = 0
    }

    /// How long a holder may keep the slot before it is freed for the next claimant.
    public let timeout: Duration
    /// How many later requests may overtake a waiting one before it is served next.
    public let maximumOvertakes: Int
    /// The order of waiting claimants of one priority.
    public let order: Order
    /// The claimant holding the slot, and its ticket.
    public private(set) var holder: Grant?
    /// Since when the holder has held the slot.
    public private(set) var heldSince: ContinuousClock.Instant?
    private var waiting: [Request] = []
    private var nextArrival = 0
    /// With ``Order/turns(_:wait:)``: each listed claimant's place in the order.
    private let turnPlaces: [Claimant: Int]
    /// With ``Order/turns(_:wait:)``: the place of the last listed holder.
    private var lastTurn: Int?
    /// Since when the slot has been free with someone waiting (the turn wait's start).
    private var freeWithWaitersSince: ContinuousClock.Instant?
    /// Whether the slot grants nobody any more (``close()``).
    public private(set) var isClosed = false

    /// Creates an empty queue.
    /// - Parameters:
    ///   - timeout: how long a holder keeps the slot at most.
    ///   - maximumOvertakes: how often a waiting request may be overtaken (at least 1).
    ///   - order: the order of waiting claimants of one priority (arrival by default).
    public init(timeout: Duration = .seconds(60), maximumOvertakes: Int = 4, order: Order = .arrival) {
        self.timeout = timeout
        self.maximumOvertakes = max(1, maximumOvertakes)
        self.order = order
        var places: [Claimant: Int] = [:]
        if case .turns(let claimants, _) = order {
            for (place, claimant) in claimants.enumerated() where places[claimant] == nil { places[claimant] = place }
        }
        turnPlaces = places
    }

    /// The waiting claimants, in arrival order.
    public var waitingClaimants: [Claimant] { waiting.map(\.claimant) }

    /// The waiting claimants with the instant of their requests, in arrival order.
    public var waitingRequests: [Waiting] { waiting.map { Waiting(claimant: $0.claimant, since: $0.since) } }

    /// When the holder loses the slot unless it releases it first.
    public var deadline: ContinuousClock.Instant? { heldSince.map { $0 + timeout } }

    /// With ``Order/turns(_:wait:)``, while the slot is free and waits for the claimant whose
    /// turn it is: when its turn wait ends, and ``serveWaiting(at:)`` serves the next one.
    public var turnDeadline: ContinuousClock.Instant? {
        guard holder == nil, case .turns(_, let wait) = order, let since = freeWithWaitersSince else { return nil }
        return since + wait
    }

    /// Grants nobody from now on: the games are stopping. The holder keeps the slot until it
    /// releases it; requests are still recorded (``waitingClaimants``) but never served, so a
    /// game does not force just before it says goodbye.
    public mutating func close() {
        isClosed = true
    }

    /// Whether `claimant` is waiting for the slot.
    public func isWaiting(_ claimant: Claimant) -> Bool { waiting.contains { $0.claimant == claimant } }

    /// Asks for the slot. A claimant that already holds the slot or waits keeps its place
    /// (its ticket is updated).
    /// - Returns: the grant this request caused (to this claimant, when the slot was free).
    public mutating func request(
        _ claimant: Claimant, priority: ForcePriority, ticket: Int, at now: ContinuousClock.Instant
    ) -> Grant? {
        if let index = waiting.firstIndex(where: { $0.claimant == claimant }) {
            waiting[index].ticket = ticket
            waiting[index].rank = max(waiting[index].rank, priority.rank)
            return nil
        }
        if holder?.claimant == claimant { return nil }
        waiting.append(Request(claimant: claimant, rank: priority.rank, ticket: ticket, arrival: nextArrival, since: now))
        nextArrival += 1
        if holder == nil, freeWithWaitersSince == nil { freeWithWaitersSince = now }
        return grantNext(at: now)
    }

    /// Gives the slot back (its force was answered or withdrawn, or its game disconnected), or
    /// withdraws a waiting request. Releasing what one does not hold does nothing.
    /// - Returns: the grant to the next claimant, if any.
    public mutating func release(_ claimant: Claimant, at now: ContinuousClock.Instant) -> Grant? {
        waiting.removeAll { $0.claimant == claimant }
        if waiting.isEmpty { freeWithWaitersSince = nil }
        guard holder?.claimant == claimant else { return nil }
        holder = nil
        heldSince = nil
        freeWithWaitersSince = waiting.isEmpty ? nil : now
        return grantNext(at: now)
    }

    /// Frees the slot when its holder has kept it past ``timeout``.
    /// - Returns: the claimant that lost the slot, and the grant to the next one.
    public mutating func expire(at now: ContinuousClock.Instant) -> (expired: Claimant?, granted: Grant?) {
        guard let holder, let deadline, deadline <= now else { return (nil, nil) }
        self.holder = nil
        heldSince = nil
        freeWithWaitersSince = waiting.isEmpty ? nil : now
        return (holder.claimant, grantNext(at: now))
    }

    /// Serves a waiting claimant now that the turn wait is over (``turnDeadline``): the slot
    /// waited long enough for the claimant whose turn it was.
    /// - Returns: the grant, if the slot is free and someone waits.
    public mutating func serveWaiting(at now: ContinuousClock.Instant) -> Grant? {
        grantNext(at: now)
    }

    private mutating func grantNext(at now: ContinuousClock.Instant) -> Grant? {
        guard holder == nil, !waiting.isEmpty, !isClosed else { return nil }
        let index: Int
        switch order {
        case .arrival:
            // `waiting` is in arrival order: the first starving request is the oldest one.
            index =
                waiting.firstIndex { $0.overtakes >= maximumOvertakes }
                ?? waiting.indices.min { waiting[$0].rank > waiting[$1].rank }
                ?? 0
        case .turns(let claimants, let wait):
            guard let chosen = nextInTurn(count: claimants.count, wait: wait, at: now) else { return nil }
            index = chosen
        }
        let request = waiting.remove(at: index)
        // A grant by priority jumps the turns without moving them on.
        let jumpsTurns = waiting.contains { $0.rank < request.rank }
        for other in waiting.indices where overtook(request, waiting[other]) {
            waiting[other].overtakes += 1
        }
        if !jumpsTurns, let place = turnPlaces[request.claimant] { lastTurn = place }
        freeWithWaitersSince = nil
        let grant = Grant(claimant: request.claimant, ticket: request.ticket, waited: request.since.duration(to: now))
        holder = grant
        heldSince = now
        return grant
    }

    /// Whether serving `served` overtook `other`: by arrival (in arrival order, where one
    /// priority is served first come first served), or by priority alone (in turns, which
    /// themselves never starve anyone).
    private func overtook(_ served: Request, _ other: Request) -> Bool {
        switch order {
        case .arrival: other.arrival < served.arrival
        case .turns: other.rank < served.rank
        }
    }

    /// The waiting request to serve in turns, or `nil` while the slot waits for the claimant
    /// whose turn it is: a starving request first, then the highest priority, then the
    /// nearest place after the last holder's (unlisted claimants last, by arrival).
    private func nextInTurn(count: Int, wait: Duration, at now: ContinuousClock.Instant) -> Int? {
        let start = lastTurn.map { $0 + 1 } ?? 0
        func distance(_ request: Request) -> Int {
            guard let place = turnPlaces[request.claimant] else { return count + request.arrival }
            return (place - start + count) % count
        }
        let starving = waiting.indices.filter { waiting[$0].overtakes >= maximumOvertakes }
        let topRank = waiting.map(\.rank).max() ?? 0
        let pool = starving.isEmpty ? waiting.indices.filter { waiting[$0].rank == topRank } : starving
        guard let best = pool.min(by: { distance(waiting[$0]) < distance(waiting[$1]) }) else { return nil }
        // The claimant whose turn it is has not asked yet: wait for it, for a while.
        let isDueWaiting = waiting.contains { turnPlaces[$0.claimant].map { ($0 - start + count) % count } == 0 }
        if count > 0, !isDueWaiting, starving.isEmpty, let since = freeWithWaitersSince, now < since + wait {
            return nil
        }
        return best
    }
}
