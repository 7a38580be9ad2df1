import Foundation
import GamePlugins
import GameSessions
import NeuroAPI
import Testing

// README example: begin
struct CoinFlip: GamePlugin {
    struct Settings: Codable, Sendable {}
    struct Call: Decodable { var side: String }

    static let id = "coin-flip"
    static let defaultTitle = "Coin Flip"
    static let call = GameAction<CoinFlip>(
        "call", description: "Call the coin.", arguments: Call.self,
        schema: ["type": "object", "properties": ["side": ["enum": ["heads", "tails"]]], "required": ["side"]]
    ) { game, call in
        let side = Bool.random(using: &game.random) ? "heads" : "tails"
        if call.side == side { game.wins += 1 }
        return .accepted("It was \(side).", context: [GameContext("Wins so far: \(game.wins).")])
    }
    static let allActions = [call]

    var random: SeededRandomNumberGenerator
    var wins = 0

    init(settings: Settings, seed: UInt64) throws(GamePluginError) { random = SeededRandomNumberGenerator(seed: seed) }

    var introduction: String { "Call heads or tails with `call`." }
    var force: ActionForce? { ActionForce(query: "Heads or tails?", state: "Wins: \(wins)", actions: [Self.call]) }
    var status: String { "wins \(wins)" }
    var renderedBoard: String? { "wins " + String(repeating: "●", count: min(wins, 20)) }
}
// README example: end

/// The README's plugin example: it compiles, plays, and the README still shows this exact code.
@Suite struct ReadmePluginExampleTests {
    @Test func coinFlipPlaysThroughASession() throws {
        var state = SessionCoreHarness(plugin: try CoinFlip(settings: .init(), seed: 3))
        _ = state.connected()
        for index in 0..<10 {
            let side = index.isMultiple(of: 2) ? "heads" : "tails"
            let (effects, error) = state.handle(
                NeuroAction(id: "\(index)", name: "call", data: "{\"side\": \"\(side)\"}"), at: .now)
            #expect(error == nil)
            let messages = effects.compactMap { effect -> String? in
                if case .send(.actionResult(let result)) = effect, result.isSuccess { return result.message }
                return nil
            }
            #expect(messages == ["It was heads."] || messages == ["It was tails."])
        }
        #expect(state.statistics.actionsAccepted == 10)
        #expect(state.plugin.wins > 0 && state.plugin.wins < 10)
        #expect(state.plugin.renderedBoard == "wins " + String(repeating: "●", count: state.plugin.wins))
        #expect(try CoinFlip(settings: .init(), seed: 0).actions.allSatisfy { try $0.validate().isEmpty })
    }

    @Test func theReadmeShowsBothExamplesVerbatim() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for file in [
            "Tests/GamePluginsTests/Readme/ReadmePluginExampleTests.swift",
            "Tests/NeuroHostTests/Readme/ReadmeExampleTests.swift",
        ] {
            let source = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let begin = try #require(source.range(of: "// README example: begin\n"))
            let end = try #require(source.range(of: "// README example: end"))
            let example = source[begin.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("    ") && file.contains("NeuroHost") ? String($0.dropFirst(4)) : String($0) }
                .joined(separator: "\n")
                .replacingOccurrences(of: "static func playJerald", with: "func playJerald")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(readme.contains(example), "README.md no longer shows the example in \(file)")
        }
    }
}
