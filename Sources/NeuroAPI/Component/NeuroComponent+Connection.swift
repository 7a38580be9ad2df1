import Logging

extension NeuroComponent {
    /// Connects to Neuro and serves the connection until it ends (the Python `handle_connect`).
    ///
    /// In order: the connector opens the websocket; `startup` is sent
    /// (``NeuroComponentConfiguration/sendsStartupOnConnect``), then every registered action
    /// (``NeuroComponentConfiguration/reregistersOnConnect``); the ``onConnected(_:)`` hook
    /// runs; ``NeuroEvent/connected`` is emitted and ``waitForWebSocket()`` returns `true`.
    /// Then the read loop answers Neuro until the connection ends. Each action's handler runs
    /// as a child task of the loop, so reading goes on while handlers work.
    ///
    /// How it ends:
    /// - the connection cannot be opened: the ``onConnectFailed(_:)`` hook (default: log) and
    ///   ``NeuroEvent/connectFailed(_:)``, then the error is thrown (the reference returns
    ///   quietly and leaves the caller to check `not_connected`);
    /// - Neuro closes it, or ``stop(code:reason:)`` is called: returns normally;
    /// - the task is cancelled (e.g. by a `ServiceGroup`): closes with 1001 and returns normally;
    /// - it drops without a close frame: throws the transport's `NeuroError`.
    ///
    /// Every ending but a failed connect emits ``NeuroEvent/disconnected(_:)`` first. When the
    /// connection ends, action handlers still running are cancelled (their results could no
    /// longer be delivered) and `run` waits for them to return. A component runs one
    /// connection at a time; call `run` again to reconnect.
    /// - Parameter url: a `ws://` or `wss://` URL; by default `NEURO_SDK_WS_URL` (read on
    ///   every call, so each reconnect sees a changed value) or `ws://localhost:8000`.
    /// - Throws: `NeuroError` for a failed connect (`NeuroError/Code/handshakeFailed`,
    ///   `NeuroError/Code/handshakeTimedOut`, `NeuroError/Code/invalidURL`), a dropped
    ///   connection (`NeuroError/Code/connectionClosed` and the transport's other codes), or
    ///   `NeuroError/Code/componentAlreadyRunning`, or `NeuroError/Code/componentHasNoConnector`
    ///   for a component created without a ``connector`` (it only serves ``run(on:)``).
    public func run(url: String = NeuroURL.resolve()) async throws {
        let connector = try requireConnector(for: url)
        try beginRun()
        try await runBegun(url: url, connector: connector)
    }

    /// The component's connector, or the typed error of a component that only serves
    /// connections given to ``run(on:)``.
    func requireConnector(for url: String) throws(NeuroError) -> any NeuroConnector {
        guard let connector else {
            throw NeuroError(
                code: .componentHasNoConnector,
                message:
                    "component \"\(name)\" has no connector: it serves connections given to run(on:), so it cannot connect to \(url)"
            )
        }
        return connector
    }

    /// The rest of ``run(url:)`` after ``beginRun()``: split so that ``NeuroComponentService``
    /// can mark the run as begun before its shutdown watcher can call ``stop(code:reason:)``.
    func runBegun(url: String, connector: any NeuroConnector) async throws {
        // Everything the run calls (hooks, handlers) sees itself as part of it.
        try await Self.$enclosingRun.withValue(ObjectIdentifier(self)) {
            try await connectAndServe(url: url, connector: connector)
        }
    }

    /// Serves a connection that is already open, until it ends: the part of ``run(url:)``
    /// after the connect, for a caller that opens connections itself (a host that supervises
    /// reconnects, a test on an `InMemoryTransport`). The caller closes the transport
    /// afterwards if it is still open.
    /// - Returns: why the connection ended; ``NeuroEvent/disconnected(_:)`` carries the same.
    /// - Throws: `NeuroError` with `NeuroError/Code/componentAlreadyRunning`.
    public func run(on transport: any NeuroTransport) async throws -> NeuroDisconnectReason {
        try beginRun()
        return await Self.$enclosingRun.withValue(ObjectIdentifier(self)) {
            let outcome = await serveConnection(transport)
            logEnd(outcome)
            broadcaster.emit(.disconnected(outcome))
            finishRun()
            return outcome
        }
    }

