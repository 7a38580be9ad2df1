import Testing

@testable import NeuroProtocol

@Suite struct DurationSecondsTests {
    @Test(arguments: [
        (Duration.zero, 0.0),
        (.seconds(3), 3.0),
        (.milliseconds(1_500), 1.5),
        (.milliseconds(250), 0.25),
        (.microseconds(1), 0.000_001),
        (.seconds(86_400 * 365), 31_536_000.0),
    ])
    func aDurationInSecondsKeepsItsFraction(duration: Duration, seconds: Double) {
        #expect(duration.inSeconds == seconds)
    }
}
