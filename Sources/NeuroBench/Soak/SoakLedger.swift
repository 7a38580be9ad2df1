import NeuroAPI
import Synchronization

/// The ``ActionLedger`` every soak connection writes to and the fault loop reads.
final class SoakLedger: Sendable {
    private let ledger: Mutex<ActionLedger>

    init(grace: Duration) {
        ledger = Mutex(ActionLedger(grace: grace))
    }

    func opened() -> Int { ledger.withLock { $0.opened() } }
    func sent(_ text: String, on number: Int) { ledger.withLock { $0.sent(text, on: number, at: .now) } }
    func received(_ text: String, on number: Int) { ledger.withLock { $0.received(text, on: number, at: .now) } }
    func closedByGame(_ number: Int, code: WebSocketCloseCode?) { ledger.withLock { $0.closedByGame(number, code: code) } }
    func ended(_ number: Int) { ledger.withLock { $0.ended(number, at: .now) } }

    /// The tally judged now.
    var tally: ActionLedger.Tally { ledger.withLock { $0.tally(at: .now) } }
    /// One game's events (empty before it first connected).
    func events(of title: String) -> ActionLedger.TitleEvents { ledger.withLock { $0.titles[title] ?? .init() } }
    /// Every game's events.
    var titles: [String: ActionLedger.TitleEvents] { ledger.withLock { $0.titles } }
}