    private func connectAndServe(url: String, connector: any NeuroConnector) async throws {
        let outcome: NeuroDisconnectReason
        do {
            outcome = try await connector.withConnection(to: url) { transport in
                await self.serveConnection(transport)
            }
        } catch {
            let wasOpened = state.withLock { state in
                if case .connecting = state.phase { return false }
                return true
            }
            guard !wasOpened else {
                // The body never throws, so this came from the connector closing the connection.
                logger.warning("closing the connection failed", metadata: ["error": "\(error)"])
                finishRun()
                throw error
            }
            try await reportConnectFailure(error, url: url)
            return
        }
        logEnd(outcome)
        // The event goes out before the run counts as over, so whoever `stop` or
        // `waitForWebSocket` wakes finds it already in their event stream.
        broadcaster.emit(.disconnected(outcome))
        finishRun()
        if case .dropped(let error) = outcome { throw error }
    }

    private func logEnd(_ outcome: NeuroDisconnectReason) {
        switch outcome {
        case .closed(let code, let reason):
            logger.info(
                "Neuro closed the connection",
                metadata: ["neuro.close.code": "\(code.map(\.description) ?? "none")", "neuro.close.reason": "\(reason ?? "")"]
            )
        case .stopped(let code, let reason):
            logger.info(
                "stopped the connection",
                metadata: ["neuro.close.code": "\(code)", "neuro.close.reason": "\(reason ?? "")"]
            )
        case .dropped(let error):
            logger.warning("the connection to Neuro dropped", metadata: ["error": "\(error)"])
        }
    }

    /// Closes the websocket with `code` and `reason` and so ends ``run(url:)`` (the Python `stop`).
    ///
    /// Called from outside the run, it waits until ``run(url:)`` has torn the connection
    /// down, so ``isConnected`` is `false` afterwards. Called from an action handler or a hook
    /// of the run it ends, it returns once the close is sent (waiting there would wait for
    /// itself). Called while connecting, the connection is closed as soon as it opens (and
    /// `stop` waits for that); called when there is no connection, it does nothing.
    ///
    /// ```swift
    /// await component.stop(code: .goingAway, reason: "Game ended")
    /// ```
    public func stop(code: WebSocketCloseCode = .normalClosure, reason: String? = nil) async {
        let transport: (any NeuroTransport)? = state.withLock { state in
            switch state.phase {
            case .idle, .ended:
                return nil
            case .connecting:
                if state.stopRequest == nil { state.stopRequest = StopRequest(code: code, reason: reason) }
                return nil
            case .open(let transport), .ready(let transport):
                if state.stopRequest == nil { state.stopRequest = StopRequest(code: code, reason: reason) }
                return transport
            }
        }
        await transport?.close(code: code, reason: reason)
        if Self.enclosingRun != ObjectIdentifier(self) {
            await waitForRunToEnd()
        }
    }

    /// Waits until the websocket is open and set up, or the attempt to open it failed (the
    /// `wait_for_websocket` of the Python examples, which the library itself lacks).
    ///
    /// Returns at once while connected (`true`) and after a connection ended (`false`);
    /// before and during a connection attempt it waits for its outcome. Returns `false` when
    /// the waiting task is cancelled.
    /// - Returns: whether the component is connected.
    public func waitForWebSocket() async -> Bool {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        return await state.wait(in: \.connectionWaiters, as: id, ifCancelled: false) { state in
            if Task.isCancelled { return false }
            switch state.phase {
            case .ready: return true
            case .ended: return false
            case .idle, .connecting, .open: return nil
            }
        }
    }

    // MARK: Connection lifetime

