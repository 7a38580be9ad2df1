/// A fast, seedable random number generator (SplitMix64), so that games, NeuroSim's player
/// and tests are reproducible from a seed.
///
/// ```swift
/// var random = SeededRandomNumberGenerator(seed: 42)
/// let card = (1...13).randomElement(using: &random)
/// ```
public struct SeededRandomNumberGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    /// The generator's state; saving and restoring it resumes the same sequence.
    public var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
