import Foundation
import NeuroAPI

/// What one game showed Neuro and what she did, kept for an observer such as a dashboard: the
/// last context messages and the last actions with their data and results.
///
/// A pure value with explicit time: the session records into it (``GameActivity``), an
/// observer copies it. Each list keeps the newest ``capacity`` entries. Latencies wait in
/// ``pendingLatencies`` until an observer takes them (``takeLatencies()``), at most 4,096 (the
/// older half is dropped when full).
public struct GameActivityLog: Sendable, Hashable {
    /// A context message the game sent.
    public struct Context: Sendable, Hashable, Codable {
        /// The message, as sent (untrusted text: show it as text).
        public var message: String
        /// Whether it was sent silently.
        public var isSilent: Bool
        /// When it was sent.
        public var at: Date
    }

    /// An action Neuro sent and the result the game answered.
    public struct ActionRecord: Sendable, Hashable, Codable {
        /// The number of the record: 1 for the game's first action, and so on.
        public var sequence: Int
        /// The action's id.
        public var id: String
        /// The action's wire name.
        public var name: String
        /// Its data as received (untrusted text).
        public var data: String?
        /// Whether the result was a success.
        public var isSuccess: Bool
        /// The result's message, if any.
        public var message: String?
        /// When it was answered.
        public var at: Date
        /// Seconds from the action's arrival to its result (zero when the connection core
        /// answered it before the game saw it).
        public var latencySeconds: Double
    }

    /// How many contexts and actions are kept.
    public let capacity: Int
    /// The newest context messages, oldest first.
    public private(set) var contexts: [Context] = []
    /// The newest actions, oldest first.
    public private(set) var actions: [ActionRecord] = []
    /// Result latencies not yet taken by an observer.
    public private(set) var pendingLatencies: [Duration] = []
    private var arrivals: [String: ContinuousClock.Instant] = [:]
    private var nextSequence = 1

    /// Creates an empty log.
    /// - Parameter capacity: how many contexts and actions to keep (at least 1).
    public init(capacity: Int = 20) {
        self.capacity = max(1, capacity)
    }

    /// Records a context message sent to Neuro.
    public mutating func contextSent(_ message: String, isSilent: Bool, at date: Date) {
        Self.append(Context(message: message, isSilent: isSilent, at: date), to: &contexts, capacity: capacity)
    }

    /// Records that an action reached the game, to measure its latency.
    public mutating func actionArrived(id: String, at instant: ContinuousClock.Instant) {
        if arrivals.count > 64 { arrivals.removeAll() }
        arrivals[id] = instant
    }

    /// Records the result of an action.
    public mutating func actionAnswered(
        _ action: NeuroAction, result: ActionResult, at date: Date, instant: ContinuousClock.Instant
    ) {
        let latency = arrivals.removeValue(forKey: action.id).map { $0.duration(to: instant) } ?? .zero
        let record = ActionRecord(
            sequence: nextSequence, id: action.id, name: action.name, data: action.data, isSuccess: result.isSuccess,
            message: result.message, at: date, latencySeconds: latency.inSeconds)
        nextSequence += 1
        Self.append(record, to: &actions, capacity: capacity)
        // Nobody took them for a while: forget the older half at once (amortised, not one
        // shift per action).
        if pendingLatencies.count >= 4096 { pendingLatencies.removeFirst(2048) }
        pendingLatencies.append(latency)
    }

    /// Takes the latencies recorded since the last call.
    public mutating func takeLatencies() -> [Duration] {
        defer { pendingLatencies.removeAll(keepingCapacity: true) }
        return pendingLatencies
    }

    private static func append<Element>(_ element: Element, to list: inout [Element], capacity: Int) {
        if list.count >= capacity { list.removeFirst(list.count - capacity + 1) }
        list.append(element)
    }
}
