import NeuroTestSupport
import Synchronization
import Testing

@testable import NeuroAPI

@Suite("NeuroComponent actions", .timeLimit(.minutes(1)))
struct NeuroComponentActionTests {
    static let move = Action(
        name: "move",
        description: "Move one square.",
        schema: ["type": "object", "properties": ["direction": ["type": "string"]], "required": ["direction"]]
    )
    static let jump = Action(name: "jump", description: "Jump.")

    @Test(arguments: TestTransport.allCases) func connectSendsStartupThenTheRegisteredActions(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        try await component.registerActions([(Self.move, succeeding()), (Self.jump, succeeding())])
        try await withRunningComponent(component, connector) { neuro async throws in
            #expect(try await neuro.nextFrame() == Frames.register([Self.move, Self.jump]))
            #expect(await component.waitForWebSocket())
            #expect(component.isConnected)
            #expect(component.client.registeredActionNames == ["move", "jump"])
        }
        #expect(!component.isConnected)
        #expect(connector.connectedURLs == ["ws://neuro.test:8000"])
    }

    @Test(arguments: TestTransport.allCases) func connectWithoutStartupOrReregisterRunsOnlyTheHook(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(
            configuration: NeuroComponentConfiguration(sendsStartupOnConnect: false, reregistersOnConnect: false)
        )
        component.onConnected { component in
            try await component.client.sendContext("Hooked")
        }
        // Without re-registering on connect, an offline register cannot reach Neuro: it says so.
        let error = await #expect(throws: NeuroError.self) { try await component.registerActions([(Self.jump, succeeding())]) }
        #expect(error?.code == .notConnected)
        try await withRunningComponent(component, connector, readsStartup: false) { neuro async throws in
            #expect(try await neuro.nextFrame() == Frames.context("Hooked"))
        }
    }

    @Test(arguments: TestTransport.allCases) func actionRoundTripSendsTheHandlersResult(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        let received = Mutex<(NeuroAction, JSONValue?)?>(nil)
        try await component.registerActions([
            HandledAction(Self.move) { action, data in
                received.withLock { $0 = (action, data) }
                return .success("Moved \(data?["direction"]?.stringValue ?? "?").")
            }
        ])
        var events = component.events().makeAsyncIterator()
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            try await neuro.sendAction(id: "a1", name: "move", data: #"{"direction":"north"}"#)
            #expect(try await neuro.nextFrame() == Frames.result(id: "a1", isSuccess: true, message: "Moved north."))
            let handled = await nextEvent(&events) { if case .actionHandled = $0 { true } else { false } }
            guard case .actionHandled(let action, let result)? = handled else {
                Issue.record("no actionHandled event")
                return
            }
            #expect(action == NeuroAction(id: "a1", name: "move", data: #"{"direction":"north"}"#))
            #expect(result == ActionResult(id: "a1", isSuccess: true, message: "Moved north."))
        }
        let call = try #require(received.withLock { $0 })
        #expect(call.0.id == "a1")
        #expect(call.1 == ["direction": "north"])
    }

