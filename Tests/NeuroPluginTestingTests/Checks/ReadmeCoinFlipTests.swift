import Foundation
import Testing

/// The README's plugin example and this target's copy of it are the same code.
@Suite struct ReadmeCoinFlipTests {
    @Test func theReadmeShowsThisCoinFlip() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(
            contentsOf: root.appendingPathComponent("Tests/NeuroPluginTestingTests/Plugins/CoinFlip.swift"), encoding: .utf8)
        let begin = try #require(source.range(of: "// README example: begin\n"))
        let end = try #require(source.range(of: "// README example: end"))
        let example = source[begin.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(readme.contains(example))
    }
}
