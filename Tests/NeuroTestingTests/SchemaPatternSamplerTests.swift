import Testing

@testable import NeuroProtocol
@testable import NeuroTesting

@Suite struct SchemaPatternSamplerTests {
    static let supported = [
        "^[a-h][1-8]$", #"^\d{3}-\d{4}$"#, "^(yes|no|maybe)$", "^[A-Z][a-z]*( [A-Z][a-z]*)?$", #"^\w+@\w+\.com$"#,
        "^(?:ab)+c?$", "^[^aeiou]{2,4}$", #"^\S+\s\S+$"#, "a.b", "^x{2,}$", #"^[\d_-]+$"#, #"^\$\d+\.\d{2}$"#, "^[a-c]+?d*+$",
        "^$", "colou?r", #"^[\]a]$"#, "^.{4}$", "^[^,]{1,3}$", "^[^\u{1}-\u{1f}]{2}$",
    ]

    @Test(arguments: supported)
    func samplesMatchThePattern(_ pattern: String) throws {
        let sampler = try #require(SchemaPatternSampler(pattern: pattern))
        for seed in 0..<50 as Range<UInt64> {
            var random = SeededRandomNumberGenerator(seed: seed)
            let sample = try #require(sampler.sample(using: &random))
            #expect(SchemaPatternCache.matches(sample, pattern: pattern) == true, "seed \(seed): \(sample)")
        }
    }

    static let unsupported = [
        "(?=a)b", "(?!a)b", #"(a)\1"#, #"\bword\b"#, #"\p{L}+"#, "a{3,1}", "(a", "a)", "[a", "*a", #"\u0041"#, "(?<name>a)",
    ]

    @Test(arguments: unsupported)
    func unsupportedSyntaxIsRefused(_ pattern: String) {
        #expect(SchemaPatternSampler(pattern: pattern) == nil)
    }

    @Test func aClassThatAdmitsNoPrintableCharacterMakesNothing() throws {
        let sampler = try #require(SchemaPatternSampler(pattern: "^[^ -~]$"))
        var random = SeededRandomNumberGenerator(seed: 1)
        #expect(sampler.sample(using: &random) == nil)
    }

    @Test func invalidPatternsAreCachedAsInvalid() {
        #expect(SchemaPatternCache.matches("a", pattern: "(") == nil)
        #expect(SchemaPatternCache.matches("a", pattern: "(") == nil)
        #expect(SchemaPatternCache.matches("ab", pattern: "b") == true)
    }
}
