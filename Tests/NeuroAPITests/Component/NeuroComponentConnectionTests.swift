import Synchronization
import Testing

@testable import NeuroAPI

@Suite("NeuroComponent connection", .timeLimit(.minutes(1)))
struct NeuroComponentConnectionTests {
    static let jump = Action(name: "jump", description: "Jump.")

    @Test(arguments: TestTransport.allCases) func reregisterAllIsAnsweredAndObservable(over transport: TestTransport) async throws
    {
        let (component, connector) = makeComponent(over: transport)
        try await component.registerActions([(Self.jump, succeeding())])
        var events = component.events().makeAsyncIterator()
        try await withRunningComponent(component, connector) { neuro async throws in
            #expect(try await neuro.nextFrame() == Frames.register([Self.jump]))
            try await neuro.send(.reregisterAllActions)
            #expect(try await neuro.nextFrame() == Frames.register([Self.jump]))
            let event = await nextEvent(&events) { if case .reregisterAllRequested = $0 { true } else { false } }
            #expect(event != nil)
        }
    }

    @Test(arguments: TestTransport.allCases) func gracefulShutdownRequestByDefaultAnswersReadyOnlyWhenWanted(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        var events = component.events().makeAsyncIterator()
        try await withRunningComponent(component, connector) { neuro async throws in
            try await neuro.send(.gracefulShutdownRequest(wantsShutdown: false))
            // Nothing is sent for `false`: the next frame answers the probe that follows.
            try await neuro.sendAction(id: "probe", name: "probe")
            #expect(try await neuro.nextResult().id == "probe")
            try await neuro.send(.gracefulShutdownRequest(wantsShutdown: true))
            #expect(try await neuro.nextFrame() == Frames.shutdownReady)
        }
        var requests: [Bool] = []
        while requests.count < 2,
            case .gracefulShutdownRequested(let wantsShutdown)? = await nextEvent(
                &events,
                where: {
                    if case .gracefulShutdownRequested = $0 { true } else { false }
                })
        {
            requests.append(wantsShutdown)
        }
        #expect(requests == [false, true])
    }

    @Test(arguments: TestTransport.allCases) func immediateShutdownRequestByDefaultAnswersReady(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        var events = component.events().makeAsyncIterator()
        try await withRunningComponent(component, connector) { neuro async throws in
            try await neuro.send(.immediateShutdownRequest)
            #expect(try await neuro.nextFrame() == Frames.shutdownReady)
        }
        #expect(await nextEvent(&events) { if case .immediateShutdownRequested = $0 { true } else { false } } != nil)
    }

    @Test(arguments: TestTransport.allCases) func shutdownRequestHooksReplaceTheDefaults(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        component.onGracefulShutdownRequest { component, wantsShutdown in
            try await component.client.sendContext("Saving: \(wantsShutdown)")
            if wantsShutdown { try await component.client.sendShutdownReady() }
        }
        component.onImmediateShutdownRequest { component in
            try await component.client.sendContext("Quick save")
        }
        try await withRunningComponent(component, connector) { neuro async throws in
            try await neuro.send(.gracefulShutdownRequest(wantsShutdown: true))
            #expect(try await neuro.nextFrames(2) == [Frames.context("Saving: true"), Frames.shutdownReady])
            try await neuro.send(.immediateShutdownRequest)
            #expect(try await neuro.nextFrame() == Frames.context("Quick save"))
            try await neuro.send(.gracefulShutdownRequest(wantsShutdown: false))
            #expect(try await neuro.nextFrame() == Frames.context("Saving: false"))
        }
    }

