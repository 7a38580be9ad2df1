import Foundation
import GameSessions
import NeuroAPI
import Testing

/// The activity a game records for the dashboard: a pure value with explicit time.
@Suite struct GameActivityLogTests {
    @Test func keepsTheNewestContextsAndActionsWithLatencies() {
        var log = GameActivityLog(capacity: 3)
        let start = ContinuousClock.now
        for index in 0..<5 {
            log.contextSent("context \(index)", isSilent: index % 2 == 0, at: Date(timeIntervalSince1970: Double(index)))
            let action = NeuroAction(id: "a\(index)", name: "guess", data: #"{"n":\#(index)}"#)
            log.actionArrived(id: action.id, at: start)
            log.actionAnswered(
                action, result: ActionResult(id: action.id, isSuccess: index != 3, message: index == 3 ? "no" : nil),
                at: Date(), instant: start.advanced(by: .milliseconds(index)))
        }
        #expect(log.contexts.map(\.message) == ["context 2", "context 3", "context 4"])
        #expect(log.actions.map(\.sequence) == [3, 4, 5])
        #expect(log.actions.map(\.isSuccess) == [true, false, true])
        #expect(log.actions[1].message == "no")
        #expect(log.actions.last?.data == #"{"n":4}"#)
        #expect(log.actions.last?.latencySeconds == 0.004)
        #expect(log.takeLatencies() == (0..<5).map { .milliseconds($0) })
        #expect(log.takeLatencies().isEmpty)
    }

    @Test func anActionAnsweredBeforeTheGameSawItHasNoLatency() {
        var log = GameActivityLog()
        log.actionAnswered(
            NeuroAction(id: "x", name: "unknown"), result: ActionResult(id: "x", isSuccess: false, message: "unknown"),
            at: Date(), instant: .now)
        #expect(log.actions.first?.latencySeconds == 0)
        #expect(log.actions.first?.data == nil)
    }

    @Test func theForceQueueMeasuresEachWait() {
        var queue = ForceQueue<String>()
        let start = ContinuousClock.now
        #expect(queue.request("a", priority: .low, ticket: 1, at: start)?.waited == .zero)
        #expect(queue.request("b", priority: .low, ticket: 1, at: start.advanced(by: .milliseconds(5))) == nil)
        #expect(queue.waitingRequests.map(\.claimant) == ["b"])
        let grant = queue.release("a", at: start.advanced(by: .milliseconds(30)))
        #expect(grant?.claimant == "b")
        #expect(grant?.waited == .milliseconds(25))
    }

    @Test func aForceSlotRecordsWaitsOnlyWhenAsked() {
        let quiet = ForceSlot()
        quiet.requestForceSlot(for: "a", priority: .low, ticket: 1)
        #expect(quiet.takeRecordedWaits().isEmpty)
        let recording = ForceSlot(recordsWaits: true)
        recording.requestForceSlot(for: "a", priority: .low, ticket: 1)
        recording.requestForceSlot(for: "b", priority: .low, ticket: 1)
        #expect(recording.snapshot.holder == "a")
        #expect(recording.snapshot.waiting.map(\.game) == ["b"])
        recording.releaseForceSlot(for: "a")
        #expect(recording.takeRecordedWaits().map(\.game) == ["a", "b"])
        #expect(recording.snapshot.holder == "b")
    }
}