    @Test(arguments: TestTransport.allCases) func handlerFailureIsSentAndKeepsTheAction(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        try await component.registerTemporaryActions([HandledAction(Self.jump) { _, _ in .failure("Too tired.") }])
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            try await neuro.sendAction(id: "f1", name: "jump")
            #expect(try await neuro.nextFrame() == Frames.result(id: "f1", isSuccess: false, message: "Too tired."))
            #expect(component.handledActionNames == ["jump"])
            #expect(component.client.registeredActionNames == ["jump"])
        }
    }

    @Test(arguments: TestTransport.allCases) func temporaryActionUnregistersBeforeItsSuccessfulResult(
        over transport: TestTransport
    ) async throws {
        let clock = ManualClock()
        let (component, connector) = makeComponent(over: transport, clock: clock)
        let calls = Counter()
        try await component.registerTemporaryActions([
            HandledAction(Self.jump) { _, _ in calls.increment() == 1 ? .success("Jumped.") : .failure("again?") },
            HandledAction(Self.move, handler: succeeding()),
        ])
        try await withRunningComponent(component, connector) { neuro async throws in
            #expect(try await neuro.nextFrame() == Frames.register([Self.jump, Self.move]))
            try await neuro.sendAction(id: "t1", name: "jump")
            #expect(
                try await neuro.nextFrames(2) == [
                    Frames.unregister(["jump"]),
                    Frames.result(id: "t1", isSuccess: true, message: "Jumped."),
                ])
            #expect(component.client.registeredActionNames == ["move"])
            // 3 s later on the component's clock: inside the 10 s window however slow the machine.
            clock.advance(by: .seconds(3))
            try await neuro.sendAction(id: "t2", name: "jump")
            #expect(
                try await neuro.nextResult()
                    == .failure(
                        id: "t2", message: #""jump" is no longer available (it was unregistered 3 s ago). Available now: "move"."#
                    ))
        }
        #expect(calls.count == 1)
    }

    @Test(arguments: TestTransport.allCases) func temporaryGroupUnregistersEveryMemberBeforeTheResult(
        over transport: TestTransport
    ) async throws {
        let clock = ManualClock()
        let (component, connector) = makeComponent(over: transport, clock: clock)
        let cells = (0..<3).map { Action(name: "play_\($0)", description: "Play cell \($0).") }
        let names = try await component.registerTemporaryActionGroup(
            cells.map { cell in
                HandledAction(cell) { action, _ in
                    action.name == "play_0" ? .failure("Taken.") : .success("Played \(action.name).")
                }
            }
        )
        #expect(names == ["play_0", "play_1", "play_2"])
        try await withRunningComponent(component, connector) { neuro async throws in
            #expect(try await neuro.nextFrame() == Frames.register(cells))
            try await component.client.forceActions(named: names, query: "Your turn.")
            #expect(try await neuro.nextFrame().contains(#""command":"actions/force""#))
            try await neuro.sendAction(id: "g1", name: "play_0")
            #expect(try await neuro.nextFrame() == Frames.result(id: "g1", isSuccess: false, message: "Taken."))
            try await neuro.sendAction(id: "g2", name: "play_2")
            #expect(
                try await neuro.nextFrames(2) == [
                    Frames.unregister(["play_0", "play_1", "play_2"]),
                    Frames.result(id: "g2", isSuccess: true, message: "Played play_2."),
                ])
            #expect(component.handledActionNames.isEmpty)
            #expect(component.client.registeredActionNames.isEmpty)
            clock.advance(by: .seconds(3))
            try await neuro.sendAction(id: "g3", name: "play_1")
            #expect(
                try await neuro.nextResult()
                    == .failure(
                        id: "g3",
                        message:
                            #""play_1" is no longer available (it was unregistered 3 s ago). No actions are available right now."#
                    ))
        }
    }

    @Test(arguments: TestTransport.allCases) func unknownActionNameIsAnsweredWithTheAvailableNames(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        try await component.registerActions([(Self.move, succeeding()), (Self.jump, succeeding())])
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            try await neuro.sendAction(id: "u1", name: "fly")
            #expect(
                try await neuro.nextResult()
                    == .failure(id: "u1", message: #"Unknown action "fly". Available now: "move", "jump"."#)
            )
        }
    }

    @Test(
        arguments: TestTransport.allCases,
        [
            ("not json", "the data is not valid JSON"),
            (#"{"direction": "#, "the data is not valid JSON"),
            (#"{"direction": 5}"#, "direction"),
            ("{}", #"missing required property "direction""#),
            ("", #"the action needs data: missing required property "direction""#),
        ])
    func invalidDataIsRefusedWithoutCallingTheHandler(
        over transport: TestTransport, _ invalid: (data: String, expected: String)
    ) async throws {
        let (data, expected) = invalid
        let (component, connector) = makeComponent(over: transport)
        let calls = Counter()
        try await component.registerActions([
            HandledAction(Self.move) { _, _ in
                calls.increment(); return .success()
            }
        ])
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            try await neuro.sendAction(id: "d1", name: "move", data: data)
            let result = try await neuro.nextResult()
            #expect(!result.isSuccess)
            #expect(result.message?.contains(expected) == true)
        }
        #expect(calls.count == 0)
    }

    @Test(arguments: TestTransport.allCases) func missingDataForASchemaThatRequiresNothingArrivesAsAnEmptyObject(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        let wait = Action(name: "wait", description: "Wait.", schema: ["type": "object", "properties": [:]])
        try await component.registerActions([
            HandledAction(wait) { _, data in .success(data.map(\.description) ?? "nil") }
        ])
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            try await neuro.sendAction(id: "w1", name: "wait")
            #expect(try await neuro.nextResult() == .success(id: "w1", message: "{}"))
        }
    }

    @Test(arguments: TestTransport.allCases) func invalidDataIsPassedAsNilWhenValidationIsOff(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(configuration: NeuroComponentConfiguration(validatesActionData: false))
        try await component.registerActions([
            HandledAction(Self.move) { action, data in .success(data == nil ? "raw \(action.data ?? "")" : "parsed") }
        ])
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            try await neuro.sendAction(id: "v1", name: "move", data: "north")
            #expect(try await neuro.nextResult() == .success(id: "v1", message: "raw north"))
        }
    }

    @Test(arguments: TestTransport.allCases) func throwingHandlerIsAnsweredWithItsErrorAndTheConnectionLivesOn(
        over transport: TestTransport
    ) async throws {
        struct Boom: Error, CustomStringConvertible {
            var description: String { "the board is on fire" }
        }
        let (component, connector) = makeComponent(over: transport)
        try await component.registerActions([
            HandledAction(Self.jump) { _, _ in throw Boom() },
            HandledAction(Self.move) { _, _ in throw NeuroError(code: .invalidActionData, message: "north is a wall") },
        ])
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            try await neuro.sendAction(id: "e1", name: "jump")
            #expect(try await neuro.nextResult() == .failure(id: "e1", message: #"Action "jump" failed: the board is on fire"#))
            try await neuro.sendAction(id: "e2", name: "move", data: #"{"direction":"north"}"#)
            #expect(try await neuro.nextResult() == .failure(id: "e2", message: #"Action "move" failed: north is a wall"#))
            #expect(component.isConnected)
        }
    }

    @Test(arguments: TestTransport.allCases) func concurrentHandlersAreEachAnsweredExactlyOnce(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        let count = 20
        let started = Counter()
        let allStarted = Gate()
        try await component.registerActions([
            HandledAction(Self.jump) { action, _ in
                // Every handler waits until all have started: only possible when the
                // read loop keeps reading while handlers run.
                if started.increment() == count { allStarted.open() }
                await allStarted.wait()
                return .success("Jumped \(action.id).")
            }
        ])
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            for index in 0..<count {
                try await neuro.sendAction(id: "c\(index)", name: "jump")
            }
            var answered: [String: Int] = [:]
            for _ in 0..<count {
                let result = try await neuro.nextResult()
                #expect(result.isSuccess)
                #expect(result.message == "Jumped \(result.id).")
                answered[result.id, default: 0] += 1
            }
            #expect(answered == Dictionary(uniqueKeysWithValues: (0..<count).map { ("c\($0)", 1) }))
        }
        #expect(started.count == count)
    }

    @Test(arguments: TestTransport.allCases) func duplicateIDWhileInFlightIsAnsweredOnceWithAFailure(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        let entered = Gate()
        let release = Gate()
        let calls = Counter()
        try await component.registerActions([
            HandledAction(Self.jump) { _, _ in
                calls.increment()
                entered.open()
                await release.wait()
                return .success("Jumped.")
            }
        ])
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            try await neuro.sendAction(id: "same", name: "jump")
            await entered.wait()
            try await neuro.sendAction(id: "same", name: "jump")
            #expect(
                try await neuro.nextResult()
                    == .failure(id: "same", message: #"Action id "same" is already being handled; this duplicate was ignored."#)
            )
            release.open()
            #expect(try await neuro.nextResult() == .success(id: "same", message: "Jumped."))
            // Once answered, the id may be used again.
            try await neuro.sendAction(id: "same", name: "jump")
            #expect(try await neuro.nextResult() == .success(id: "same", message: "Jumped."))
        }
        #expect(calls.count == 2)
    }

    @Test(arguments: TestTransport.allCases) func registeringANameAgainReplacesItsHandler(
        over transport: TestTransport
    ) async throws {
        let (component, connector) = makeComponent(over: transport)
        try await component.registerActions([(Self.jump, succeeding("first"))])
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            try await component.registerActions([(Self.jump, succeeding("second"))])
            #expect(try await neuro.nextFrame() == Frames.register([Self.jump]))
            try await neuro.sendAction(id: "r1", name: "jump")
            #expect(try await neuro.nextResult() == .success(id: "r1", message: "second"))
        }
    }

    @Test(arguments: TestTransport.allCases) func unregisterRemovesTheHandler(over transport: TestTransport) async throws {
        let clock = ManualClock()
        let (component, connector) = makeComponent(over: transport, clock: clock)
        try await component.registerActions([(Self.jump, succeeding()), (Self.move, succeeding())])
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            try await component.unregisterActions(named: ["jump"])
            #expect(try await neuro.nextFrame() == Frames.unregister(["jump"]))
            clock.advance(by: .seconds(3))
            try await neuro.sendAction(id: "x1", name: "jump")
            #expect(
                try await neuro.nextResult()
                    == .failure(
                        id: "x1", message: #""jump" is no longer available (it was unregistered 3 s ago). Available now: "move"."#
                    ))
            // Past the window the name is unknown.
            clock.advance(by: .seconds(8))
            try await neuro.sendAction(id: "x2", name: "jump")
            #expect(
                try await neuro.nextResult() == .failure(id: "x2", message: #"Unknown action "jump". Available now: "move"."#))
        }
    }

    @Test(arguments: TestTransport.allCases) func aBadBatchLeavesNoHandlerBehind(over transport: TestTransport) async throws {
        let (component, _) = makeComponent(over: transport)
        await #expect(throws: NeuroError.self) {
            try await component.registerActions([
                (Self.jump, succeeding()), (Action(name: "Bad Name", description: "x"), succeeding()),
            ])
        }
        await #expect(throws: NeuroError.self) {
            try await component.registerActions([(Self.jump, succeeding()), (Self.jump, succeeding())])
        }
        await #expect(throws: NeuroError.self) { try await component.registerActions([HandledAction]()) }
        #expect(component.handledActionNames.isEmpty)
        #expect(component.client.registeredActionNames.isEmpty)
    }

    @Test(arguments: TestTransport.allCases) func handledEventsCoverEveryAnswer(over transport: TestTransport) async throws {
        let (component, connector) = makeComponent(over: transport)
        try await component.registerActions([(Self.jump, succeeding("ok"))])
        var events = component.events().makeAsyncIterator()
        try await withRunningComponent(component, connector) { neuro async throws in
            _ = try await neuro.nextFrame()
            try await neuro.sendAction(id: "h1", name: "nope")
            _ = try await neuro.nextResult()
            let handled = await nextEvent(&events) { if case .actionHandled = $0 { true } else { false } }
            guard case .actionHandled(let action, let result)? = handled else {
                Issue.record("no actionHandled event")
                return
            }
            #expect(action.name == "nope")
            #expect(!result.isSuccess)
        }
    }
}