    @Test(arguments: TestTransport.allCases) func unknownCommandsAndInvalidFramesAreReportedAndTheConnectionLivesOn(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        var events = component.events().makeAsyncIterator()
        try await withRunningComponent(component, connector) { neuro async throws in
            try await neuro.send(raw: #"{"command":"future/thing","data":{"level":3}}"#)
            let unknown = await nextEvent(&events) { if case .unknownCommand = $0 { true } else { false } }
            guard case .unknownCommand(let name, let data)? = unknown else {
                Issue.record("no unknownCommand event")
                return
            }
            #expect(name == "future/thing")
            #expect(data == ["level": 3])
            try await neuro.send(raw: "{not json")
            let invalid = await nextEvent(&events) { if case .invalidFrame = $0 { true } else { false } }
            guard case .invalidFrame(let error)? = invalid else {
                Issue.record("no invalidFrame event")
                return
            }
            #expect(error.code == .invalidFrame)
            try await neuro.send(.immediateShutdownRequest)
            #expect(try await neuro.nextFrame() == Frames.shutdownReady)
        }
    }

    @Test(arguments: TestTransport.allCases) func reregisterAllWithNothingRegisteredSendsNothing(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        try await withRunningComponent(component, connector) { neuro async throws in
            try await neuro.send(.reregisterAllActions)
            // Nothing is sent for it: the next frame answers the probe that follows.
            try await neuro.sendAction(id: "probe", name: "probe")
            #expect(try await neuro.nextResult().id == "probe")
        }
    }

    @Test(arguments: TestTransport.allCases) func aMalformedActionWithAnIDIsAnsweredWithAFailure(
        over transport: TestTransport
    ) async throws {
        // The reference raises out of its read loop and never answers; Neuro would wait 20 s.
        let (component, connector) = makeComponent(over: transport)
        var events = component.events().makeAsyncIterator()
        try await withRunningComponent(component, connector) { neuro async throws in
            try await neuro.send(raw: #"{"command":"action","data":{"id":"9","name":5}}"#)
            #expect(
                try await neuro.nextFrame()
                    == #"{"command":"action/result","game":"Test Game","data":{"id":"9","success":false,"message":"Invalid action message: \"action\": key \"name\" must be a string, not integer"}}"#
            )
            try await neuro.send(.immediateShutdownRequest)
            #expect(try await neuro.nextFrame() == Frames.shutdownReady)
        }
        let invalid = await nextEvent(&events) { if case .invalidFrame = $0 { true } else { false } }
        guard case .invalidFrame(let error)? = invalid else {
            Issue.record("no invalidFrame event")
            return
        }
        #expect(error.code == .invalidMessage)
    }

    @Test(arguments: TestTransport.allCases) func startupAcknowledgementIsObservable(over transport: TestTransport) async throws {
        let (component, connector) = makeComponent(over: transport)
        var events = component.events().makeAsyncIterator()
        let session = NeuroSessionInfo(sessionID: "s1", characterID: "evil", displayName: "Evil Neuro")
        try await withRunningComponent(component, connector) { neuro async throws in
            try await neuro.send(.startupAcknowledgement(session))
            let event = await nextEvent(&events) { if case .startupAcknowledged = $0 { true } else { false } }
            guard case .startupAcknowledged(let received)? = event else {
                Issue.record("no startupAcknowledged event")
                return
            }
            #expect(received == session)
        }
    }

    @Test(arguments: TestTransport.allCases) func stopClosesWithTheCodeAndReasonThePeerSees(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        var events = component.events().makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await component.run(url: "ws://neuro.test") }
            let neuro = try await connector.nextPeer()
            #expect(try await neuro.nextFrame() == Frames.startup)
            #expect(await component.waitForWebSocket())
            await component.stop(code: .goingAway, reason: "Game ended")
            #expect(!component.isConnected)
            #expect(try await neuro.nextMessage() == .closed(.goingAway, reason: "Game ended"))
            try await group.waitForAll()
        }
        let event = await nextEvent(&events) { if case .disconnected = $0 { true } else { false } }
        guard case .disconnected(.stopped(let code, let reason))? = event else {
            Issue.record("expected a stopped disconnect, got \(String(describing: event))")
            return
        }
        #expect(code == .goingAway)
        #expect(reason == "Game ended")
        #expect(await !component.waitForWebSocket())
    }

    @Test(arguments: TestTransport.allCases) func serverCloseEndsRunCleanly(over transport: TestTransport) async throws {
        let (component, connector) = makeComponent(over: transport)
        var events = component.events().makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { group in
            // `run` returns normally (no throw) once Neuro closes; a throw fails `waitForAll`.
            group.addTask { try await component.run(url: "ws://neuro.test") }
            let neuro = try await connector.nextPeer()
            #expect(try await neuro.nextFrame() == Frames.startup)
            await neuro.close(code: .normalClosure, reason: "bye")
            try await group.waitForAll()
        }
        let event = await nextEvent(&events) { if case .disconnected = $0 { true } else { false } }
        guard case .disconnected(.closed(let code, let reason))? = event else {
            Issue.record("expected a clean close, got \(String(describing: event))")
            return
        }
        #expect(code == .normalClosure)
        #expect(reason == "bye")
        #expect(!component.isConnected)
    }

    @Test(arguments: TestTransport.allCases) func aDropIsReportedAsADropAndThrown(over transport: TestTransport) async throws {
        let (component, connector) = makeComponent(over: transport)
        var events = component.events().makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let error = await #expect(throws: NeuroError.self) { try await component.run(url: "ws://neuro.test") }
                #expect(error?.code == .connectionClosed)
            }
            let neuro = try await connector.nextPeer()
            #expect(try await neuro.nextFrame() == Frames.startup)
            neuro.drop()
            try await group.waitForAll()
        }
        let event = await nextEvent(&events) { if case .disconnected = $0 { true } else { false } }
        guard case .disconnected(.dropped(let error))? = event else {
            Issue.record("expected a drop, got \(String(describing: event))")
            return
        }
        #expect(error.code == .connectionClosed)
    }

    @Test(arguments: TestTransport.allCases) func connectFailureCallsTheHookEmitsTheEventAndThrows(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        connector.failConnects(with: NeuroError(code: .handshakeFailed, message: "connection refused"))
        let hookErrors = Mutex<[NeuroError.Code]>([])
        component.onConnectFailed { _, error in hookErrors.withLock { $0.append(error.code) } }
        var events = component.events().makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let error = await #expect(throws: NeuroError.self) { try await component.run(url: "ws://neuro.test") }
                #expect(error?.code == .handshakeFailed)
            }
            #expect(await !component.waitForWebSocket())
            try await group.waitForAll()
        }
        #expect(hookErrors.withLock { $0 } == [.handshakeFailed])
        guard case .connectFailed(let error)? = await events.next() else {
            Issue.record("expected connectFailed first")
            return
        }
        #expect(error.message == "connection refused")
        #expect(!component.isConnected)
    }

    @Test(arguments: TestTransport.allCases) func waitForWebSocketCalledBeforeRunWaitsForTheConnection(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        try await withThrowingTaskGroup(of: Void.self) { group in
            let waiting = Counter()
            group.addTask {
                waiting.increment()
                #expect(await component.waitForWebSocket())
                await component.stop(code: .normalClosure, reason: "done")
            }
            group.addTask { try await component.run(url: "ws://neuro.test") }
            let neuro = try await connector.nextPeer()
            #expect(try await neuro.nextFrame() == Frames.startup)
            #expect(try await neuro.nextMessage() == .closed(.normalClosure, reason: "done"))
            try await group.waitForAll()
            #expect(waiting.count == 1)
        }
    }

    @Test(arguments: TestTransport.allCases) func stopFromInsideAHandlerEndsTheRun(over transport: TestTransport) async throws {
        let (component, connector) = makeComponent(over: transport)
        try await component.registerActions([
            HandledAction(Self.jump) { _, _ in
                await component.stop(code: .goingAway, reason: "Game over")
                return .success("Jumped.")
            }
        ])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await component.run(url: "ws://neuro.test") }
            let neuro = try await connector.nextPeer()
            #expect(try await neuro.nextFrames(2) == [Frames.startup, Frames.register([Self.jump])])
            try await neuro.sendAction(id: "s1", name: "jump")
            #expect(try await neuro.nextMessage() == .closed(.goingAway, reason: "Game over"))
            try await group.waitForAll()
        }
        #expect(!component.isConnected)
    }

    @Test(arguments: TestTransport.allCases) func inFlightHandlersAreCancelledWhenTheRunEnds(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        let entered = Gate()
        let sawCancellation = Mutex(false)
        try await component.registerActions([
            HandledAction(Self.jump) { _, _ in
                let cancelled = Gate()
                await withTaskCancellationHandler {
                    entered.open()
                    await cancelled.wait()
                } onCancel: {
                    cancelled.open()
                }
                sawCancellation.withLock { $0 = Task.isCancelled }
                return .success()
            }
        ])
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            try await neuro.sendAction(id: "slow", name: "jump")
            await entered.wait()
        }
        #expect(sawCancellation.withLock { $0 })
    }

    @Test(arguments: TestTransport.allCases) func runningTwiceAtOnceIsRefused(over transport: TestTransport) async throws {
        let (component, connector) = makeComponent(over: transport)
        try await withRunningComponent(component, connector) { _ async throws in
            let error = await #expect(throws: NeuroError.self) { try await component.run(url: "ws://neuro.test") }
            #expect(error?.code == .componentAlreadyRunning)
        }
    }

    @Test func aComponentWithoutAConnectorRefusesToConnectButServesGivenTransports() async throws {
        let component = NeuroComponent(name: "given", gameTitle: "Given", connector: nil)
        let error = await #expect(throws: NeuroError.self) { try await component.run(url: "ws://neuro.test") }
        #expect(error?.code == .componentHasNoConnector)
        let service = NeuroComponentService(component: component, url: "ws://neuro.test")
        let serviceError = await #expect(throws: NeuroError.self) { try await service.run() }
        #expect(serviceError?.code == .componentHasNoConnector)
        // The refusal left the component idle: it still serves a connection it is given.
        let (game, neuro) = InMemoryTransport.makePair()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await component.run(on: game) }
            _ = try await neuro.receive()
            await neuro.close(code: .normalClosure, reason: "done")
            try await group.waitForAll()
        }
    }

    @Test(arguments: TestTransport.allCases) func cancellingRunClosesWithGoingAway(over transport: TestTransport) async throws {
        let (component, connector) = makeComponent(over: transport)
        var events = component.events().makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await component.run(url: "ws://neuro.test") }
            let neuro = try await connector.nextPeer()
            #expect(try await neuro.nextFrame() == Frames.startup)
            #expect(await component.waitForWebSocket())
            group.cancelAll()
            #expect(try await neuro.nextMessage() == .closed(.goingAway, reason: nil))
            try await group.waitForAll()
        }
        let event = await nextEvent(&events) { if case .disconnected = $0 { true } else { false } }
        guard case .disconnected(.stopped(let code, nil))? = event else {
            Issue.record("expected a stop, got \(String(describing: event))")
            return
        }
        #expect(code == .goingAway)
    }

    @Test(arguments: TestTransport.allCases) func everyReconnectSendsStartupAndTheCurrentActions(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        try await component.registerActions([(Self.jump, succeeding())])
        for _ in 0..<2 {
            try await withRunningComponent(component, connector) { neuro async throws in
                #expect(try await neuro.nextFrame() == Frames.register([Self.jump]))
            }
        }
        let move = Action(name: "move", description: "Move.")
        try await component.registerActions([(move, succeeding())])
        try await withRunningComponent(component, connector) { neuro async throws in
            #expect(try await neuro.nextFrame() == Frames.register([Self.jump, move]))
        }
    }

    @Test(arguments: TestTransport.allCases) func everySubscriberSeesEveryEvent(over transport: TestTransport) async throws {
        let (component, connector) = makeComponent(over: transport)
        var first = component.events().makeAsyncIterator()
        var second = component.events().makeAsyncIterator()
        try await withRunningComponent(component, connector) { _ async throws in
            #expect(await component.waitForWebSocket())
        }
        for _ in 0..<2 {
            guard case .connected? = await first.next() else {
                Issue.record("first subscriber missed an event")
                return
            }
            guard case .disconnected? = await first.next() else {
                Issue.record("first subscriber missed an event")
                return
            }
            swap(&first, &second)
        }
    }

    @Test(arguments: TestTransport.allCases) func aFailingConnectedHookIsLoggedAndTheConnectionGoesOn(
        over transport: TestTransport
    ) async throws {
        struct SetupFailed: Error {}
        let (component, connector) = makeComponent(over: transport)
        component.onConnected { _ in throw SetupFailed() }
        try await withRunningComponent(component, connector) { neuro async throws in
            #expect(await component.waitForWebSocket())
            try await neuro.send(.immediateShutdownRequest)
            #expect(try await neuro.nextFrame() == Frames.shutdownReady)
        }
    }

    @Test(arguments: TestTransport.allCases) func stopWhileConnectingClosesAsSoonAsTheConnectionOpens(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        let release = Gate()
        connector.holdConnects(until: release)
        var events = component.events().makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await component.run(url: "ws://neuro.test") }
            await connector.connectStarted.wait()
            group.addTask { await component.stop(code: .goingAway, reason: "Changed my mind") }
            release.open()
            let neuro = try await connector.nextPeer()
            // Nothing is sent before the close, not even `startup`.
            #expect(try await neuro.nextMessage() == .closed(.goingAway, reason: "Changed my mind"))
            try await group.waitForAll()
        }
        guard case .disconnected(.stopped(let code, _))? = await events.next() else {
            Issue.record("expected a stop as the first event")
            return
        }
        #expect(code == .goingAway)
    }

    @Test func waitForWebSocketReturnsFalseWhenCancelled() async {
        let (component, _) = makeComponent()
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await component.waitForWebSocket() }
            group.cancelAll()
            #expect(await group.next() == false)
        }
    }

    @Test func stopWithoutAConnectionDoesNothing() async {
        let (component, _) = makeComponent()
        await component.stop(code: .goingAway, reason: "nothing to stop")
        #expect(!component.isConnected)
    }

    @Test(arguments: TestTransport.allCases) func stopFromTheConnectFailedHookDoesNotWaitForItself(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        connector.failConnects(with: NeuroError(code: .handshakeFailed, message: "refused"))
        let hookRan = Counter()
        component.onConnectFailed { component, _ in
            await component.stop()
            hookRan.increment()
        }
        await #expect(throws: NeuroError.self) { try await component.run(url: "ws://neuro.test") }
        #expect(hookRan.count == 1)
    }
}
