import NeuroAPI
import Testing

@testable import NeuroBench

/// The soak's count of actions and results on Neuro's side: each rule of `ActionLedger`, with
/// explicit instants.
@Suite struct ActionLedgerTests {
    let start = ContinuousClock.now
    func at(_ seconds: Double) -> ContinuousClock.Instant { start + .milliseconds(Int64(seconds * 1000)) }

    static func action(_ id: String) -> String {
        #"{"command":"action","data":{"id":"\#(id)","name":"play","data":"{}"}}"#
    }
    static func result(_ id: String, success: Bool = true, game: String = "Game") -> String {
        #"{"command":"action/result","game":"\#(game)","data":{"id":"\#(id)","success":\#(success)}}"#
    }
    static let startup = #"{"command":"startup","game":"Game"}"#

    @Test func everyActionAnsweredOnceIsCountedAndNothingIsLost() {
        var ledger = ActionLedger(grace: .seconds(10))
        let connection = ledger.opened()
        ledger.received(Self.startup, on: connection, at: at(0))
        for index in 0..<3 {
            ledger.sent(Self.action("a\(index)"), on: connection, at: at(Double(index)))
            ledger.received(Self.result("a\(index)"), on: connection, at: at(Double(index) + 0.01))
        }
        // Frames that are not actions or results are not counted as either.
        ledger.sent(#"{"command":"actions/reregister_all"}"#, on: connection, at: at(4))
        #expect(ledger.tally(at: at(100)) == ActionLedger.Tally(results: 3))
    }

    @Test func aSecondResultForOneIDIsADuplicate() {
        var ledger = ActionLedger(grace: .seconds(10))
        let connection = ledger.opened()
        ledger.sent(Self.action("a1"), on: connection, at: at(0))
        ledger.received(Self.result("a1"), on: connection, at: at(0.1))
        ledger.received(Self.result("a1", success: false), on: connection, at: at(0.2))
        let tally = ledger.tally(at: at(1))
        #expect(tally.results == 1)
        #expect(tally.duplicates == 1)
        #expect(tally.unknownResults == 0)
    }

    @Test func aResultForAnIDSentOnAnotherConnectionIsUnknown() {
        var ledger = ActionLedger(grace: .seconds(10))
        let first = ledger.opened()
        let second = ledger.opened()
        ledger.sent(Self.action("a1"), on: first, at: at(0))
        ledger.received(Self.result("a1"), on: second, at: at(0.1))
        let tally = ledger.tally(at: at(1))
        #expect(tally.unknownResults == 1)
        #expect(tally.results == 0)
        #expect(tally.inFlight == 1)
    }

    @Test func anUnansweredActionOnAConnectionThatStaysUpIsLostAfterTheGrace() {
        var ledger = ActionLedger(grace: .seconds(10))
        let connection = ledger.opened()
        ledger.sent(Self.action("a1"), on: connection, at: at(0))
        #expect(ledger.tally(at: at(9.9)) == ActionLedger.Tally(inFlight: 1))
        #expect(ledger.tally(at: at(10)) == ActionLedger.Tally(lost: 1))
        ledger.ended(connection, at: at(30))
        #expect(ledger.tally(at: at(40)) == ActionLedger.Tally(lost: 1))
    }

    @Test func anActionCutOffByItsConnectionEndingIsNotLost() {
        var ledger = ActionLedger(grace: .seconds(10))
        let dropped = ledger.opened()
        ledger.sent(Self.action("a1"), on: dropped, at: at(0))
        ledger.ended(dropped, at: at(2))
        // Judged when the connection ended, not later.
        #expect(ledger.tally(at: at(60)) == ActionLedger.Tally(cutOff: 1))
        let late = ledger.opened()
        ledger.sent(Self.action("b1"), on: late, at: at(0))
        ledger.ended(late, at: at(11))
        #expect(ledger.tally(at: at(60)) == ActionLedger.Tally(lost: 1, cutOff: 1))
    }

    @Test func a1011CloseCountsAsAnsweredOnlyAfterAFailedResult() {
        var ledger = ActionLedger(grace: .seconds(10))
        let answered = ledger.opened()
        ledger.sent(Self.action("a1"), on: answered, at: at(0))
        ledger.received(Self.result("a1", success: false), on: answered, at: at(0.1))
        ledger.closedByGame(answered, code: .internalError)
        // `receive` delivers the close again on every later call: counted once.
        ledger.closedByGame(answered, code: .internalError)
        let unanswered = ledger.opened()
        ledger.sent(Self.action("b1"), on: unanswered, at: at(0))
        ledger.received(Self.result("b1"), on: unanswered, at: at(0.1))
        ledger.closedByGame(unanswered, code: .internalError)
        let goingAway = ledger.opened()
        ledger.closedByGame(goingAway, code: .goingAway)
        let tally = ledger.tally(at: at(1))
        #expect(tally.throwsAnswered == 1)
        #expect(tally.throwsUnanswered == 1)
    }

    @Test func eachGamesEventsAreKeptByTitle() {
        var ledger = ActionLedger(grace: .seconds(10))
        let first = ledger.opened()
        ledger.received(Self.startup, on: first, at: at(1))
        ledger.received(#"{"command":"actions/register","game":"Game","data":{"actions":[]}}"#, on: first, at: at(2))
        ledger.received(#"{"command":"shutdown/ready","game":"Game"}"#, on: first, at: at(3))
        ledger.closedByGame(first, code: .messageTooBig)
        ledger.ended(first, at: at(4))
        let second = ledger.opened()
        ledger.received(Self.startup, on: second, at: at(5))
        let events = ledger.titles["Game"]
        #expect(events?.connections == 2)
        #expect(events?.liveConnections == 1)
        #expect(events?.lastIdentifiedAt == at(5))
        #expect(events?.lastRegistrationAt == at(2))
        #expect(events?.lastShutdownReadyAt == at(3))
        #expect(events?.lastEndedAt == at(4))
        #expect(events?.lastCloseCode == .messageTooBig)
        #expect(ledger.liveConnectionCount == 1)
    }
}
