import GamePlugins
import NeuroAPI
import Testing

@testable import NeuroHostCLI

/// `--list`'s lines: nothing said twice, whatever the summary looks like.
@Suite struct PluginListingTests {
    @Test func aSummaryStartingWithTheTitleAndAColonLosesThatStart() {
        #expect(
            GameCatalog.describe(Blackjack.self)
                == "Blackjack — bet, hit, stand or double against a dealer who stands on 17. Actions: bet, hit, stand, double")
        // In another case, too.
        #expect(GameCatalog.describe(GuessTheNumber.self).hasPrefix("Guess the Number — find a secret number"))
    }

    @Test func aSummaryOfItsOwnGetsATitleAndAFullStop() {
        #expect(GameCatalog.describe(CoinFlip.self) == "Coin Flip — Call the coin before it lands. Actions: call")
        #expect(GameCatalog.describe(Untitled.self) == "Quiet. Actions: wait")
        #expect(GameCatalog.describe(SelfNaming.self) == "Echo repeats what Neuro says. Actions: wait")
    }

    @Test func theIDsAreAlignedInCatalogOrder() {
        let lines = GameCatalog.builtIn.adding([CoinFlip.self]).listing
        #expect(lines.first?.hasPrefix("tic-tac-toe       Tic-Tac-Toe — ") == true)
        #expect(lines.last == "coin-flip         Coin Flip — Call the coin before it lands. Actions: call")
    }
}

/// A plugin with the default summary (its title).
struct Untitled: GamePlugin {
    struct Settings: Codable, Sendable {}
    static let id = "quiet"
    static let defaultTitle = "Quiet"
    static var allActions: [GameAction<Untitled>] { [GameAction("wait", description: "Wait.") { _ in .accepted("Waited.") }] }
    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}
    var introduction: String { "" }
    var force: ActionForce? { nil }
    var status: String { "" }
}

/// A plugin whose summary names it in a sentence.
struct SelfNaming: GamePlugin {
    struct Settings: Codable, Sendable {}
    static let id = "echo"
    static let defaultTitle = "Echo"
    static let summary = "Echo repeats what Neuro says"
    static var allActions: [GameAction<SelfNaming>] { [GameAction("wait", description: "Wait.") { _ in .accepted("Waited.") }] }
    init(settings: Settings, seed: UInt64) throws(GamePluginError) {}
    var introduction: String { "" }
    var force: ActionForce? { nil }
    var status: String { "" }
}
