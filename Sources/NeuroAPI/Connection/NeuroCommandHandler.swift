/// What the game does with each command Neuro sends; the overridable `handle_*` methods of
/// the Python reference.
///
/// Only ``handleAction(_:client:)`` has no default. The defaults:
/// - startup acknowledgement: logged;
/// - `actions/reregister_all`: every remembered action is registered again;
/// - `shutdown/graceful`: `shutdown/ready` when `wantsShutdown` is true, nothing otherwise;
/// - `shutdown/immediate`: `shutdown/ready`;
/// - `speech_finished`: logged at debug level;
/// - unknown commands (vendor-prefixed ones included): logged at debug level, as the protocol
///   of August 2026 asks (ignored, never an error);
/// - malformed frames: logged as warnings, never fatal.
public protocol NeuroCommandHandler: Sendable {
    /// Handles an `action`; must make sure one `action/result` is sent for it.
    func handleAction(_ action: NeuroAction, client: NeuroClient) async throws

    /// Handles Neuro's startup acknowledgement.
    func handleStartupAcknowledgement(_ session: NeuroSessionInfo?, client: NeuroClient) async throws

    /// Handles `actions/reregister_all`.
    func handleReregisterAllActions(client: NeuroClient) async throws

    /// Handles Neuro's `shutdown/graceful` request (not the process's own shutdown).
    func handleGracefulShutdownRequest(wantsShutdown: Bool, client: NeuroClient) async throws

    /// Handles Neuro's `shutdown/immediate` request.
    func handleImmediateShutdownRequest(client: NeuroClient) async throws

    /// Handles `speech_finished`: Neuro stopped speaking (for good when `isFinal`).
    func handleSpeechFinished(_ speech: SpeechFinished, client: NeuroClient) async throws

    /// Handles a command this library does not know.
    func handleUnknownCommand(_ command: String, data: JSONObject?, client: NeuroClient) async throws

    /// Handles a frame that could not be decoded.
    func handleInvalidFrame(_ error: NeuroError, text: String, client: NeuroClient) async throws
}

extension NeuroCommandHandler {
    public func handleStartupAcknowledgement(_ session: NeuroSessionInfo?, client: NeuroClient) async throws {
        client.logger.info(
            "Neuro acknowledged startup",
            metadata: [
                "neuro.session.id": "\(session?.sessionID ?? "")",
                "neuro.character": "\(session?.characterID ?? "")",
            ]
        )
    }

    public func handleReregisterAllActions(client: NeuroClient) async throws {
        try await client.reregisterAllActions()
    }

    public func handleGracefulShutdownRequest(wantsShutdown: Bool, client: NeuroClient) async throws {
        if wantsShutdown { try await client.sendShutdownReady() }
    }

    public func handleImmediateShutdownRequest(client: NeuroClient) async throws {
        try await client.sendShutdownReady()
    }

    public func handleSpeechFinished(_ speech: SpeechFinished, client: NeuroClient) async throws {
        client.logger.debug(
            "Neuro finished speaking",
            metadata: ["neuro.speech.final": "\(speech.isFinal)", "neuro.speech.cancelled": "\(speech.isCancelled ?? false)"])
    }

    public func handleUnknownCommand(_ command: String, data: JSONObject?, client: NeuroClient) async throws {
        client.logger.debug(
            "received an unknown command",
            metadata: ["neuro.command": "\(command)", "neuro.data": "\(data.map { JSONValue.object($0).description } ?? "none")"]
        )
    }

    public func handleInvalidFrame(_ error: NeuroError, text: String, client: NeuroClient) async throws {
        client.logger.warning(
            "received an invalid frame",
            metadata: ["error": "\(error)", "neuro.frame.bytes": "\(text.utf8.count)"]
        )
    }
}
