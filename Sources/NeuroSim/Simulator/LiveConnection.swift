import Logging
import NeuroProtocol
import NeuroWebSocket
import Synchronization

/// One game connection being served: its transport, its ``SimulatedConnection`` behind a lock of its
/// own (shared only by this connection's reader and timer), and the shell that carries out
/// the session's effects.
final class LiveConnection: Sendable {
    struct State {
        var session: SimulatedConnection
        /// The deadline the timer is sleeping until; `nil` while it waits for a message.
        var timerTarget: Duration?
        /// Wakes the timer to look at the deadlines again (kept once while it is busy).
        var timerWake = WakeSignal()
    }

    let id: Int
    let peer: String?
    let transport: any NeuroTransport
    let state: Mutex<State>
    private let clock: ElapsedClock
    private let abort: @Sendable () -> Void
    /// Where every frame of the connection is recorded (`neuro-sim --record`); `nil` records
    /// nothing, at the cost of one check per frame.
    private let recorder: RecordingWriter?
    /// The turns the session asks the language model to decide, in order (one at a time).
    private let turns: AsyncStream<LLMTurn>
    private let turnContinuation: AsyncStream<LLMTurn>.Continuation

    init(
        id: Int, peer: String?, transport: any NeuroTransport, session: SimulatedConnection, clock: ElapsedClock,
        recorder: RecordingWriter? = nil, abort: @escaping @Sendable () -> Void
    ) {
        self.id = id
        self.recorder = recorder
        self.peer = peer
        self.transport = transport
        self.clock = clock
        self.abort = abort
        state = Mutex(State(session: session))
        (turns, turnContinuation) = AsyncStream<LLMTurn>.makeStream(bufferingPolicy: .unbounded)
    }

    deinit {
        turnContinuation.finish()
    }

