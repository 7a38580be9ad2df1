import NeuroAPI
import Testing

@testable import GamePlugins

/// The typed plugin API: one declaration per action, data decoded into the plugin's own type,
/// refusals that leave the game as it was, and errors that are not refusals.
@Suite struct GameActionTests {
    /// A counter with one typed action, one action without data, and one offered only sometimes.
    struct Counter: GamePlugin {
        struct Settings: Codable, Sendable {}
        struct Add: Decodable { var amount: Int }
        struct Broken: Error {}

        static let id = "counter"
        static let defaultTitle = "Counter"
        static let add = GameAction<Counter>(
            "add", description: "Add to the count.", arguments: Add.self,
            schema: { game in
                [
                    "type": "object",
                    "properties": ["amount": ["type": "integer", "minimum": 1, "maximum": .integer(game.limit)]],
                    "required": ["amount"],
                ]
            }
        ) { game, add in
            game.count += add.amount
            guard game.count <= 10 else { throw GameRefusal("The count may not pass 10.") }
            return .accepted("The count is \(game.count).")
        }
        static let reset = GameAction<Counter>("reset", description: "Start again from 0.") { game in
            game.count = 0
            return .accepted("Reset.")
        }
        static let explode = GameAction<Counter>("explode", description: "Break the game.") { _ in throw Broken() }
        static let allActions = [add, reset, explode]

        var count = 0
        var limit: Int64 = 5

        init(settings: Settings, seed: UInt64) throws(GamePluginError) {}

        var introduction: String { "Count with \(Self.add.mention)." }
        var availableActions: [GameAction<Counter>] { count > 0 ? Self.allActions : [Self.add, Self.explode] }
        var force: ActionForce? { ActionForce(query: "Add something.", actions: [Self.add]) }
        var status: String { "count \(count)" }
    }

    @Test func eachActionIsDeclaredOnceAndRegisteredFromTheDeclaration() throws {
        var game = try Counter(settings: .init(), seed: 0)
        #expect(Counter.actionNames == ["add", "reset", "explode"])
        #expect(game.actions.map(\.name) == ["add", "explode"])
        let schema = try #require(game.actions.first?.schema)
        #expect(schema["properties"]?["amount"]?["maximum"] == 5)
        game.limit = 8
        #expect(game.actions.first?.schema?["properties"]?["amount"]?["maximum"] == 8)
        #expect(game.force?.actionNames == ["add"])
        #expect(game.introduction == "Count with `add`.")
        #expect(game.actions.allSatisfy { (try? $0.validate().isEmpty) == true })
    }

    @Test func dataIsDecodedIntoThePluginsType() throws {
        var game = try Counter(settings: .init(), seed: 0)
        let outcome = try game.perform("add", data: ["amount": 3])
        #expect(outcome == .accepted("The count is 3."))
        #expect(game.count == 3)
    }

    @Test func dataOffTheSchemaIsRefusedWithTheSchemasMessage() throws {
        var game = try Counter(settings: .init(), seed: 0)
        let outcome = try game.perform("add", data: ["amount": 9])
        #expect(outcome == .rejected("`add` cannot use this data: amount: 9 is above the maximum 5."))
        #expect(game.count == 0)
    }

    @Test func dataThatDoesNotDecodeIsARefusalNamingTheField() throws {
        // The session's path trusts the connection's validation; data that still does not
        // decode (a schema that disagrees with the type) is refused, not a crash.
        var game = try Counter(settings: .init(), seed: 0)
        let outcome = try game.perform("add", validatedData: ["amount": "three"])
        #expect(!outcome.isAccepted)
        #expect(outcome.message.hasPrefix("`add` cannot use this data: amount"), "\(outcome.message)")
        let missing = try game.perform("add", validatedData: nil)
        #expect(missing.message.contains("amount is missing"), "\(missing.message)")
        #expect(game.count == 0)
    }

    @Test func aRefusalLeavesTheGameAsItWas() throws {
        var game = try Counter(settings: .init(), seed: 0)
        game.limit = 10
        _ = try game.perform("add", data: ["amount": 8])
        // The rule changed the count before refusing: the change is discarded.
        let outcome = try game.perform("add", data: ["amount": 5])
        #expect(outcome == .rejected("The count may not pass 10."))
        #expect(game.count == 8)
    }

    @Test func anUnavailableActionGetsTheGamesRefusalAndAnUnknownOneTheList() throws {
        var game = try Counter(settings: .init(), seed: 0)
        let unavailable = try game.perform("reset", data: nil)
        #expect(unavailable == .rejected("`reset` is not available right now. Use one of: `add`, `explode`."))
        let unknown = try game.perform("jump", data: nil)
        #expect(unknown == .rejected("`jump` is not available right now. Use one of: `add`, `explode`."))
        _ = try game.perform("add", data: ["amount": 1])
        #expect(try game.perform("reset", data: nil) == .accepted("Reset."))
        #expect(game.count == 0)
    }

    @Test func anErrorThatIsNotARefusalIsThrownAndChangesNothing() throws {
        var game = try Counter(settings: .init(), seed: 0)
        _ = try game.perform("add", data: ["amount": 2])
        #expect(throws: Counter.Broken.self) { try game.perform("explode", data: nil) }
        #expect(game.count == 2)
    }

    @Test func theCatalogNamesWhatIsWrongWithIt() {
        #expect(GameCatalog.builtIn.problems.isEmpty)
        #expect(GameCatalog.builtIn.adding([Counter.self]).problems.isEmpty)
        let twice = GameCatalog.builtIn.adding([Counter.self, Counter.self]).problems
        #expect(twice == ["the plugin id \"counter\" is used by more than one plugin (Counter); ids must be unique"])
        let clash = GameCatalog([TicTacToe.self, TicTacToe.self]).problems
        #expect(clash.count == 1)
        #expect(GameCatalog([BadID.self]).problems.contains { $0.contains("must be kebab case") })
        #expect(GameCatalog([BadID.self]).problems.contains { $0.contains("declares the action \"go\" more than once") })
        #expect(GameCatalog.builtIn.adding([Counter.self]).plugin(id: "counter") != nil)
        #expect(GameCatalog.builtIn.defaultTitles["counter"] == nil)
    }

    /// A plugin with an id that is not kebab case and one action name declared twice.
    struct BadID: GamePlugin {
        struct Settings: Codable, Sendable {}
        static let id = "Bad_ID"
        static let defaultTitle = "Bad"
        static let go = GameAction<BadID>("go", description: "Go.") { _ in .accepted("Went.") }
        static let allActions = [go, go]
        init(settings: Settings, seed: UInt64) throws(GamePluginError) {}
        var introduction: String { "" }
        var force: ActionForce? { nil }
        var status: String { "" }
    }
}
