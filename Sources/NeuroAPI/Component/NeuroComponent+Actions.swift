import Logging

extension NeuroComponent {
    /// Answers one action, exactly once: the connection's core decides whether a handler
    /// runs (``NeuroConnectionCore/accept(_:at:)``); if one does, its outcome becomes the
    /// result, after the unregistration a temporary success consumes
    /// (``NeuroConnectionCore/complete(_:registration:outcome:at:)``), followed by the
    /// `onActionCompleted(_:)` hook's steps.
    func answer(_ action: NeuroAction) async {
        let disposition: NeuroConnectionCore.Disposition
        let completed = state.withLock { $0.hooks.actionCompleted }
        do {
            disposition = try await client.update { core -> (NeuroConnectionCore.Disposition, [OutgoingStep]) in
                let disposition = core.accept(action, at: client.now)
                guard case .answer(let result, _) = disposition else { return (disposition, []) }
                var steps: [OutgoingStep] = [.send(.actionResult(result))]
                if let completed { steps += completed(&core, action, result) }
                return (disposition, steps)
            }
        } catch {
            logCouldNotAnswer(action, error: error)
            return
        }
        switch disposition {
        case .answer(let result, let reason):
            answeredWithoutHandler(action, result: result, reason: reason)
        case .perform(let registration, let data):
            await perform(action, registration: registration, data: data, completed: completed)
        }
    }

    /// Synchronous on purpose (here and below): the logging's temporaries live on the thread's
    /// stack, not in the connection task's async frames.
    private func answeredWithoutHandler(_ action: NeuroAction, result: ActionResult, reason: NeuroConnectionCore.AnswerReason) {
        logger.info(
            "answered an action without a handler",
            metadata: [
                "neuro.action": "\(action.name)", "neuro.action.id": "\(action.id)", "neuro.answer.reason": "\(reason)",
            ]
        )
        broadcaster.emit(.actionHandled(action, result))
    }

    private func perform(
        _ action: NeuroAction,
        registration: NeuroConnectionCore.Registration,
        data: JSONValue?,
        completed: ActionCompletionHook?
    ) async {
        let outcome = await run(registration.handler, for: action, data: data)
        guard !Task.isCancelled else {
            // The connection ended while the handler ran; nothing can be delivered any more.
            _ = try? await client.update { core -> (Void, [OutgoingStep]) in
                core.abandon(action)
                return ((), [])
            }
            logger.debug("dropped the result of an action: the connection ended", metadata: ["neuro.action.id": "\(action.id)"])
            return
        }
        let result = outcome.actionResult(id: action.id)
        do {
            try await client.update { core -> (Void, [OutgoingStep]) in
                var steps = core.complete(action, registration: registration, outcome: outcome, at: client.now).map(
                    OutgoingStep.send)
                if let completed { steps += completed(&core, action, result) }
                return ((), steps)
            }
        } catch {
            logCouldNotAnswer(action, error: error)
        }
        broadcaster.emit(.actionHandled(action, result))
    }

    private func run(_ handler: ActionHandler?, for action: NeuroAction, data: JSONValue?) async -> ActionHandlerResult {
        guard let handler else { return noHandler(for: action) }
        do {
            return try await handler(action, data)
        } catch {
            return handlerFailed(action, error: error)
        }
    }

    private func noHandler(for action: NeuroAction) -> ActionHandlerResult {
        // Registered through `client` alone: nobody here can answer it.
        logger.warning("received an action with no handler", metadata: ["neuro.action": "\(action.name)"])
        return .failure("Action \"\(action.name)\" cannot be performed right now; the game has no handler for it.")
    }

    private func handlerFailed(_ action: NeuroAction, error: any Error) -> ActionHandlerResult {
        logger.error(
            "an action handler failed",
            metadata: ["neuro.action": "\(action.name)", "neuro.action.id": "\(action.id)", "error": "\(error)"]
        )
        let text = (error as? NeuroError)?.message ?? String(describing: error)
        return .failure("Action \"\(action.name)\" failed: \(text)")
    }

    private func logCouldNotAnswer(_ action: NeuroAction, error: any Error) {
        logger.warning(
            "could not send an action result",
            metadata: ["neuro.action.id": "\(action.id)", "neuro.action": "\(action.name)", "error": "\(error)"]
        )
    }
}
