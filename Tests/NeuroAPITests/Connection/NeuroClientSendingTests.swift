import Testing

@testable import NeuroAPI

/// Mirrors the reference's tests/test_api.py: each sender writes exactly one frame.
@Suite struct NeuroClientSendingTests {
    let game: InMemoryTransport
    let neuro: InMemoryTransport
    let client: NeuroClient

    init() {
        (game, neuro) = InMemoryTransport.makePair()
        client = NeuroClient(gameTitle: "Test Game", transport: game)
    }

    @Test func sendsStartup() async throws {
        try await client.sendStartup()
        #expect(game.sentFrames == [#"{"command":"startup","game":"Test Game"}"#])
    }

    @Test func contextIsSilentByDefault() async throws {
        try await client.sendContext("hello")
        try await client.sendContext("speak", isSilent: false)
        #expect(
            game.sentFrames == [
                #"{"command":"context","game":"Test Game","data":{"message":"hello","silent":true}}"#,
                #"{"command":"context","game":"Test Game","data":{"message":"speak","silent":false}}"#,
            ])
    }

    @Test func registerRemembersAndUnregisterForgets() async throws {
        #expect(client.registeredActionNames == [])
        try await client.registerActions([Action(name: "a", description: "A"), Action(name: "b", description: "B")])
        #expect(client.registeredActionNames == ["a", "b"])
        try await client.unregisterActions(named: ["a", "never_registered"])
        #expect(client.registeredActionNames == ["b"])
        #expect(client.registeredAction(named: "b") == Action(name: "b", description: "B"))
        #expect(
            game.sentFrames.last
                == #"{"command":"actions/unregister","game":"Test Game","data":{"action_names":["a","never_registered"]}}"#)
    }

    @Test func registerReturnsSchemaWarnings() async throws {
        let action = Action(name: "a", description: "d", schema: ["type": "object", "title": "t"])
        let warnings = try await client.registerActions([action])
        #expect(warnings == [SchemaWarning(keyword: "title", path: "$.title")])
        #expect(game.sentFrames.count == 1)
    }

    @Test func aBadActionInABatchRecordsAndSendsNothing() async throws {
        // The reference records the actions before the bad one although it sends nothing.
        await #expect(throws: NeuroError.self) {
            try await client.registerActions([Action(name: "good", description: "d"), Action(name: "Bad!", description: "d")])
        }
        #expect(client.registeredActionNames == [])
        #expect(game.sentFrames == [])
    }

    @Test func aNameTwiceInOneBatchIsRefused() async throws {
        do {
            try await client.registerActions([Action(name: "a", description: "1"), Action(name: "a", description: "2")])
            Issue.record("expected an error")
        } catch let error as NeuroError {
            #expect(error.code == .invalidActionName)
            #expect(error.message == "action \"a\" appears twice in one register")
        }
    }

    @Test func forceSendsWhenEveryNameIsRegistered() async throws {
        try await client.registerActions([Action(name: "test_action", description: "d")])
        try await client.forceActions(named: ["test_action"], query: "q", state: "s", isEphemeralContext: true)
        #expect(game.sentFrames.count == 2)
        #expect(
            game.sentFrames[1]
                == #"{"command":"actions/force","game":"Test Game","data":{"state":"s","query":"q","action_names":["test_action"],"priority":"low","ephemeral_context":true}}"#
        )
    }

    @Test func forceOfAnUnregisteredNameIsRefused() async throws {
        do {
            try await client.forceActions(named: ["test_action"], query: "q")
            Issue.record("expected an error")
        } catch let error as NeuroError {
            #expect(error.code == .actionNotRegistered)
            #expect(error.message == "\"test_action\" is not currently registered")
        }
        #expect(game.sentFrames == [])
    }

    @Test func emptyListsAreRefused() async throws {
        for operation in [
            { try await client.registerActions([]) },
            { try await client.unregisterActions(named: []) },
            { try await client.forceActions(named: [], query: "q") },
        ] as [() async throws -> Void] {
            do {
                try await operation()
                Issue.record("expected an error")
            } catch let error as NeuroError {
                #expect(error.code == .emptyActionList)
            }
        }
        #expect(game.sentFrames == [])
    }

    @Test func resultsWithAndWithoutMessage() async throws {
        try await client.sendResult(id: "1", isSuccess: true)
        try await client.sendResult(.failure(id: "2", message: "no"))
        #expect(
            game.sentFrames == [
                #"{"command":"action/result","game":"Test Game","data":{"id":"1","success":true}}"#,
                #"{"command":"action/result","game":"Test Game","data":{"id":"2","success":false,"message":"no"}}"#,
            ])
    }

    @Test func aFailureWithoutAMessageIsRefused() async throws {
        do {
            try await client.sendResult(id: "1", isSuccess: false)
            Issue.record("expected an error")
        } catch let error as NeuroError {
            #expect(error.code == .missingFailureMessage)
        }
        #expect(game.sentFrames == [])
    }

    @Test func sendsShutdownReady() async throws {
        try await client.sendShutdownReady()
        #expect(game.sentFrames == [#"{"command":"shutdown/ready","game":"Test Game"}"#])
    }

    @Test func startupKeepsTheLocalRegistry() async throws {
        // Deliberate (as in the reference): Neuro forgets on startup; the local list is what a
        // reconnect registers again.
        try await client.registerActions([Action(name: "a", description: "d")])
        try await client.sendStartup()
        #expect(client.registeredActionNames == ["a"])
    }

    @Test func withoutAConnectionEverySendFailsWithNotConnected() async throws {
        let detached = NeuroClient(gameTitle: "G")
        #expect(detached.isConnected == false)
        do {
            try await detached.sendStartup()
            Issue.record("expected an error")
        } catch let error as NeuroError {
            #expect(error.code == .notConnected)
            #expect(error.message == "\"G\" is not connected to Neuro")
        }
        #expect(throws: NeuroError.self) { try detached.connection() }
        detached.connect(game)
        #expect(detached.isConnected)
        try await detached.sendStartup()
        detached.connect(nil)
        #expect(detached.isConnected == false)
    }

    @Test func sendingOnAClosedConnectionFails() async throws {
        await game.close(code: .normalClosure, reason: nil)
        do {
            try await client.sendStartup()
            Issue.record("expected an error")
        } catch let error as NeuroError {
            #expect(error.code == .connectionClosed)
        }
    }
}
