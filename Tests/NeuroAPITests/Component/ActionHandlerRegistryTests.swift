import Testing

@testable import NeuroAPI

@Suite struct ActionHandlerRegistryTests {
    static func action(_ name: String) -> HandledAction {
        HandledAction(Action(name: name, description: name), handler: succeeding())
    }

    @Test func permanentSuccessConsumesNothing() throws {
        var registry = ActionHandlerRegistry()
        registry.add([Self.action("a")], as: .permanent)
        let entry = try #require(registry.entry(named: "a"))
        #expect(registry.consumeSuccess(of: entry).isEmpty)
        #expect(registry.names == ["a"])
    }

    @Test func temporarySuccessConsumesOnlyItself() throws {
        var registry = ActionHandlerRegistry()
        registry.add([Self.action("a"), Self.action("b")], as: .temporary)
        let entry = try #require(registry.entry(named: "a"))
        #expect(registry.consumeSuccess(of: entry) == ["a"])
        #expect(registry.names == ["b"])
        #expect(registry.wasUnregistered("a"))
        #expect(registry.consumeSuccess(of: entry).isEmpty)
    }

    @Test func groupSuccessConsumesTheGroupOnce() throws {
        var registry = ActionHandlerRegistry()
        registry.add([Self.action("a"), Self.action("b"), Self.action("c")], as: .group)
        registry.add([Self.action("x")], as: .group)
        let first = try #require(registry.entry(named: "b"))
        let second = try #require(registry.entry(named: "c"))
        #expect(registry.consumeSuccess(of: first) == ["a", "b", "c"])
        // A concurrent success of another member finds the group gone.
        #expect(registry.consumeSuccess(of: second).isEmpty)
        #expect(registry.names == ["x"])
    }

    @Test func reRegisteringAMemberTakesItOutOfItsGroup() throws {
        var registry = ActionHandlerRegistry()
        registry.add([Self.action("a"), Self.action("b")], as: .group)
        registry.add([Self.action("b")], as: .permanent)
        let member = try #require(registry.entry(named: "a"))
        #expect(registry.consumeSuccess(of: member) == ["a"])
        #expect(registry.names == ["b"])
    }

    @Test func aReplacedEntryConsumesNothing() throws {
        var registry = ActionHandlerRegistry()
        registry.add([Self.action("a")], as: .temporary)
        let old = try #require(registry.entry(named: "a"))
        registry.add([Self.action("a")], as: .temporary)
        #expect(registry.consumeSuccess(of: old).isEmpty)
        #expect(registry.names == ["a"])
    }

    @Test func registeringAgainForgetsThatANameWasUnregistered() {
        var registry = ActionHandlerRegistry()
        registry.add([Self.action("a")], as: .permanent)
        registry.remove(named: ["a", "unknown"])
        #expect(registry.wasUnregistered("a"))
        #expect(!registry.wasUnregistered("unknown"))
        registry.add([Self.action("a")], as: .permanent)
        #expect(!registry.wasUnregistered("a"))
    }

    @Test func unregisteredNamesAreRememberedWithinALimit() {
        var registry = ActionHandlerRegistry()
        let count = ActionHandlerRegistry.retiredNameLimit + 10
        registry.add((0..<count).map { Self.action("n\($0)") }, as: .permanent)
        registry.remove(named: (0..<count).map { "n\($0)" })
        #expect(!registry.wasUnregistered("n0"))
        #expect(registry.wasUnregistered("n\(count - 1)"))
    }

    @Test func unavailableMessagesNameWhatNeuroCanCall() {
        var registry = ActionHandlerRegistry()
        #expect(
            NeuroComponent.unavailableActionMessage("x", registry: registry)
                == #"Unknown action "x"; no actions are available right now."#
        )
        registry.add([Self.action("a"), Self.action("b")], as: .permanent)
        #expect(
            NeuroComponent.unavailableActionMessage("x", registry: registry)
                == #"Unknown action "x"; the available actions are "a", "b"."#
        )
    }
}
