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
    /// The claimant holding the slot, and its ticket.
    public private(set) var holder: Grant?
    /// Since when the holder has held the slot.
    public private(set) var heldSince: ContinuousClock.Instant?
    private var waiting: [Request] = []
    private var nextArrival = 0

    /// Creates an empty queue.
    /// - Parameters:
    ///   - timeout: how long a holder keeps the slot at most.
    ///   - maximumOvertakes: how often a waiting request may be overtaken (at least 1).
    public init(timeout: Duration = .seconds(60), maximumOvertakes: Int = 4) {
        self.timeout = timeout
        self.maximumOvertakes = max(1, maximumOvertakes)
    }

    /// The waiting claimants, in arrival order.
    public var waitingClaimants: [Claimant] { waiting.map(\.claimant) }

    /// The waiting claimants with the instant of their requests, in arrival order.
    public var waitingRequests: [Waiting] { waiting.map { Waiting(claimant: $0.claimant, since: $0.since) } }

    /// When the holder loses the slot unless it releases it first.
    public var deadline: ContinuousClock.Instant? { heldSince.map { $0 + timeout } }

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
        return grantNext(at: now)
    }

    /// Gives the slot back (its force was answered or withdrawn, or its game disconnected), or
    /// withdraws a waiting request. Releasing what one does not hold does nothing.
    /// - Returns: the grant to the next claimant, if any.
    public mutating func release(_ claimant: Claimant, at now: ContinuousClock.Instant) -> Grant? {
        waiting.removeAll { $0.claimant == claimant }
        guard holder?.claimant == claimant else { return nil }
        holder = nil
        heldSince = nil
        return grantNext(at: now)
    }

    /// Frees the slot when its holder has kept it past ``timeout``.
    /// - Returns: the claimant that lost the slot, and the grant to the next one.
    public mutating func expire(at now: ContinuousClock.Instant) -> (expired: Claimant?, granted: Grant?) {
        guard let holder, let deadline, deadline <= now else { return (nil, nil) }
        self.holder = nil
        heldSince = nil
        return (holder.claimant, grantNext(at: now))
    }

    private mutating func grantNext(at now: ContinuousClock.Instant) -> Grant? {
        guard holder == nil, !waiting.isEmpty else { return nil }
        // `waiting` is in arrival order: the first starving request is the oldest one.
        let index =
            waiting.firstIndex { $0.overtakes >= maximumOvertakes }
            ?? waiting.indices.min { waiting[$0].rank > waiting[$1].rank }
            ?? 0
        let request = waiting.remove(at: index)
        for other in waiting.indices where waiting[other].arrival < request.arrival {
            waiting[other].overtakes += 1
        }
        let grant = Grant(claimant: request.claimant, ticket: request.ticket, waited: request.since.duration(to: now))
        holder = grant
        heldSince = now
        return grant
    }
}
