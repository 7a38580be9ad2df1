import NeuroAPI

/// Neuro's side of every soak connection, counted from the frames themselves: each `action` id
/// sent, each `action/result` received, per connection. A pure value driven by explicit
/// instants; ``SoakLedger`` shares it between the connections and the fault loop.
///
/// "Answered exactly once" is counted here, not taken from NeuroSim's own bookkeeping:
/// - a result for an id answered before on the connection is a **duplicate**;
/// - a result for an id never sent on the connection is an **unknown** result;
/// - an action is **lost** when its connection stayed up for ``grace`` after sending it and
///   no result came. An action whose connection ended sooner (a drop, a restart, an oversized
///   frame) is **cut off**, not lost: a connection that did not stay up owes nothing.
struct ActionLedger {
    /// What the frames add up to.
    struct Tally: Sendable, Equatable {
        /// Results matching an action sent on their connection, counted once each.
        var results = 0
        /// Actions unanswered although their connection stayed up for the grace after them.
        var lost = 0
        /// Second (and later) results for one id.
        var duplicates = 0
        /// Results for ids never sent on their connection.
        var unknownResults = 0
        /// Unanswered actions younger than the grace, on connections still up.
        var inFlight = 0
        /// Unanswered actions whose connection ended within the grace after them.
        var cutOff = 0
        /// Connections the game closed with 1011 (a plugin threw) right after a failed result:
        /// the action whose rule threw was answered.
        var throwsAnswered = 0
        /// Connections the game closed with 1011 without that failed result first.
        var throwsUnanswered = 0
    }

    /// What happened to one game (by title) over all its connections, for the fault checks.
    struct TitleEvents: Sendable, Equatable {
        var connections = 0
        var liveConnections = 0
        var lastIdentifiedAt: ContinuousClock.Instant?
        var lastEndedAt: ContinuousClock.Instant?
        var lastRegistrationAt: ContinuousClock.Instant?
        var lastShutdownReadyAt: ContinuousClock.Instant?
        var lastResultAt: ContinuousClock.Instant?
        /// The close code of the game's last close frame, if it sent one.
        var lastCloseCode: WebSocketCloseCode?
    }

    private struct Connection {
        var title: String?
        /// Unanswered actions, by id, with the instant they went out.
        var pending: [String: ContinuousClock.Instant] = [:]
        var answered: Set<String> = []
        var lastResultFailed = false
        var hasClosed = false
    }

    /// How long a connection must stay up after an action for a missing result to count as lost.
    let grace: Duration
    private var live: [Int: Connection] = [:]
    private var nextNumber = 1
    /// The tally of the connections that ended (their pending actions judged when they ended).
    private var ended = Tally()
    private(set) var titles: [String: TitleEvents] = [:]
    private let parser = JSONParser()

    init(grace: Duration) {
        self.grace = grace
    }

    /// A connection opened; returns its number.
    mutating func opened() -> Int {
        defer { nextNumber += 1 }
        live[nextNumber] = Connection()
        return nextNumber
    }

    /// Neuro sent `text` on the connection at `now`.
    mutating func sent(_ text: String, on number: Int, at now: ContinuousClock.Instant) {
        guard let envelope = try? WireEnvelope.decode(text, parser: parser), envelope.command == "action",
            let id = envelope.data?["id"]?.stringValue
        else { return }
        live[number]?.pending[id] = now
    }

    /// The game sent `text` on the connection at `now`.
    mutating func received(_ text: String, on number: Int, at now: ContinuousClock.Instant) {
        guard var connection = live[number], let envelope = try? WireEnvelope.decode(text, parser: parser) else { return }
        if connection.title == nil, let game = envelope.game {
            connection.title = game
            titles[game, default: TitleEvents()].connections += 1
            titles[game, default: TitleEvents()].liveConnections += 1
            titles[game, default: TitleEvents()].lastIdentifiedAt = now
        }
        switch envelope.command {
        case "action/result":
            guard let id = envelope.data?["id"]?.stringValue else { break }
            if connection.pending.removeValue(forKey: id) != nil {
                connection.answered.insert(id)
                connection.lastResultFailed = envelope.data?["success"]?.boolValue == false
                ended.results += 1
                if let title = connection.title { titles[title]?.lastResultAt = now }
            } else if connection.answered.contains(id) {
                ended.duplicates += 1
            } else {
                ended.unknownResults += 1
            }
        case "actions/register":
            if let title = connection.title { titles[title]?.lastRegistrationAt = now }
        case "shutdown/ready":
            if let title = connection.title { titles[title]?.lastShutdownReadyAt = now }
        default:
            break
        }
        live[number] = connection
    }

    /// The game sent a close frame with `code` (before the connection ends); later calls for
    /// the same connection are ignored.
    mutating func closedByGame(_ number: Int, code: WebSocketCloseCode?) {
        guard var connection = live[number], !connection.hasClosed else { return }
        connection.hasClosed = true
        live[number] = connection
        if let title = connection.title { titles[title]?.lastCloseCode = code }
        if code == .internalError {
            if connection.lastResultFailed { ended.throwsAnswered += 1 } else { ended.throwsUnanswered += 1 }
        }
    }

    /// The connection ended at `now`: its unanswered actions are judged (lost or cut off).
    mutating func ended(_ number: Int, at now: ContinuousClock.Instant) {
        guard let connection = live.removeValue(forKey: number) else { return }
        for sentAt in connection.pending.values {
            if now - sentAt >= grace { ended.lost += 1 } else { ended.cutOff += 1 }
        }
        if let title = connection.title {
            titles[title]?.liveConnections -= 1
            titles[title]?.lastEndedAt = now
        }
    }

    /// Everything so far, judged at `now`: live connections' actions older than the grace are
    /// lost, younger ones in flight.
    func tally(at now: ContinuousClock.Instant) -> Tally {
        var tally = ended
        for connection in live.values {
            for sentAt in connection.pending.values {
                if now - sentAt >= grace { tally.lost += 1 } else { tally.inFlight += 1 }
            }
        }
        return tally
    }

    /// How many connections are open now.
    var liveConnectionCount: Int { live.count }
}
