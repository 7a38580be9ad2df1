import NeuroProtocol

/// The `speech_finished` messages of the answer Neuro is speaking: after each action she
/// speaks a few sentences (non-final messages), then finishes (a final one); some answers are
/// cancelled, and an answer still being spoken when the next action goes out is cut short.
///
/// A pure value: ``speak(at:interval:cancellationShare:using:)`` plans an answer,
/// ``due(at:)`` hands out what has fallen due.
struct SpeechSchedule {
    private struct Utterance {
        var due: Duration
        var message: SpeechFinished
    }

    /// The most non-final messages one answer has.
    static let maximumNonFinalMessages = 2

    private var planned: [Utterance] = []

    /// When the next message falls due; `nil` while she is silent.
    var nextDue: Duration? { planned.first?.due }

    /// Starts an answer at `now`.
    /// - Returns: what must go out at once: the final message, cancelled, of an answer cut short.
    mutating func speak(
        at now: Duration, interval: Duration, cancellationShare: Double, using random: inout SeededRandomNumberGenerator
    ) -> [SpeechFinished] {
        let cut: [SpeechFinished] = planned.isEmpty ? [] : [Self.cancelled]
        planned.removeAll()
        let sentences = Int.random(in: 0...Self.maximumNonFinalMessages, using: &random)
        let isCancelled = cancellationShare > 0 && Double.random(in: 0..<1, using: &random) < cancellationShare
        for index in 0..<sentences {
            planned.append(Utterance(due: now + interval * (index + 1), message: SpeechFinished(isFinal: false)))
        }
        let final = isCancelled ? Self.cancelled : SpeechFinished(isFinal: true, isCancelled: false)
        planned.append(Utterance(due: now + interval * (sentences + 1), message: final))
        return cut
    }

    /// The messages due by `now`, in order; they are forgotten.
    mutating func due(at now: Duration) -> [SpeechFinished] {
        guard let first = planned.first, first.due <= now else { return [] }
        let count = planned.prefix { $0.due <= now }.count
        defer { planned.removeFirst(count) }
        return planned.prefix(count).map(\.message)
    }

    private static let cancelled = SpeechFinished(isFinal: true, isCancelled: true, reason: "interrupted")
}
