import Synchronization

/// Fans ``NeuroEvent``s out to every subscriber, each with its own bounded buffer.
///
/// `emit` never suspends: a subscriber that falls behind loses its oldest events, so a slow
/// observer can never stall the read loop. Events are yielded under the lock, so every
/// subscriber sees them in one order.
final class NeuroEventBroadcaster: Sendable {
    private struct Subscribers {
        var nextID = 0
        var continuations: [Int: AsyncStream<NeuroEvent>.Continuation] = [:]
    }

    private let bufferSize: Int
    private let subscribers = Mutex(Subscribers())

    init(bufferSize: Int) {
        self.bufferSize = bufferSize
    }

    deinit {
        finishAll()
    }

    /// A new stream that receives every event emitted from now on.
    func subscribe() -> AsyncStream<NeuroEvent> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: NeuroEvent.self,
            bufferingPolicy: .bufferingNewest(bufferSize)
        )
        let id = subscribers.withLock { subscribers in
            defer { subscribers.nextID += 1 }
            subscribers.continuations[subscribers.nextID] = continuation
            return subscribers.nextID
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    /// Delivers an event to every current subscriber.
    func emit(_ event: NeuroEvent) {
        subscribers.withLock { subscribers in
            for continuation in subscribers.continuations.values {
                continuation.yield(event)
            }
        }
    }

    /// Ends every subscriber's stream.
    func finishAll() {
        // Finished outside the lock: `finish()` runs `onTermination`, which takes the lock.
        let continuations = subscribers.withLock { subscribers in
            defer { subscribers.continuations.removeAll() }
            return Array(subscribers.continuations.values)
        }
        for continuation in continuations {
            continuation.finish()
        }
    }
}