    /// Marks a run as begun (phase `connecting`), or refuses a second one.
    func beginRun() throws(NeuroError) {
        try state.withLock { (state) throws(NeuroError) in
            switch state.phase {
            case .connecting, .open, .ready:
                throw NeuroError(
                    code: .componentAlreadyRunning,
                    message: "component \"\(name)\" already runs a connection; stop it before running another"
                )
            case .idle, .ended:
                state.phase = .connecting
                state.stopRequest = nil
            }
        }
    }

    /// Marks the run as over and wakes everyone waiting on it.
    private func finishRun() {
        let (connectionWaiters, endWaiters) = state.withLock { state in
            state.phase = .ended
            state.stopRequest = nil
            return (state.connectionWaiters.takeAll(), state.endWaiters.takeAll())
        }
        for waiter in connectionWaiters { waiter.resume(returning: false) }
        for waiter in endWaiters { waiter.resume() }
    }

    private func reportConnectFailure(_ error: any Error, url: String) async throws {
        if Task.isCancelled {
            // Cancelled while connecting (e.g. the service group shuts down): not a failure.
            logger.debug("cancelled while connecting", metadata: ["neuro.url": "\(url)"])
            finishRun()
            return
        }
        let failure =
            error as? NeuroError
            ?? NeuroError(code: .handshakeFailed, message: "could not connect to \(url)", cause: error)
        if let hook = state.withLock({ $0.hooks.connectFailed }) {
            await hook(self, failure)
        } else {
            logger.error("could not connect to Neuro", metadata: ["neuro.url": "\(url)", "error": "\(failure)"])
        }
        broadcaster.emit(.connectFailed(failure))
        finishRun()
        throw failure
    }

    private func waitForRunToEnd() async {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        await state.wait(in: \.endWaiters, as: id, ifCancelled: ()) { state in
            switch state.phase {
            case .idle, .ended: return ()
            case .connecting, .open, .ready: return nil
            }
        }
    }

    /// Runs one open connection: set-up, then the read loop with its handler tasks. With
    /// ``NeuroComponentConfiguration/handlesActionsInline``, on the transport's preferred
    /// executor (a websocket's event loop), next to the socket.
    private func serveConnection(_ transport: any NeuroTransport) async -> NeuroDisconnectReason {
        let executor = configuration.handlesActionsInline ? transport.preferredTaskExecutor : nil
        return await withTaskExecutorPreference(executor) {
            await serveOnPreferredExecutor(transport)
        }
    }

    private func serveOnPreferredExecutor(_ transport: any NeuroTransport) async -> NeuroDisconnectReason {
        client.connect(transport)
        defer { client.connect(nil) }
        if let stopped = await open(transport) { return stopped }
        guard !configuration.handlesActionsInline else {
            // Everything runs in the read loop itself: no task group to keep per connection.
            return await readLoop(transport) { work in await work() }
        }
        return await withDiscardingTaskGroup(returning: NeuroDisconnectReason.self) { group in
            let reason = await readLoop(transport) { work in group.addTask { await work() } }
            // Handlers still running can no longer deliver their results.
            group.cancelAll()
            return reason
        }
    }

    /// Sets the connection up and reports it open; returns how it ended when a stop came first.
    /// (Apart from the read loop, so that its locals are not kept while the connection idles.)
    private func open(_ transport: any NeuroTransport) async -> NeuroDisconnectReason? {
        let pendingStop = state.withLock { state in
            state.phase = .open(transport)
            return state.stopRequest
        }
        if let pendingStop {
            await transport.close(code: pendingStop.code, reason: pendingStop.reason)
            return .stopped(code: pendingStop.code, reason: pendingStop.reason)
        }
        await setUpConnection()
        let waiters = state.withLock { state in
            if case .open = state.phase { state.phase = .ready(transport) }
            return state.connectionWaiters.takeAll()
        }
        broadcaster.emit(.connected)
        for waiter in waiters { waiter.resume(returning: true) }
        return nil
    }

