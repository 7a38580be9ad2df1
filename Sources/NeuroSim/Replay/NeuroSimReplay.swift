import Logging
import NeuroProtocol
import NeuroWebSocket
import Synchronization

/// Serves as Neuro and plays a recording's Neuro side again to whichever games connect,
/// comparing what each game sends with what it sent then (`neuro-sim replay FILE`).
///
/// A game connecting is matched, by the title in its first frame, to the first recorded
/// connection of that title not yet replayed. Then each of Neuro's recorded frames is sent
/// again once the game has sent what preceded it in the recording, after the recorded delay
/// (none with ``ReplayConfiguration/isFast``); Neuro's recorded closes and drops are carried
/// out alike; and each frame of the game is compared with the recorded one as JSON values
/// (the article "Recording, replay and JUnit" says what may differ). The first mismatch on a
/// connection is a ``ReplayDivergence`` and ends the replay of that connection (the game is
/// left connected, its frames unread). What the game sends after Neuro's last recorded step
/// is not compared. A game connecting when no recorded connection of its title is left is
/// served nothing and is not a divergence.
///
/// ``run(onListening:)`` returns when every recorded connection is done (then every
/// connection is closed with 1001), or after ``ReplayConfiguration/duration``: connections
/// never made or not finished are divergences too.
///
/// ```swift
/// let replay = NeuroSimReplay(recording: try Recording(parsing: text), configuration: .init(), logger: logger)
/// let report = try await replay.run { port in print("ws://127.0.0.1:\(port)") }
/// for divergence in report.divergences { print(divergence) }
/// ```
package final class NeuroSimReplay: Sendable {
    private struct Progress {
        var matchedFrames = 0
        var outcome: ReplayReport.Outcome?
        /// What the connection waits for now, for an unfinished one.
        var waitingFor: (frame: Int, expected: String)?
    }

    private struct State {
        var claimed: [Int: Progress] = [:]
        var divergences: [ReplayDivergence] = []
        var listener: WebSocketListener?
        var isStopped = false
    }

    private enum Received: Sendable {
        case message(TransportMessage)
        case lost
        case timedOut
    }

    /// The recording's connections, as scripts, in recording order.
    let scripts: [ReplayScript]
    /// How the replay serves.
    package let configuration: ReplayConfiguration
    private let span: Duration
    private let logger: Logger
    private let state = Mutex(State())

    /// Creates a replay of `recording`; nothing listens until ``run(onListening:)``.
    package init(recording: Recording, configuration: ReplayConfiguration = .init(), logger: Logger) {
        scripts = recording.connections.map(ReplayScript.init)
        self.configuration = configuration
        self.logger = logger
        let last = recording.entries.map(\.time).max() ?? 0
        span = .milliseconds(Int64(last * 1000))
    }

    /// Listens and replays until every recorded connection is done or the duration is over,
    /// then closes every connection (1001) and reports.
    /// - Parameter onListening: called with the bound port once listening.
    /// - Throws: when the address cannot be bound.
    package func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> ReplayReport {
        let listener = WebSocketListener(host: configuration.host, port: configuration.port, logger: logger)
        state.withLock { $0.listener = listener }
        if scripts.isEmpty { listener.stop() }
        let limit = configuration.duration ?? span + .seconds(60)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await listener.run(onListening: onListening) { transport, _ in
                    await self.serve(transport)
                }
            }
            group.addTask {
                // Ends the replay at the time limit; cancelled when the listener stops first.
                try await Task.sleep(for: limit)
                self.logger.info("replay duration elapsed", metadata: ["neuro.replay.limit": "\(limit)"])
                self.stop()
            }
            try await group.next()
            group.cancelAll()
        }
        return report()
    }

    /// Stops listening and closes every connection (1001); ``run(onListening:)`` then returns.
    package func stop() {
        let listener = state.withLock { state in
            state.isStopped = true
            return state.listener
        }
        listener?.stop(closeCode: .goingAway)
    }

    /// The report as it stands: done connections, and divergences for those never made or not
    /// finished.
    func report() -> ReplayReport {
        let (claimed, found) = state.withLock { ($0.claimed, $0.divergences) }
        var divergences = found
        var connections: [ReplayReport.Connection] = []
        for (index, script) in scripts.enumerated() {
            let game = script.game ?? NeuroSimulator.unidentifiedGame
            let progress = claimed[index]
            var outcome = progress?.outcome ?? .unfinished
            if progress == nil {
                outcome = .notConnected
                divergences.append(
                    ReplayDivergence(
                        game: game, recordedConnection: script.recordedConnection, frame: 0,
                        expected: "<a connection of the game>", got: "<no connection before the replay stopped>"))
            } else if outcome == .unfinished, let waiting = progress?.waitingFor {
                divergences.append(
                    ReplayDivergence(
                        game: game, recordedConnection: script.recordedConnection, frame: waiting.frame,
                        expected: waiting.expected, got: "<nothing before the replay stopped>"))
            }
            connections.append(
                ReplayReport.Connection(
                    game: game, recordedConnection: script.recordedConnection, expectedFrames: script.comparedFrames,
                    matchedFrames: progress?.matchedFrames ?? 0, outcome: outcome))
        }
        return ReplayReport(divergences: divergences, connections: connections)
    }

    // MARK: - One connection

    private func serve(_ transport: WebSocketTransport) async {
        // The title comes with the first frame; a short frame timeout must not leave a slow
        // game's connection unmatched.
        let first = await receive(on: transport, within: max(configuration.frameTimeout, .seconds(30)))
        guard case .message(let message) = first, case .text(let text) = message, let title = FrameComparison.title(in: text)
        else {
            logger.info("connection without a game title; not replayed")
            return
        }
        guard let index = claim(title) else {
            logger.info("no recorded connection left for this game; serving nothing", metadata: ["neuro.game": "\(title)"])
            await drain(transport)
            return
        }
        let script = scripts[index]
        logger.info(
            "replaying", metadata: ["neuro.game": "\(title)", "neuro.replay.connection": "\(script.recordedConnection)"])
        var pending: TransportMessage? = message
        for step in script.steps {
            if isStopped { return }
            switch step {
            case .send(let frame, let delay):
                await pause(delay)
                do {
                    try await transport.send(frame)
                } catch {
                    diverge(
                        index, script, frame: progress(index).matchedFrames + 1, expected: "<the game still connected>",
                        got: "<the connection ended>")
                    return
                }
            case .close(let code, let delay):
                await pause(delay)
                await transport.close(code: code.map { WebSocketCloseCode(rawValue: UInt16($0)) } ?? .goingAway, reason: "replay")
            case .drop(let delay):
                await pause(delay)
                transport.abort()
            case .expectFrame, .expectBinary, .expectEnd:
                let expected = step.expectation ?? ""
                let number = Self.number(of: step)
                setWaiting(index, frame: number, expected: expected)
                let received: Received
                if let message = pending {
                    received = .message(message)
                    pending = nil
                } else {
                    received = await receive(on: transport, within: configuration.frameTimeout)
                }
                if isStopped { return }
                if let got = Self.mismatch(step, received) {
                    diverge(index, script, frame: number, expected: expected, got: got)
                    if case .message(let message) = received, case .closed = message { return }
                    await drain(transport)
                    return
                }
                state.withLock { $0.claimed[index]?.matchedFrames += 1 }
            }
        }
        finish(index)
        await drain(transport)
    }

    /// What came instead of what `step` expects; `nil` when it matches.
    private static func mismatch(_ step: ReplayStep, _ received: Received) -> String? {
        let got: String
        switch received {
        case .timedOut: return "<nothing in time>"
        case .lost: got = "<the connection was cut>"
        case .message(.text(let text)): got = text
        case .message(.binary(let bytes)): got = "<a binary frame of \(bytes.count) bytes>"
        case .message(.closed(let code, _)): got = "<the game closed the connection (\(code?.description ?? "no code"))>"
        }
        switch (step, received) {
        case (.expectFrame(let text, _), .message(.text(let sent))):
            return FrameComparison.isSame(text, sent) ? nil : got
        case (.expectBinary(let length, _), .message(.binary(let bytes))):
            return bytes.count == length ? nil : got
        case (.expectEnd, .message(.closed)), (.expectEnd, .lost):
            return nil
        default:
            return got
        }
    }

    private static func number(of step: ReplayStep) -> Int {
        switch step {
        case .expectFrame(_, let number), .expectBinary(_, let number), .expectEnd(let number): number
        case .send, .close, .drop: 0
        }
    }

    /// Waits for the game's next message, at most `timeout`; on a timeout the connection is
    /// cut, which ends the pending receive.
    private func receive(on transport: WebSocketTransport, within timeout: Duration) async -> Received {
        await withTaskGroup(of: Received.self) { group in
            group.addTask {
                do {
                    return .message(try await transport.receive())
                } catch {
                    return .lost
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                } catch {
                    return .lost
                }
                return .timedOut
            }
            let first = await group.next() ?? .lost
            if case .timedOut = first { transport.abort() }
            group.cancelAll()
            return first
        }
    }

    /// Reads and discards the game's frames until the connection ends (closed by either side,
    /// or by the replay stopping).
    private func drain(_ transport: WebSocketTransport) async {
        while !Task.isCancelled {
            guard let message = try? await transport.receive() else { return }
            if case .closed = message { return }
        }
    }

    private func pause(_ delay: Duration) async {
        guard !configuration.isFast, delay > .zero else { return }
        try? await Task.sleep(for: delay)
    }

    private var isStopped: Bool { state.withLock { $0.isStopped } }

    private func claim(_ title: String) -> Int? {
        state.withLock { state in
            guard let index = scripts.indices.first(where: { state.claimed[$0] == nil && scripts[$0].game == title }) else {
                return nil
            }
            state.claimed[index] = Progress()
            return index
        }
    }

    private func progress(_ index: Int) -> Progress { state.withLock { $0.claimed[index] ?? Progress() } }

    private func setWaiting(_ index: Int, frame: Int, expected: String) {
        state.withLock { $0.claimed[index]?.waitingFor = (frame, expected) }
    }

    private func diverge(_ index: Int, _ script: ReplayScript, frame: Int, expected: String, got: String) {
        let divergence = ReplayDivergence(
            game: script.game ?? NeuroSimulator.unidentifiedGame, recordedConnection: script.recordedConnection,
            frame: frame, expected: expected, got: got)
        logger.warning("replay diverged", metadata: ["neuro.replay.divergence": "\(divergence)"])
        state.withLock { state in
            state.divergences.append(divergence)
            state.claimed[index]?.outcome = .diverged
        }
        stopIfDone()
    }

    private func finish(_ index: Int) {
        state.withLock { state in
            state.claimed[index]?.outcome = .completed
            state.claimed[index]?.waitingFor = nil
        }
        stopIfDone()
    }

    /// Stops the replay once every recorded connection has an outcome.
    private func stopIfDone() {
        let isDone = state.withLock { state in
            scripts.indices.allSatisfy { state.claimed[$0]?.outcome != nil }
        }
        if isDone { stop() }
    }
}
