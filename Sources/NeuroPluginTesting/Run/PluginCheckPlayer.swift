import GamePlugins
import GameSessions
import NeuroAPI

/// Connects a check's session to NeuroSim and keeps it playing — again after the mid-game drop
/// — until NeuroSim drops it at the end of the stage, or the session is stopped or fails,
/// recording every connection.
struct PluginCheckPlayer<Plugin: GamePlugin>: Sendable {
    /// What the player leaves behind.
    struct Outcome: Sendable {
        /// Every connection's frames, in order.
        var recordings: [ConnectionRecording] = []
        /// The resumes that went wrong and the session's failures.
        var violations: [PluginCheckViolation] = []
        /// Why the game could not connect, when it could not.
        var connectionError: (any Error)?
    }

    let session: GameSession<Plugin>
    let names: ActionNameMapping
    let stage: PluginCheckStage
    let url: String
    let monitor: CheckMonitor
    let connector: WebSocketConnector

    /// Plays until the session ends; never throws (what goes wrong is in the outcome).
    func play() async -> Outcome {
        var outcome = Outcome()
        defer { monitor.update { $0.isPlayerDone = true } }
        var connectionStage = stage
        var resume: ResumeCheck?
        while true {
            monitor.update { $0.stage = connectionStage }
            let transport: RecordingTransport
            do {
                transport = RecordingTransport(try await connector.connect(to: url), stage: connectionStage)
            } catch {
                outcome.connectionError = error
                return outcome
            }
            var failure: (any Error)?
            do {
                _ = try await session.play(on: transport)
            } catch {
                failure = error
            }
            await transport.close(code: .normalClosure, reason: nil)
            let recording = transport.recording
            outcome.recordings.append(recording)
            if let resume {
                outcome.violations += resume.problems(in: recording).map {
                    PluginCheckViolation(rule: .incompleteResume, stage: connectionStage, message: $0)
                }
            }
            resume = nil
            guard let failure else { return outcome }
            let isGameError = (failure as? NeuroError)?.code == .handlerFailed
            let drop = monitor.takeDrop()
            if !isGameError, drop == .endOfStage { return outcome }
            if !isGameError, drop == .reconnect {
                // Between the connections the game stands still: what it offers and forces now is
                // what the next connection must send again.
                resume = ResumeCheck(
                    actionNames: session.state.wantedActions.map(\.name),
                    forceActionNames: session.plugin.force.map {
                        names.wireForce($0, actionNames: Plugin.actionNames).actionNames
                    })
                // NeuroSim must have seen the dropped connection end, or the next one would be
                // a second client of the same game.
                guard await monitor.wait(until: { $0.liveConnections.isEmpty }) else { return outcome }
                connectionStage = .reconnect
                continue
            }
            let message =
                isGameError
                ? "the game broke (a rule threw something other than GameRefusal): \(failure)"
                : "the connection ended without the check dropping it: \(failure)"
            outcome.violations.append(PluginCheckViolation(rule: .gameFailed, stage: connectionStage, message: message))
            return outcome
        }
    }
}