    /// Sends `startup` and the actions as configured, then runs the connected hook. Failures
    /// are logged: a broken connection shows up in the read loop next.
    @inline(never)
    private func setUpConnection() async {
        let configuration = configuration
        do {
            try await client.update { core in
                core.connected(
                    sendsStartup: configuration.sendsStartupOnConnect, reregisters: configuration.reregistersOnConnect)
            }
        } catch {
            log(.warning, "could not send startup and the actions", error: error)
        }
        guard let hook = state.withLock({ $0.hooks.connected }) else { return }
        do {
            try await hook(self)
        } catch {
            log(.error, "the connected hook failed", error: error)
        }
    }

    /// Reads until the connection ends and says why it ended; `runBeside` runs work that may
    /// take a while (a child task of the connection, or inline).
    ///
    /// Kept small on purpose: an idle connection waits in here, and the async frames of every
    /// function above the wait stay allocated meanwhile (thousands of idle games). What a
    /// message makes happen is in ``handle(_:runBeside:)-(TransportMessage,_)``, whose frame
    /// exists only while it runs.
    private func readLoop(
        _ transport: any NeuroTransport,
        runBeside: (@escaping @Sendable () async -> Void) async -> Void
    ) async -> NeuroDisconnectReason {
        while true {
            let message: TransportMessage
            do {
                message = try await transport.receive()
            } catch {
                return await reasonForReadFailure(error, transport: transport)
            }
            if let end = await handle(message, runBeside: runBeside) { return end }
        }
    }

    /// Acts on one message; returns how the connection ended when it was the close.
    ///
    /// An action answered inline goes straight to ``answer(_:)``: the fewer async frames on the
    /// way, the less each idle connection keeps (a task keeps the memory its deepest moment
    /// needed).
    @inline(never)
    private func handle(
        _ message: TransportMessage,
        runBeside: (@escaping @Sendable () async -> Void) async -> Void
    ) async -> NeuroDisconnectReason? {
        switch client.decode(message) {
        case .command(.action(let action)) where configuration.handlesActionsInline:
            await answer(action)
        case .command(let command):
            await handle(command, runBeside: runBeside)
        case .closed(let code, let reason):
            if let stop = state.withLock({ $0.stopRequest }) {
                return .stopped(code: stop.code, reason: stop.reason)
            }
            return .closed(code: code, reason: reason)
        case .invalidFrame(let error, let text):
            await handleInvalidFrame(error, text: text)
        }
        return nil
    }

    private func handleInvalidFrame(_ error: NeuroError, text: String?) async {
        logger.warning(
            "received an invalid frame", metadata: ["error": "\(error)", "neuro.frame.bytes": "\(text?.utf8.count ?? 0)"])
        if let text {
            do {
                try await client.answerMalformedAction(text, error: error)
            } catch {
                logger.warning("could not answer a malformed action", metadata: ["error": "\(error)"])
            }
        }
        broadcaster.emit(.invalidFrame(error))
    }

    private func reasonForReadFailure(_ error: any Error, transport: any NeuroTransport) async -> NeuroDisconnectReason {
        if let stop = state.withLock({ $0.stopRequest }) {
            return .stopped(code: stop.code, reason: stop.reason)
        }
        if Task.isCancelled || error is CancellationError {
            await transport.close(code: .goingAway, reason: nil)
            return .stopped(code: .goingAway, reason: nil)
        }
        let neuroError =
            error as? NeuroError
            ?? NeuroError(code: .connectionClosed, message: "the connection to Neuro failed", cause: error)
        return .dropped(neuroError)
    }