    /// Serves the connection until it ends: a reader, a timer and, with the language-model
    /// player, a decider (`decide`); the reader or the timer finishing ends them all.
    func run(
        decide: (@Sendable (LLMTurn) async -> LLMDecision)? = nil,
        perform: @escaping @Sendable ([SimulatedConnectionEffect]) async -> Void
    ) async {
        record(.opened)
        await perform(state.withLock { $0.session.start(at: clock.now()) })
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.readMessages(clock: self.clock, perform: perform) }
            group.addTask { await self.fireTimers(clock: self.clock, perform: perform) }
            if let decide {
                // A child of its own: a model's answer takes seconds, and the reader must keep
                // reading (context, results, unregistrations) meanwhile. It runs until cancelled.
                group.addTask { await self.takeDecisions(decide, perform: perform) }
            }
            await group.next()
            group.cancelAll()
        }
        state.withLock { $0.session.finish() }
        record(.ended)
    }

    /// Records an event of the connection with the game's title as known now.
    func record(_ event: RecordedEvent) {
        guard let recorder else { return }
        recorder.record(connection: id, game: state.withLock { $0.session.game }, event)
    }

    /// Queues a turn for the decider (``SimulatedConnectionEffect/decide(_:)``).
    func requestDecision(_ turn: LLMTurn) {
        turnContinuation.yield(turn)
    }

    /// Asks the model for each queued turn and hands its decision to the session.
    private func takeDecisions(
        _ decide: @Sendable (LLMTurn) async -> LLMDecision, perform: @Sendable ([SimulatedConnectionEffect]) async -> Void
    ) async {
        for await turn in turns {
            let decision = await decide(turn)
            if Task.isCancelled { return }
            let (effects, needsWakeup) = state.withLock { state in
                (state.session.decided(decision, at: clock.now()), Self.takeEarlierDeadline(&state))
            }
            if needsWakeup { wakeTimer() }
            await perform(effects)
        }
    }

    /// Carries out one effect that touches the transport.
    func carryOut(_ effect: SimulatedConnectionEffect, logger: Logger) async {
        switch effect {
        case .send(let command):
            let text = command.encoded()
            if recorder != nil { record(.frame(.toGame, text: text)) }
            do {
                try await transport.send(text)
            } catch {
                logger.debug(
                    "could not send to game", metadata: ["neuro.connection": "\(id)", "neuro.command": "\(command.name)"])
            }
        case .close(let code, let reason):
            if recorder != nil { record(.closed(by: .neuro, code: Int(code.rawValue))) }
            await transport.close(code: code, reason: reason)
        case .drop:
            if recorder != nil { record(.dropped(by: .neuro)) }
            abort()
        case .decide(let turn):
            requestDecision(turn)
        case .identified, .diagnostic, .actionSent, .resultReceived, .closedByGame:
            break
        }
    }

    /// Sends a command from outside the session (a fault): the session notes it first, so
    /// that the game's answer finds it expected, and the timer learns of any new deadline.
    func send(_ command: NeuroCommand, logger: Logger) async {
        let needsWakeup = state.withLock { state in
            state.session.noteSent(command, at: clock.now())
            return Self.takeEarlierDeadline(&state)
        }
        if needsWakeup { wakeTimer() }
        await carryOut(.send(command), logger: logger)
    }

    /// Drops the connection abruptly, without a close frame.
    func drop() {
        if recorder != nil { record(.dropped(by: .neuro)) }
        state.withLock { $0.session.finish() }
        abort()
        wakeTimer()
    }

    private func readMessages(clock: ElapsedClock, perform: @Sendable ([SimulatedConnectionEffect]) async -> Void) async {
        while !Task.isCancelled {
            let message: TransportMessage
            do {
                message = try await transport.receive()
            } catch {
                return
            }
            let (effects, isFinished, needsWakeup) = state.withLock { state in
                let effects = state.session.receive(message, at: clock.now())
                // Under the connection's lock, so the frame is on file before what it causes.
                recorder?.record(connection: id, game: state.session.game, Self.recorded(message))
                return (effects, state.session.isFinished, Self.takeEarlierDeadline(&state))
            }
            if needsWakeup { wakeTimer() }
            await perform(effects)
            if case .closed = message { return }
            if isFinished {
                // A strict close: wait for the game's close frame (or the end) before leaving.
                while let next = try? await transport.receive(), !Task.isCancelled {
                    if case .closed = next { return }
                }
                return
            }
        }
    }

    /// A message from the game as a recording says it.
    private static func recorded(_ message: TransportMessage) -> RecordedEvent {
        switch message {
        case .text(let text): .frame(.toNeuro, text: text)
        case .binary(let bytes): .binaryFrame(.toNeuro, length: bytes.count)
        case .closed(let code, _): .closed(by: .game, code: code.map { Int($0.rawValue) })
        }
    }

    /// Wakes the timer, now or at its next wait.
    private func wakeTimer() {
        state.withLock { $0.timerWake.raise() }?.resume(returning: true)
    }

    /// Whether the session's next deadline comes before the one the timer sleeps until (which
    /// it then becomes): the timer must be woken to sleep less.
    private static func takeEarlierDeadline(_ state: inout State) -> Bool {
        guard let deadline = state.session.nextDeadline, state.timerTarget.map({ deadline < $0 }) ?? true else {
            return false
        }
        state.timerTarget = deadline
        return true
    }

    private func fireTimers(clock: ElapsedClock, perform: @Sendable ([SimulatedConnectionEffect]) async -> Void) async {
        while !Task.isCancelled {
            let (deadline, isFinished) = state.withLock { state in
                state.timerTarget = state.session.nextDeadline
                return (state.timerTarget, state.session.isFinished)
            }
            if isFinished { return }
            // Sleep until the deadline unless the reader signals an earlier one first;
            // deadlines at or before "now" are handled by the reader itself.
            _ = await WakeSignal.sleep(until: deadline, on: clock) { await self.state.waitUntilRaised(\.timerWake) }
            if Task.isCancelled { return }
            let effects = state.withLock { $0.session.advance(to: clock.now()) }
            await perform(effects)
        }
    }
}
