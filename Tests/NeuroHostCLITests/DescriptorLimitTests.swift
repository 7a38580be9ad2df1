import Testing

@testable import NeuroHostCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thousands of games need thousands of sockets: the host raises its soft descriptor limit.
@Suite struct DescriptorLimitTests {
    @Test func theSoftLimitIsRaisedToTheHardOne() throws {
        let raised = try #require(DescriptorLimit.raiseToHardLimit())
        var limit = rlimit()
        #expect(getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0)
        #expect(limit.rlim_cur == limit.rlim_max)
        #expect(UInt64(limit.rlim_cur) == raised)
    }

    @Test func eachGameNeedsASocketAndTwoWithTheSimulatorInTheProcess() {
        #expect(DescriptorLimit.needed(games: 10_000, simulate: false) == 10_064)
        #expect(DescriptorLimit.needed(games: 10_000, simulate: true) == 20_064)
    }
}
