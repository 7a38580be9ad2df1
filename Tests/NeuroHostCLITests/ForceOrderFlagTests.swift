import Testing

@testable import NeuroHostCLI

/// `--force-order arrival|turns`, and its default: turns with `--seed` (a repeatable run),
/// arrival without.
@Suite struct ForceOrderFlagTests {
    @Test(
        arguments: [
            ([], false), (["--seed", "11"], true), (["--seed", "11", "--force-order", "arrival"], false),
            (["--force-order", "turns"], true), (["--force-order", "arrival"], false),
        ] as [([String], Bool)])
    func theOrderFollowsTheFlagAndTheSeed(arguments: [String], inTurns: Bool) throws {
        #expect(try NeuroHostCommand.parse(arguments).forcesInTurns == inTurns)
    }

    @Test func anUnknownOrderIsRefusedWithItsName() {
        #expect(throws: (any Error).self) { try NeuroHostCommand.parse(["--force-order", "random"]) }
        #expect(NeuroHostCommand.message(for: NeuroHostCommand.parseError(["--force-order", "random"])).contains("random"))
    }
}

extension NeuroHostCommand {
    /// The error parsing `arguments` throws.
    static func parseError(_ arguments: [String]) -> any Error {
        do {
            _ = try parse(arguments)
            return CancellationError()
        } catch {
            return error
        }
    }
}
