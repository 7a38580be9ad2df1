import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

/// The force queue in turns (``ForceQueue/Order/turns(_:wait:)``): the order of grants does not
/// depend on which request came first, a game that does not ask misses its turn after the
/// wait, priority still goes first, and no one starves.
@Suite struct ForceQueueTurnsTests {
    static let wait = Duration.seconds(1)
    let start = ContinuousClock.now

    func queue(_ claimants: [String], maximumOvertakes: Int = 4) -> ForceQueue<String> {
        ForceQueue(timeout: .seconds(60), maximumOvertakes: maximumOvertakes, order: .turns(claimants, wait: Self.wait))
    }

    /// Every game asks (in `arrival` order, a millisecond apart), then each holder releases
    /// the slot and asks again at once, `rounds` times: who was granted, in order.
    func grants(arrival: [String], rounds: Int) -> [String] {
        var queue = queue(["a", "b", "c"])
        var now = start
        var granted: [String] = []
        for (ticket, game) in arrival.enumerated() {
            now += .milliseconds(1)
            if let grant = queue.request(game, priority: .low, ticket: ticket, at: now) { granted.append(grant.claimant) }
        }
        for round in 0..<rounds {
            guard let holder = queue.holder?.claimant else { break }
            now += .milliseconds(500)
            if let grant = queue.release(holder, at: now) { granted.append(grant.claimant) }
            _ = queue.request(holder, priority: .low, ticket: 100 + round, at: now)
        }
        return granted
    }

    @Test(arguments: [["a", "b", "c"], ["a", "c", "b"], ["b", "a", "c"], ["b", "c", "a"], ["c", "a", "b"], ["c", "b", "a"]])
    func theOrderOfGrantsDoesNotDependOnTheOrderOfRequests(arrival: [String]) {
        #expect(grants(arrival: arrival, rounds: 6) == ["a", "b", "c", "a", "b", "c", "a"])
    }

    @Test func inArrivalOrderTheSameRequestsAreServedAsTheyCame() {
        // The control: first come, first served follows the arrival.
        var queue = ForceQueue<String>(timeout: .seconds(60))
        _ = queue.request("c", priority: .low, ticket: 0, at: start)
        _ = queue.request("a", priority: .low, ticket: 1, at: start)
        #expect(queue.holder?.claimant == "c")
        #expect(queue.turnDeadline == nil)
    }

    @Test func aFreeSlotWaitsForTheGameWhoseTurnItIsThenServesTheNext() {
        var queue = queue(["a", "b"])
        #expect(queue.request("b", priority: .low, ticket: 1, at: start) == nil)
        #expect(queue.turnDeadline == start + Self.wait)
        #expect(queue.serveWaiting(at: start + Self.wait - .milliseconds(1)) == nil)
        #expect(queue.serveWaiting(at: start + Self.wait)?.claimant == "b")
        #expect(queue.turnDeadline == nil)
        // "a" missed its turn; after "b" it is "a"'s turn again.
        _ = queue.request("a", priority: .low, ticket: 2, at: start + .seconds(2))
        #expect(queue.release("b", at: start + .seconds(3))?.claimant == "a")
    }

    @Test func theGameWhoseTurnItIsIsServedAsSoonAsItAsks() {
        var queue = queue(["a", "b"])
        _ = queue.request("b", priority: .low, ticket: 1, at: start)
        let grant = queue.request("a", priority: .low, ticket: 2, at: start + .milliseconds(300))
        #expect(grant?.claimant == "a")
        #expect(grant?.waited == .zero)
        #expect(queue.waitingClaimants == ["b"])
    }

    @Test func theTurnWaitStartsWhenTheSlotIsFreeAndSomeoneWaits() {
        var queue = queue(["a", "b", "c"])
        _ = queue.request("a", priority: .low, ticket: 0, at: start)
        // Free from +5 s with nobody waiting: the wait starts with the next request.
        #expect(queue.release("a", at: start + .seconds(5)) == nil)
        #expect(queue.turnDeadline == nil)
        _ = queue.request("c", priority: .low, ticket: 1, at: start + .seconds(9))
        #expect(queue.turnDeadline == start + .seconds(9) + Self.wait)
        // A release of the slot with someone waiting starts it too.
        _ = queue.request("b", priority: .low, ticket: 2, at: start + .seconds(9) + .milliseconds(10))
        #expect(queue.holder?.claimant == "b")
        #expect(queue.release("b", at: start + .seconds(12))?.claimant == "c")
    }

    @Test func priorityStillGoesBeforeTheTurn() {
        var queue = queue(["a", "b", "c"])
        _ = queue.request("a", priority: .low, ticket: 0, at: start)
        _ = queue.request("b", priority: .low, ticket: 1, at: start)
        _ = queue.request("c", priority: .high, ticket: 2, at: start)
        #expect(queue.release("a", at: start + .seconds(1))?.claimant == "c")
        #expect(queue.release("c", at: start + .seconds(2))?.claimant == "b")
    }

    @Test func aRequestOvertakenByPriorityTooOftenIsServedNext() {
        var queue = queue(["a", "b"], maximumOvertakes: 1)
        _ = queue.request("a", priority: .low, ticket: 0, at: start)
        _ = queue.request("b", priority: .low, ticket: 1, at: start)
        _ = queue.request("x", priority: .critical, ticket: 2, at: start)
        #expect(queue.release("a", at: start + .seconds(1))?.claimant == "x")
        _ = queue.request("a", priority: .critical, ticket: 3, at: start + .seconds(1))
        #expect(queue.release("x", at: start + .seconds(2))?.claimant == "b")
    }

    @Test func gamesNotListedComeAfterTheListedOnesInArrivalOrder() {
        var queue = queue(["a"])
        _ = queue.request("a", priority: .low, ticket: 0, at: start)
        _ = queue.request("z", priority: .low, ticket: 1, at: start)
        _ = queue.request("y", priority: .low, ticket: 2, at: start)
        #expect(queue.release("a", at: start + .seconds(1)) == nil)  // "a"'s turn again: it may ask
        #expect(queue.serveWaiting(at: start + .seconds(2))?.claimant == "z")
        _ = queue.request("a", priority: .low, ticket: 3, at: start + .seconds(2))
        #expect(queue.release("z", at: start + .seconds(3))?.claimant == "a")
        #expect(queue.release("a", at: start + .seconds(4)) == nil)
        #expect(queue.serveWaiting(at: start + .seconds(5))?.claimant == "y")
    }
}
