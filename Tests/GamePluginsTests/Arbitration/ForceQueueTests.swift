import NeuroAPI
import Testing

@testable import GamePlugins
@testable import GameSessions

/// The pure queue of one force slot: priority, arrival order, no starvation, withdraw,
/// release, timeout, reconnect.
@Suite struct ForceQueueTests {
    /// One step of a script against the queue.
    enum Step: Sendable, CustomStringConvertible {
        case request(String, ForcePriority)
        case release(String)
        case expire(afterSeconds: Int)

        var description: String {
            switch self {
            case .request(let game, let priority): "request(\(game), \(priority))"
            case .release(let game): "release(\(game))"
            case .expire(let seconds): "expire(+\(seconds)s)"
            }
        }
    }

    /// Runs the steps and returns who was granted the slot, in order.
    static func grants(_ steps: [Step], timeout: Duration = .seconds(60), maximumOvertakes: Int = 4) -> [String] {
        var queue = ForceQueue<String>(timeout: timeout, maximumOvertakes: maximumOvertakes)
        let start = ContinuousClock.now
        var granted: [String] = []
        for (index, step) in steps.enumerated() {
            let now = start + .milliseconds(index)
            switch step {
            case .request(let game, let priority):
                if let grant = queue.request(game, priority: priority, ticket: index, at: now) { granted.append(grant.claimant) }
            case .release(let game):
                if let grant = queue.release(game, at: now) { granted.append(grant.claimant) }
            case .expire(let seconds):
                if let grant = queue.expire(at: now + .seconds(seconds)).granted { granted.append(grant.claimant) }
            }
        }
        return granted
    }

    static let scripts: [(String, [Step], [String])] = [
        ("a free slot is granted at once", [.request("a", .low)], ["a"]),
        (
            "waiting forces are served in arrival order",
            [.request("a", .low), .request("b", .low), .request("c", .low), .release("a"), .release("b")],
            ["a", "b", "c"]
        ),
        (
            "critical goes first, then high, then arrival order",
            [
                .request("a", .low), .request("b", .low), .request("c", .high), .request("d", .critical),
                .release("a"), .release("d"), .release("c"),
            ],
            ["a", "d", "c", "b"]
        ),
        (
            "a withdrawn waiting force is skipped",
            [.request("a", .low), .request("b", .low), .request("c", .low), .release("b"), .release("a")],
            ["a", "c"]
        ),
        (
            "a holder that withdraws frees the slot for the next",
            [.request("a", .low), .request("b", .low), .release("a")],
            ["a", "b"]
        ),
        (
            "releasing what one does not hold does nothing",
            [.request("a", .low), .request("b", .low), .release("c"), .release("c")],
            ["a"]
        ),
        (
            "asking twice keeps one place in the queue",
            [.request("a", .low), .request("b", .low), .request("b", .low), .release("a"), .release("b")],
            ["a", "b"]
        ),
        (
            "a game that disconnects and reconnects queues again at the back",
            [.request("a", .low), .request("b", .low), .release("a"), .request("a", .low), .release("b")],
            ["a", "b", "a"]
        ),
        (
            "a holder past the timeout loses the slot",
            [.request("a", .low), .request("b", .low), .expire(afterSeconds: 61), .release("a"), .release("b")],
            ["a", "b"]
        ),
        (
            "a holder within the timeout keeps the slot",
            [.request("a", .low), .request("b", .low), .expire(afterSeconds: 59)],
            ["a"]
        ),
        (
            "a timed-out game that asks again waits behind the others",
            [
                .request("a", .low), .request("b", .low), .request("c", .low), .expire(afterSeconds: 61),
                .request("a", .low), .release("b"), .release("c"),
            ],
            ["a", "b", "c", "a"]
        ),
    ]

    @Test(arguments: scripts)
    func grantsFollowTheRules(name: String, steps: [Step], expected: [String]) {
        #expect(Self.grants(steps) == expected, "\(name)")
    }

    @Test func aLowPriorityForceIsNotStarvedByEndlessCriticalOnes() {
        // "low" waits while "x" and "y" keep asking with critical priority: after two
        // overtakes it is served next.
        var steps: [Step] = [.request("x", .critical), .request("low", .low), .request("y", .critical)]
        for round in 0..<4 {
            let holder = round.isMultiple(of: 2) ? "x" : "y"
            steps += [.release(holder), .request(holder, .critical)]
        }
        let granted = Self.grants(steps, maximumOvertakes: 2)
        #expect(granted.prefix(4) == ["x", "y", "x", "low"])
    }

    @Test func theGrantCarriesTheTicketOfTheLatestRequest() {
        var queue = ForceQueue<String>()
        let now = ContinuousClock.now
        #expect(queue.request("a", priority: .low, ticket: 1, at: now) == .init(claimant: "a", ticket: 1))
        #expect(queue.request("b", priority: .low, ticket: 7, at: now) == nil)
        #expect(queue.request("b", priority: .low, ticket: 8, at: now) == nil)
        #expect(queue.isWaiting("b"))
        #expect(queue.release("a", at: now) == .init(claimant: "b", ticket: 8))
        #expect(!queue.isWaiting("b"))
        #expect(queue.holder?.claimant == "b")
    }

    @Test func theDeadlineIsTheGrantPlusTheTimeout() {
        var queue = ForceQueue<String>(timeout: .seconds(5))
        let now = ContinuousClock.now
        #expect(queue.deadline == nil)
        _ = queue.request("a", priority: .low, ticket: 0, at: now)
        #expect(queue.deadline == now + .seconds(5))
        #expect(queue.expire(at: now + .seconds(4)).expired == nil)
        #expect(queue.expire(at: now + .seconds(5)).expired == "a")
        #expect(queue.holder == nil)
        #expect(queue.deadline == nil)
    }

    @Test func aClosedQueueGrantsNobodyAfterItsHolderLeaves() {
        var queue = ForceQueue<String>()
        let now = ContinuousClock.now
        #expect(queue.request("a", priority: .low, ticket: 0, at: now)?.claimant == "a")
        #expect(queue.request("b", priority: .critical, ticket: 1, at: now) == nil)
        queue.close()
        #expect(queue.holder?.claimant == "a", "the holder keeps the slot until it releases it")
        #expect(queue.release("a", at: now) == nil)
        #expect(queue.holder == nil)
        #expect(queue.request("c", priority: .low, ticket: 2, at: now) == nil)
        #expect(queue.expire(at: now + .seconds(3600)).granted == nil)
        #expect(queue.serveWaiting(at: now) == nil)
        #expect(queue.waitingClaimants == ["b", "c"])
    }
}
