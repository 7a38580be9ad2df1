import Testing

@testable import NeuroProtocol

/// Every rule of ``NeuroConnectionCore``, without sockets, at explicit times.
@Suite struct NeuroConnectionCoreTests {
    let start = ContinuousClock.now

    /// An action named `name` without a schema.
    static func action(_ name: String, description: String? = nil) -> Action {
        Action(name: name, description: description ?? "Does \(name).")
    }

    /// An action whose data needs an integer `count`.
    static let counted = Action(
        name: "a",
        description: "Counts.",
        schema: [
            "type": "object",
            "properties": ["count": ["type": "integer"]],
            "required": ["count"],
        ]
    )

    /// A core with `names` registered (no handlers) as `kind`.
    static func core(
        _ names: [String],
        as kind: NeuroConnectionCore.RegistrationKind = .permanent
    ) throws -> NeuroConnectionCore {
        var core = NeuroConnectionCore()
        _ = try core.register(names.map { (action($0), nil) }, as: kind)
        return core
    }

    /// The registration and data `disposition` hands to a handler, or `nil` when it answers.
    static func performed(
        _ disposition: NeuroConnectionCore.Disposition
    ) -> (registration: NeuroConnectionCore.Registration, data: JSONValue?)? {
        guard case .perform(let registration, let data) = disposition else { return nil }
        return (registration, data)
    }

    /// The immediate answer in `disposition`, or `nil` when it goes to a handler.
    static func answered(
        _ disposition: NeuroConnectionCore.Disposition
    ) -> (result: ActionResult, reason: NeuroConnectionCore.AnswerReason)? {
        guard case .answer(let result, let reason) = disposition else { return nil }
        return (result, reason)
    }

