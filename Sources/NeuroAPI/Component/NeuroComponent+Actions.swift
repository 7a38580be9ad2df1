import Logging

extension NeuroComponent {
    /// Answers one action: finds its handler, checks its data, runs the handler, unregisters
    /// what a temporary success consumes, and sends exactly one `action/result`.
    ///
    /// Runs as a child task of the read loop. Its id stays in the in-flight set until the
    /// result is sent, so a duplicate id meanwhile is answered by ``answerDuplicate(_:)``.
    func perform(_ action: NeuroAction) async {
        let result = await evaluate(action)
        guard !Task.isCancelled else {
            // The connection ended while the handler ran; nothing can be delivered any more.
            state.withLock { _ = $0.inFlightActionIDs.remove(action.id) }
            logger.debug("dropped the result of an action: the connection ended", metadata: ["neuro.action.id": "\(action.id)"])
            return
        }
        await send(result, for: action)
        state.withLock { _ = $0.inFlightActionIDs.remove(action.id) }
        broadcaster.emit(.actionHandled(action, result))
    }

    /// Answers an action whose id is already being handled, once, with a failure.
    func answerDuplicate(_ action: NeuroAction) async {
        logger.warning(
            "received an action whose id is already being handled",
            metadata: ["neuro.action.id": "\(action.id)", "neuro.action": "\(action.name)"]
        )
        let result = ActionResult.failure(
            id: action.id,
            message: "Action id \"\(action.id)\" is already being handled; this duplicate was ignored."
        )
        await send(result, for: action)
        broadcaster.emit(.actionHandled(action, result))
    }

    private func evaluate(_ action: NeuroAction) async -> ActionResult {
        let (entry, registry) = state.withLock { ($0.registry.entry(named: action.name), $0.registry) }
        guard let entry else {
            logger.warning("received an action with no handler", metadata: ["neuro.action": "\(action.name)"])
            return .failure(id: action.id, message: Self.unavailableActionMessage(action.name, registry: registry))
        }
        let data: JSONValue?
        do {
            data = try validatedData(of: action, against: entry.action.schema)
        } catch {
            logger.info(
                "received action data that does not fit",
                metadata: ["neuro.action": "\(action.name)", "neuro.action.id": "\(action.id)", "error": "\(error)"]
            )
            return .failure(id: action.id, message: error.message)
        }
        let outcome: ActionHandlerResult
        do {
            outcome = try await entry.handler(action, data)
        } catch {
            logger.error(
                "an action handler failed",
                metadata: ["neuro.action": "\(action.name)", "neuro.action.id": "\(action.id)", "error": "\(error)"]
            )
            let text = (error as? NeuroError)?.message ?? String(describing: error)
            return .failure(id: action.id, message: "Action \"\(action.name)\" failed: \(text)")
        }
        if outcome.isSuccess {
            let consumed = state.withLock { $0.registry.consumeSuccess(of: entry) }
            if !consumed.isEmpty {
                // Before the result: Neuro must not retry a force with names that are gone.
                do {
                    try await client.unregisterActions(named: consumed)
                } catch {
                    logger.warning("could not unregister temporary actions", metadata: ["error": "\(error)"])
                }
            }
        }
        return outcome.actionResult(id: action.id)
    }

    /// The action's data, parsed and checked against its schema: the one place where action
    /// data is validated (``NeuroAction/validatedData(against:parser:validator:)``).
    ///
    /// With a schema, missing data stands for `{}`. With
    /// ``NeuroComponentConfiguration/validatesActionData`` off, nothing is checked and data
    /// that is not JSON becomes `nil`.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/invalidActionData`` and a message fit
    ///   to send to Neuro.
    func validatedData(of action: NeuroAction, against schema: JSONValue?) throws(NeuroError) -> JSONValue? {
        guard configuration.validatesActionData else {
            return try? action.parsedData(parser: client.parser)
        }
        return try action.validatedData(against: schema, parser: client.parser)
    }

    private func send(_ result: ActionResult, for action: NeuroAction) async {
        do {
            try await client.sendResult(result)
        } catch {
            logger.warning(
                "could not send an action result",
                metadata: ["neuro.action.id": "\(action.id)", "neuro.action": "\(action.name)", "error": "\(error)"]
            )
        }
    }

    /// The failure message for an action name with no handler, listing what Neuro can call.
    static func unavailableActionMessage(_ name: String, registry: ActionHandlerRegistry) -> String {
        let available = registry.names
        let listing =
            available.isEmpty
            ? "no actions are available right now."
            : "the available actions are " + available.map { "\"\($0)\"" }.joined(separator: ", ") + "."
        if registry.wasUnregistered(name) {
            return "Action \"\(name)\" is no longer available; \(listing)"
        }
        return "Unknown action \"\(name)\"; \(listing)"
    }
}
