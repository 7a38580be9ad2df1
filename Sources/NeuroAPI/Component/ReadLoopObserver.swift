/// The ``NeuroCommandHandler`` a ``NeuroComponent`` reads with.
///
/// ``NeuroClient/readMessage(handler:)`` dispatches each command to its handler and then
/// returns it. The component acts on the *returned* command instead, inside the read loop,
/// because only there can it start an action handler as a child of the loop's task group.
/// So every dispatch method here does nothing, except for malformed frames, which are never
/// returned: those are logged and reported as ``NeuroEvent/invalidFrame(_:)``.
struct ReadLoopObserver: NeuroCommandHandler {
    let events: NeuroEventBroadcaster

    func handleAction(_ action: NeuroAction, client: NeuroClient) async throws {}

    func handleStartupAcknowledgement(_ session: NeuroSessionInfo?, client: NeuroClient) async throws {}

    func handleReregisterAllActions(client: NeuroClient) async throws {}

    func handleGracefulShutdownRequest(wantsShutdown: Bool, client: NeuroClient) async throws {}

    func handleImmediateShutdownRequest(client: NeuroClient) async throws {}

    func handleUnknownCommand(_ command: String, data: JSONObject?, client: NeuroClient) async throws {}

    func handleInvalidFrame(_ error: NeuroError, text: String, client: NeuroClient) async throws {
        client.logger.warning(
            "received an invalid frame",
            metadata: ["error": "\(error)", "neuro.frame.bytes": "\(text.utf8.count)"]
        )
        events.emit(.invalidFrame(error))
    }
}