    /// Acts on one command from Neuro. Anything that may take a while runs beside the loop
    /// (``handle(_:runBeside:)-(TransportMessage,_)``), except actions when they are answered
    /// inline.
    ///
    /// Each case's work is a function of its own that is never inlined here: an async
    /// function's frame is the union of what everything inlined into it needs, and a
    /// connection's task keeps the memory of its largest frame for as long as it lives.
    private func handle(_ command: NeuroCommand, runBeside: (@escaping @Sendable () async -> Void) async -> Void) async {
        switch command {
        case .action(let action):
            await runBeside { await self.answer(action) }
        case .startupAcknowledgement(let session):
            await startupAcknowledged(session)
        case .reregisterAllActions:
            // Inline, so that the actions are registered again before the next command is read.
            await reregisterAllRequested()
        case .gracefulShutdownRequest(let wantsShutdown):
            broadcaster.emit(.gracefulShutdownRequested(wantsShutdown: wantsShutdown))
            await runBeside { await self.answerGracefulShutdownRequest(wantsShutdown: wantsShutdown) }
        case .immediateShutdownRequest:
            broadcaster.emit(.immediateShutdownRequested)
            await runBeside { await self.answerImmediateShutdownRequest() }
        case .speechFinished(let speech):
            speechFinished(speech)
        case .unknown(let name, let data):
            unknownCommand(name, data: data)
        }
    }

    @inline(never)
    private func startupAcknowledged(_ session: NeuroSessionInfo?) async {
        reportStartupAcknowledged(session)
        guard let hook = state.withLock({ $0.hooks.startupAcknowledged }) else { return }
        do {
            try await hook(self, session)
        } catch {
            log(.error, "the startup acknowledgement hook failed", error: error)
        }
    }

    @inline(never)
    private func reregisterAllRequested() async {
        do {
            try await client.reregisterAllActions()
        } catch {
            log(.warning, "could not register the actions again", error: error)
        }
        broadcaster.emit(.reregisterAllRequested)
    }

    /// Logs and emits the acknowledgement. Synchronous, like ``log(_:_:error:)``: what a log
    /// call builds lives on the thread's stack, not in a connection task's async frames.
    @inline(never)
    private func reportStartupAcknowledged(_ session: NeuroSessionInfo?) {
        logger.info(
            "Neuro acknowledged startup",
            metadata: ["neuro.session.id": "\(session?.sessionID ?? "")", "neuro.character": "\(session?.characterID ?? "")"]
        )
        broadcaster.emit(.startupAcknowledged(session))
    }

    /// Logs a failure with its error (see ``reportStartupAcknowledged(_:)`` for why it is apart).
    @inline(never)
    func log(_ level: Logger.Level, _ message: Logger.Message, error: any Error) {
        logger.log(level: level, message, metadata: ["error": "\(error)"])
    }

    private func speechFinished(_ speech: SpeechFinished) {
        logger.debug(
            "Neuro finished speaking",
            metadata: ["neuro.speech.final": "\(speech.isFinal)", "neuro.speech.cancelled": "\(speech.isCancelled ?? false)"])
        broadcaster.emit(.speechFinished(speech))
    }

    private func unknownCommand(_ name: String, data: JSONObject?) {
        // Ignored, as the protocol of August 2026 asks: tools send vendor-prefixed commands.
        logger.debug(
            "ignored an unknown command",
            metadata: [
                "neuro.command": "\(name)", "neuro.data": "\(data.map { JSONValue.object($0).description } ?? "none")",
            ]
        )
        broadcaster.emit(.unknownCommand(name, data: data))
    }

    private func answerGracefulShutdownRequest(wantsShutdown: Bool) async {
        do {
            if let hook = state.withLock({ $0.hooks.gracefulShutdownRequest }) {
                try await hook(self, wantsShutdown)
            } else if wantsShutdown {
                try await client.sendShutdownReady()
            }
        } catch {
            logger.error("answering a graceful shutdown request failed", metadata: ["error": "\(error)"])
        }
    }

    private func answerImmediateShutdownRequest() async {
        do {
            if let hook = state.withLock({ $0.hooks.immediateShutdownRequest }) {
                try await hook(self)
            } else {
                try await client.sendShutdownReady()
            }
        } catch {
            logger.error("answering an immediate shutdown request failed", metadata: ["error": "\(error)"])
        }
    }
}