    /// Accepts `action` and requires it to be handed to a handler.
    static func perform(
        _ action: NeuroAction,
        in core: inout NeuroConnectionCore,
        at now: ContinuousClock.Instant,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> NeuroConnectionCore.Registration {
        let disposition = core.accept(action, at: now)
        return try #require(performed(disposition), sourceLocation: sourceLocation).registration
    }

    /// Accepts `action` and requires it to be answered at once.
    static func answer(
        _ action: NeuroAction,
        in core: inout NeuroConnectionCore,
        at now: ContinuousClock.Instant,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (result: ActionResult, reason: NeuroConnectionCore.AnswerReason) {
        let disposition = core.accept(action, at: now)
        return try #require(answered(disposition), sourceLocation: sourceLocation)
    }

    // MARK: Consuming registrations on success

    @Test func aPermanentSuccessConsumesNothing() throws {
        var core = try Self.core(["a"])
        let action = NeuroAction(id: "1", name: "a")
        let registration = try Self.perform(action, in: &core, at: start)
        let commands = core.complete(action, registration: registration, outcome: .success(), at: start)
        #expect(commands == [.actionResult(.success(id: "1"))])
        #expect(core.registeredNames == ["a"])
    }

    @Test func aTemporarySuccessConsumesOnlyItself() throws {
        var core = try Self.core(["a", "b"], as: .temporary)
        let action = NeuroAction(id: "1", name: "a")
        let registration = try Self.perform(action, in: &core, at: start)
        let commands = core.complete(action, registration: registration, outcome: .success("Done."), at: start)
        #expect(commands == [.unregisterActions(["a"]), .actionResult(.success(id: "1", message: "Done."))])
        #expect(core.registeredNames == ["b"])
        #expect(core.recentlyUnregisteredCount == 1)
        // A second success of the same registration finds it gone.
        let again = NeuroAction(id: "2", name: "a")
        #expect(
            core.complete(again, registration: registration, outcome: .success(), at: start) == [.actionResult(.success(id: "2"))]
        )
        #expect(core.registeredNames == ["b"])
    }

    @Test func aTemporaryFailureConsumesNothing() throws {
        var core = try Self.core(["a"], as: .temporary)
        let action = NeuroAction(id: "1", name: "a")
        let registration = try Self.perform(action, in: &core, at: start)
        let commands = core.complete(action, registration: registration, outcome: .failure("Not now."), at: start)
        #expect(commands == [.actionResult(.failure(id: "1", message: "Not now."))])
        #expect(core.registeredNames == ["a"])
    }

    @Test func aGroupSuccessConsumesTheGroupOnce() throws {
        var core = try Self.core(["a", "b", "c"], as: .group)
        _ = try core.register([(Self.action("x"), nil)], as: .group)
        let first = NeuroAction(id: "1", name: "b")
        let second = NeuroAction(id: "2", name: "c")
        let firstRegistration = try Self.perform(first, in: &core, at: start)
        let secondRegistration = try Self.perform(second, in: &core, at: start)
        #expect(
            core.complete(first, registration: firstRegistration, outcome: .success(), at: start)
                == [.unregisterActions(["a", "b", "c"]), .actionResult(.success(id: "1"))]
        )
        // A concurrent success of another member finds the group gone.
        #expect(
            core.complete(second, registration: secondRegistration, outcome: .success(), at: start)
                == [.actionResult(.success(id: "2"))]
        )
        #expect(core.registeredNames == ["x"])
    }

    @Test func reRegisteringAMemberTakesItOutOfItsGroup() throws {
        var core = try Self.core(["a", "b"], as: .group)
        _ = try core.register([(Self.action("b"), nil)], as: .permanent)
        let action = NeuroAction(id: "1", name: "a")
        let registration = try Self.perform(action, in: &core, at: start)
        #expect(
            core.complete(action, registration: registration, outcome: .success(), at: start)
                == [.unregisterActions(["a"]), .actionResult(.success(id: "1"))]
        )
        #expect(core.registeredNames == ["b"])
    }

    @Test func aReplacedRegistrationConsumesNothing() throws {
        var core = try Self.core(["a"], as: .temporary)
        let action = NeuroAction(id: "1", name: "a")
        let old = try Self.perform(action, in: &core, at: start)
        _ = try core.register([(Self.action("a"), nil)], as: .temporary)
        #expect(core.complete(action, registration: old, outcome: .success(), at: start) == [.actionResult(.success(id: "1"))])
        #expect(core.registeredNames == ["a"])
    }

    @Test func registeringAgainReplacesTheDefinitionInPlace() throws {
        var core = try Self.core(["a", "b"], as: .temporary)
        let replacement = Self.action("a", description: "Does a, differently.")
        _ = try core.register([(replacement, nil)], as: .permanent)
        #expect(core.registeredActions == [replacement, Self.action("b")])
        let action = NeuroAction(id: "1", name: "a")
        let registration = try Self.perform(action, in: &core, at: start)
        #expect(registration.action == replacement)
        #expect(registration.lifetime == .permanent)
        let commands = core.complete(action, registration: registration, outcome: .success(), at: start)
        #expect(commands == [.actionResult(.success(id: "1"))])
        #expect(core.registeredNames == ["a", "b"])
    }

    @Test func registeringAgainForgetsThatANameWasUnregistered() throws {
        var core = try Self.core(["a"])
        _ = try core.unregister(["a", "unknown"], at: start)
        #expect(core.recentlyUnregisteredCount == 1)
        #expect(try Self.answer(NeuroAction(id: "1", name: "unknown"), in: &core, at: start).reason == .unknownAction)
        _ = try core.register([(Self.action("a"), nil)], as: .permanent)
        #expect(core.recentlyUnregisteredCount == 0)
        #expect(core.isRegistered("a"))
    }

    @Test func unregisteredNamesAreRememberedWithinALimit() throws {
        let count = NeuroConnectionCore.recentNameLimit + 10
        let names = (0..<count).map { "n\($0)" }
        var core = try Self.core(names)
        _ = try core.unregister(names, at: start)
        #expect(core.recentlyUnregisteredCount == NeuroConnectionCore.recentNameLimit)
        let later = start + .seconds(1)
        #expect(try Self.answer(NeuroAction(id: "1", name: "n0"), in: &core, at: later).reason == .unknownAction)
        #expect(
            try Self.answer(NeuroAction(id: "2", name: "n\(count - 1)"), in: &core, at: later).reason
                == .unregisteredRecently(.seconds(1))
        )
    }

    // MARK: Registration

    @Test func registerReturnsTheCommandAndTheWarnings() throws {
        var core = NeuroConnectionCore()
        let described = Action(
            name: "b",
            description: "Described.",
            schema: ["type": "object", "properties": ["x": ["type": "string", "description": "An x."]]]
        )
        let (command, warnings) = try core.register([(Self.action("a"), nil), (described, succeeding())], as: .permanent)
        #expect(command == .registerActions([Self.action("a"), described]))
        #expect(warnings.map(\.keyword) == ["description"])
        #expect(core.registeredNames == ["a", "b"])
        #expect(core.registrations["b"]?.handler != nil)
        #expect(core.registrations["a"]?.handler == nil)
    }

    @Test func registeringNothingThrows() {
        var core = NeuroConnectionCore()
        let error = #expect(throws: NeuroError.self) { try core.register([], as: .permanent) }
        #expect(error?.code == .emptyActionList)
    }

    @Test func aNameTwiceInOneBatchThrowsAndRecordsNothing() {
        var core = NeuroConnectionCore()
        let error = #expect(throws: NeuroError.self) {
            try core.register([(Self.action("a"), nil), (Self.action("b"), nil), (Self.action("a"), nil)], as: .group)
        }
        #expect(error?.code == .invalidActionName)
        #expect(core.registrations.isEmpty)
    }

    @Test func anInvalidActionLeavesNothingRecorded() throws {
        var core = try Self.core(["kept", "gone"], as: .temporary)
        _ = try core.unregister(["gone"], at: start)
        let badName = #expect(throws: NeuroError.self) {
            try core.register([(Self.action("gone"), nil), (Self.action("Bad Name"), nil)], as: .permanent)
        }
        #expect(badName?.code == .invalidActionName)
        let badSchema = #expect(throws: NeuroError.self) {
            let arraySchema = Action(name: "x", description: "X.", schema: ["type": "array"])
            return try core.register([(Self.action("new"), nil), (arraySchema, nil)], as: .group)
        }
        #expect(badSchema?.code == .invalidSchema)
        #expect(core.registeredNames == ["kept"])
        #expect(core.registrations["kept"]?.lifetime == .temporary)
        // "gone" is still remembered as unregistered.
        #expect(core.recentlyUnregisteredCount == 1)
        #expect(
            try Self.answer(NeuroAction(id: "1", name: "gone"), in: &core, at: start).reason == .unregisteredRecently(.zero)
        )
    }

    // MARK: Unregistering

    @Test func unregisteringNothingThrows() {
        var core = NeuroConnectionCore()
        let error = #expect(throws: NeuroError.self) { try core.unregister([], at: start) }
        #expect(error?.code == .emptyActionList)
    }

    @Test func unregisterSendsEveryGivenNameAndAcceptsUnknownOnes() throws {
        var core = try Self.core(["a", "b"])
        #expect(try core.unregister(["b", "nope"], at: start) == .unregisterActions(["b", "nope"]))
        #expect(core.registeredNames == ["a"])
        #expect(try core.unregister(["nope"], at: start) == .unregisterActions(["nope"]))
        #expect(core.registeredNames == ["a"])
    }

    // MARK: Forcing

    @Test func forcingAnUnregisteredNameThrows() throws {
        var core = try Self.core(["a"])
        let error = #expect(throws: NeuroError.self) {
            try core.force(ActionForce(query: "Pick.", actionNames: ["a", "b"]))
        }
        #expect(error?.code == .actionNotRegistered)
        #expect(core.pendingForce == nil)
    }

    @Test func forcingNothingThrows() throws {
        var core = try Self.core(["a"])
        let error = #expect(throws: NeuroError.self) { try core.force(ActionForce(query: "Pick.", actionNames: [])) }
        #expect(error?.code == .emptyActionList)
        #expect(core.pendingForce == nil)
    }

    @Test func forceRecordsThePendingForce() throws {
        var core = try Self.core(["a", "b"])
        let force = ActionForce(query: "Pick.", state: "Your turn.", actionNames: ["a", "b"], priority: .high)
        #expect(try core.force(force) == .forceActions(force))
        #expect(core.pendingForce == force)
    }

    @Test func aSuccessOfAForcedActionAnswersThePendingForce() throws {
        var core = try Self.core(["a", "b"])
        _ = try core.force(ActionForce(query: "Pick.", actionNames: ["a"]))
        // A success of an action outside the force does not answer it.
        let other = NeuroAction(id: "1", name: "b")
        let otherRegistration = try Self.perform(other, in: &core, at: start)
        _ = core.complete(other, registration: otherRegistration, outcome: .success(), at: start)
        #expect(core.pendingForce != nil)
        let forced = NeuroAction(id: "2", name: "a")
        let registration = try Self.perform(forced, in: &core, at: start)
        _ = core.complete(forced, registration: registration, outcome: .success(), at: start)
        #expect(core.pendingForce == nil)
    }

    @Test func aFailureOfAForcedActionKeepsThePendingForce() throws {
        var core = try Self.core(["a"], as: .temporary)
        let force = ActionForce(query: "Pick.", actionNames: ["a"])
        _ = try core.force(force)
        let action = NeuroAction(id: "1", name: "a")
        let registration = try Self.perform(action, in: &core, at: start)
        _ = core.complete(action, registration: registration, outcome: .failure("Try again."), at: start)
        #expect(core.pendingForce == force)
        #expect(core.registeredNames == ["a"])
    }

    @Test func unregisteringAForcedActionWithdrawsThePendingForce() throws {
        var core = try Self.core(["a", "b", "c"])
        let force = ActionForce(query: "Pick.", actionNames: ["a", "b"])
        _ = try core.force(force)
        _ = try core.unregister(["c", "unknown"], at: start)
        #expect(core.pendingForce == force)
        _ = try core.unregister(["b"], at: start)
        #expect(core.pendingForce == nil)
    }

    // MARK: Connecting

    @Test func connectedSendsStartupThenEveryActionAndForgetsTheForceAndActionsInFlight() throws {
        var core = try Self.core(["a", "b"])
        _ = try core.force(ActionForce(query: "Pick.", actionNames: ["a"]))
        _ = try Self.perform(NeuroAction(id: "1", name: "a"), in: &core, at: start)
        #expect(core.inFlightActionIDs == ["1"])
        #expect(core.connected() == [.startup, .registerActions([Self.action("a"), Self.action("b")])])
        #expect(core.pendingForce == nil)
        #expect(core.inFlightActionIDs.isEmpty)
        #expect(core.registeredNames == ["a", "b"])
        _ = try Self.perform(NeuroAction(id: "1", name: "a"), in: &core, at: start)
    }

    @Test func connectedSendsOnlyWhatIsAskedFor() throws {
        var empty = NeuroConnectionCore()
        #expect(empty.connected() == [.startup])
        var core = try Self.core(["a"])
        #expect(core.connected(sendsStartup: false) == [.registerActions([Self.action("a")])])
        #expect(core.connected(reregisters: false) == [.startup])
        #expect(core.connected(sendsStartup: false, reregisters: false).isEmpty)
    }

    @Test func reregisterAllSendsEveryActionInOneCommand() throws {
        #expect(NeuroConnectionCore().reregisterAll().isEmpty)
        var core = try Self.core(["a"], as: .temporary)
        _ = try core.register([(Self.action("b"), nil), (Self.action("c"), nil)], as: .group)
        #expect(core.reregisterAll() == [.registerActions([Self.action("a"), Self.action("b"), Self.action("c")])])
    }

    // MARK: Accepting actions

    @Test func aRegisteredActionGoesToItsHandlerWithItsData() throws {
        var core = NeuroConnectionCore()
        _ = try core.register([(Self.counted, succeeding())], as: .permanent)
        let disposition = core.accept(NeuroAction(id: "1", name: "a", data: #"{"count":3}"#), at: start)
        let (registration, data) = try #require(Self.performed(disposition))
        #expect(registration.action == Self.counted)
        #expect(registration.handler != nil)
        #expect(data == ["count": 3])
        #expect(core.inFlightActionIDs == ["1"])
    }

    @Test func anUnknownActionIsAnsweredWithWhatIsAvailable() throws {
        var core = try Self.core(["a", "b"])
        let (result, reason) = try Self.answer(NeuroAction(id: "1", name: "fly"), in: &core, at: start)
        #expect(result == .failure(id: "1", message: #"Unknown action "fly". Available now: "a", "b"."#))
        #expect(reason == .unknownAction)
        #expect(core.inFlightActionIDs.isEmpty)
    }

    @Test func anUnknownActionWithNothingRegisteredSaysSo() throws {
        var core = NeuroConnectionCore()
        let (result, reason) = try Self.answer(NeuroAction(id: "1", name: "x"), in: &core, at: start)
        #expect(result == .failure(id: "1", message: #"Unknown action "x". No actions are available right now."#))
        #expect(reason == .unknownAction)
    }

    @Test func aRecentlyUnregisteredActionSaysSinceWhen() throws {
        var core = try Self.core(["a", "b"])
        _ = try core.unregister(["b"], at: start)
        let (result, reason) = try Self.answer(NeuroAction(id: "1", name: "b"), in: &core, at: start + .seconds(3))
        #expect(
            result
                == .failure(
                    id: "1",
                    message: #""b" is no longer available (it was unregistered 3 s ago). Available now: "a"."#
                )
        )
        #expect(reason == .unregisteredRecently(.seconds(3)))
    }

    @Test func aNameUnregisteredLongerAgoThanTheWindowIsUnknown() throws {
        var core = try Self.core(["a", "b"])
        _ = try core.unregister(["b"], at: start)
        let (result, reason) = try Self.answer(NeuroAction(id: "1", name: "b"), in: &core, at: start + .seconds(11))
        #expect(result == .failure(id: "1", message: #"Unknown action "b". Available now: "a"."#))
        #expect(reason == .unknownAction)
    }

    @Test func dataThatDoesNotFitTheSchemaIsAnswered() throws {
        var core = NeuroConnectionCore()
        _ = try core.register([(Self.counted, nil)], as: .permanent)
        let (result, reason) = try Self.answer(
            NeuroAction(id: "1", name: "a", data: #"{"count":"many"}"#), in: &core, at: start
        )
        let message = try #require(result.message)
        #expect(!result.isSuccess)
        #expect(result.id == "1")
        #expect(message.hasPrefix(#"Invalid data for "a": "#))
        #expect(message.hasSuffix(". Try again with valid data."))
        #expect(message.contains("count"))
        #expect(reason == .invalidData)
        #expect(core.inFlightActionIDs.isEmpty)
    }

    @Test func dataThatIsNotJSONIsAnswered() throws {
        var core = NeuroConnectionCore()
        _ = try core.register([(Self.counted, nil)], as: .permanent)
        let (result, reason) = try Self.answer(NeuroAction(id: "1", name: "a", data: "{count: 3"), in: &core, at: start)
        #expect(result.message?.hasPrefix(#"Invalid data for "a": "#) == true)
        #expect(reason == .invalidData)
    }

    @Test func aDuplicateIDInFlightIsIgnored() throws {
        var core = try Self.core(["a", "b"])
        _ = try Self.perform(NeuroAction(id: "same", name: "a"), in: &core, at: start)
        let (result, reason) = try Self.answer(NeuroAction(id: "same", name: "b"), in: &core, at: start)
        #expect(
            result == .failure(id: "same", message: #"Action id "same" is already being handled; this duplicate was ignored."#))
        #expect(reason == .duplicateID)
        #expect(core.inFlightActionIDs == ["same"])
    }

    @Test func anIDIsAcceptedAgainOnceItsActionIsDone() throws {
        var core = try Self.core(["a"])
        let action = NeuroAction(id: "same", name: "a")
        let registration = try Self.perform(action, in: &core, at: start)
        _ = core.complete(action, registration: registration, outcome: .success(), at: start)
        #expect(core.inFlightActionIDs.isEmpty)
        _ = try Self.perform(action, in: &core, at: start)
        core.abandon(action)
        #expect(core.inFlightActionIDs.isEmpty)
        _ = try Self.perform(action, in: &core, at: start)
    }

    @Test func countersCountEachReason() throws {
        var core = NeuroConnectionCore()
        _ = try core.register([(Self.counted, nil), (Self.action("b"), nil), (Self.action("c"), nil)], as: .permanent)
        _ = try core.unregister(["c"], at: start)
        _ = try Self.answer(NeuroAction(id: "1", name: "x"), in: &core, at: start)
        _ = try Self.answer(NeuroAction(id: "2", name: "y"), in: &core, at: start)
        _ = try Self.answer(NeuroAction(id: "3", name: "c"), in: &core, at: start)
        _ = try Self.answer(NeuroAction(id: "4", name: "a", data: "[]"), in: &core, at: start)
        _ = try Self.perform(NeuroAction(id: "5", name: "b"), in: &core, at: start)
        _ = try Self.answer(NeuroAction(id: "5", name: "b"), in: &core, at: start)
        let malformed = #"{"command":"action","data":{"id":"6"}}"#
        _ = core.answerMalformedAction(
            malformed, error: NeuroError(code: .invalidMessage, message: "no name"), parser: JSONParser())
        var expected = NeuroConnectionCore.Counters()
        expected.unknownActions = 2
        expected.lateActions = 1
        expected.invalidData = 1
        expected.duplicateIDs = 1
        expected.malformedActions = 1
        #expect(core.counters == expected)
        // Counters are kept across connections.
        _ = core.connected()
        #expect(core.counters == expected)
    }

    // MARK: Remembering unregistered names

    @Test func recentlyUnregisteredNamesStayBounded() throws {
        let count = NeuroConnectionCore.recentNameLimit * 2 + 5
        var core = NeuroConnectionCore()
        for index in 0..<count {
            _ = try core.register([(Self.action("n\(index)"), nil)], as: .temporary)
            _ = try core.unregister(["n\(index)"], at: start + .milliseconds(index))
            #expect(core.recentlyUnregisteredCount <= NeuroConnectionCore.recentNameLimit)
        }
        #expect(core.recentlyUnregisteredCount == NeuroConnectionCore.recentNameLimit)
    }

    @Test func recentlyUnregisteredNamesAreForgottenAfterTheWindow() throws {
        var core = try Self.core(["a", "b", "c"])
        _ = try core.unregister(["a"], at: start)
        _ = try core.unregister(["b"], at: start + .seconds(5))
        #expect(core.recentlyUnregisteredCount == 2)
        _ = try Self.answer(NeuroAction(id: "1", name: "x"), in: &core, at: start + .seconds(12))
        #expect(core.recentlyUnregisteredCount == 1)
        _ = try Self.perform(NeuroAction(id: "2", name: "c"), in: &core, at: start + .seconds(16))
        #expect(core.recentlyUnregisteredCount == 0)
    }

    // MARK: Malformed actions

    @Test func aMalformedActionWithAnIDIsAnswered() {
        var core = NeuroConnectionCore()
        let error = NeuroError(code: .invalidMessage, message: "action: key \"name\" must be a string, not number")
        let command = core.answerMalformedAction(
            #"{"command":"action","data":{"id":"9","name":5}}"#,
            error: error,
            parser: JSONParser()
        )
        #expect(
            command
                == .actionResult(
                    .failure(id: "9", message: "Invalid action message: action: key \"name\" must be a string, not number")
                )
        )
        #expect(core.counters.malformedActions == 1)
    }

    @Test(
        arguments: [
            #"{"command":"actions/reregister_all","data":{"id":"9"}}"#,
            #"{"command":"action","data":{"name":"a"}}"#,
            #"{"command":"action","data":{"id":9,"name":"a"}}"#,
            #"{"command":"action"}"#,
            #"{"command":"action","data":"#,
        ]
    )
    func aFrameWithoutAnActionIDIsNotAnswered(text: String) {
        var core = NeuroConnectionCore()
        let error = NeuroError(code: .invalidMessage, message: "bad")
        #expect(core.answerMalformedAction(text, error: error, parser: JSONParser()) == nil)
        #expect(core.counters.malformedActions == 0)
    }

    // MARK: Options and results

    @Test func withoutValidationDataThatIsNotJSONIsHandedOverAsNil() throws {
        var core = NeuroConnectionCore(validatesActionData: false)
        _ = try core.register([(Self.counted, nil)], as: .permanent)
        let notJSON = core.accept(NeuroAction(id: "1", name: "a", data: "{count: 3"), at: start)
        let handed = try #require(Self.performed(notJSON))
        #expect(handed.data == nil)
        // Off-schema data is handed over as it is.
        let offSchema = core.accept(NeuroAction(id: "2", name: "a", data: #"{"count":"many"}"#), at: start)
        #expect(try #require(Self.performed(offSchema)).data == ["count": "many"])
        #expect(core.counters == NeuroConnectionCore.Counters())
    }

    @Test func resultRefusesAFailureWithoutAMessage() throws {
        let core = NeuroConnectionCore()
        let error = #expect(throws: NeuroError.self) { try core.result(ActionResult(id: "1", isSuccess: false)) }
        #expect(error?.code == .missingFailureMessage)
        #expect(try core.result(ActionResult(id: "1", isSuccess: true)) == .actionResult(.success(id: "1")))
        #expect(try core.result(.failure(id: "2", message: "No.")) == .actionResult(.failure(id: "2", message: "No.")))
    }

    @Test func aTemporarySuccessIsUnregisteredBeforeItsResult() throws {
        var core = try Self.core(["a", "b"], as: .temporary)
        let action = NeuroAction(id: "1", name: "b")
        let registration = try Self.perform(action, in: &core, at: start)
        let commands = core.complete(action, registration: registration, outcome: .success("Ok."), at: start)
        #expect(commands == [.unregisterActions(["b"]), .actionResult(.success(id: "1", message: "Ok."))])
        #expect(core.inFlightActionIDs.isEmpty)
    }
}

/// An action handler that answers success with `message`.
private func succeeding(_ message: String? = nil) -> ActionHandler {
    { _, _ in .success(message) }
}
