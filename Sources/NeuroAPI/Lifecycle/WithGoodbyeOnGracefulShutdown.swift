import ServiceLifecycle

/// What a goodbye said at the graceful shutdown asks of the run it interrupts.
package enum GoodbyeOutcome: Sendable {
    /// The goodbye ends the run by itself (a close that the run sees); let it finish.
    case runEndsByItself
    /// The run is waiting for something that will not come now (a connection attempt under
    /// way): cancel it.
    case cancelRun
}

/// Runs `body` to its end and, at the graceful shutdown of the process, calls `goodbye` once
/// while `body` still runs — the one "wait for the graceful shutdown, then stop" watcher of
/// ``NeuroComponentService`` and ``ReconnectingNeuroService``.
///
/// Cancellation is not a graceful shutdown: it reaches `body` and `goodbye` is not called.
/// `swift-service-lifecycle`'s `withGracefulShutdownHandler` cannot serve here, because its
/// handler is synchronous and a goodbye awaits a close.
/// - Parameters:
///   - body: the run; its value is returned.
///   - goodbye: what to do at the graceful shutdown, and whether `body` must be cancelled then.
package func withGoodbyeOnGracefulShutdown<Value: Sendable>(
    _ body: @escaping @Sendable () async -> Value,
    goodbye: @escaping @Sendable () async -> GoodbyeOutcome
) async -> Value {
    await withTaskGroup(of: GoodbyeChild<Value>.self) { group in
        group.addTask { .ran(await body()) }
        group.addTask {
            guard (try? await gracefulShutdown()) != nil, !Task.isCancelled else { return .watched }
            return .saidGoodbye(await goodbye())
        }
        var value: Value?
        while let child = await group.next() {
            switch child {
            case .ran(let ended):
                // The run is over: the watcher is no longer needed.
                value = ended
                group.cancelAll()
            case .saidGoodbye(.cancelRun):
                group.cancelAll()
            case .saidGoodbye(.runEndsByItself), .watched:
                continue
            }
        }
        guard let value else { preconditionFailure("the run's child always returns") }
        return value
    }
}

/// How a child of `withGoodbyeOnGracefulShutdown(_:goodbye:)` ended.
private enum GoodbyeChild<Value: Sendable>: Sendable {
    case ran(Value)
    case saidGoodbye(GoodbyeOutcome)
    /// The watcher was cancelled (the run ended first, or the process is past its graceful
    /// shutdown) before a goodbye.
    case watched
}
