import NeuroProtocol

/// Makes strings that match a `pattern`, for the common subset of regular expressions that
/// action schemas use.
///
/// Supported: literals and escaped literals (`\.`, `\-`), `.`, the classes `\d \w \s` and
/// their negations, bracket classes with ranges and negation (`[a-z0-9_]`, `[^,]`), groups
/// (`(…)`, `(?:…)`), alternation (`|`), the quantifiers `* + ? {n} {n,} {n,m}` (lazy and
/// possessive forms too), and the anchors `^ $` (the made string is the whole match).
/// Anything else (look-around, back-references, `\b`, Unicode properties) makes ``init(pattern:)``
/// fail, and the caller falls back to a plain string. Open-ended quantifiers repeat at most
/// ``maximumExtraRepetitions`` times beyond their minimum.
struct SchemaPatternSampler {
    /// Extra repetitions allowed for `*`, `+` and `{n,}`.
    static let maximumExtraRepetitions = 3
    /// The deepest nesting of groups accepted.
    static let maximumGroupDepth = 32
    /// The longest string made; nested quantifiers such as `((a{1000}){1000}){1000}` give up.
    static let maximumLength = 10_000
    /// The characters `.` and negated classes choose from: printable ASCII.
    private static let printable: [Unicode.Scalar] = (0x20...0x7E).compactMap(Unicode.Scalar.init)

    private indirect enum Node {
        case literal(Unicode.Scalar)
        /// A class: any scalar in the ranges.
        case ranges([ClosedRange<Unicode.Scalar>])
        /// A negated class (or `.`): the printable characters it admits, worked out once when
        /// the pattern is parsed rather than for every character made.
        case choice([Unicode.Scalar])
        case group([[Node]])
        case repeated(Node, minimum: Int, maximum: Int)

        static func set(_ ranges: [ClosedRange<Unicode.Scalar>], isNegated: Bool) -> Node {
            guard isNegated else { return .ranges(ranges) }
            // `.` (no printable character excluded) shares one list: patterns repeat it a lot.
            guard ranges.contains(where: { $0.upperBound.value >= 0x20 && $0.lowerBound.value <= 0x7E }) else {
                return .choice(printable)
            }
            return .choice(printable.filter { scalar in !ranges.contains { $0.contains(scalar) } })
        }
    }

    private let alternatives: [[Node]]

    /// Parses a pattern; `nil` when it uses syntax outside the supported subset.
    init?(pattern: String) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        guard let alternatives = parser.parseAlternatives(depth: 0), parser.isAtEnd else { return nil }
        self.alternatives = alternatives
    }

    /// A string matching the pattern, or `nil` when a class admits no printable character.
    func sample(using random: inout some RandomNumberGenerator) -> String? {
        var scalars: [Unicode.Scalar] = []
        guard Self.append(.group(alternatives), to: &scalars, using: &random) else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    private static func append(
        _ node: Node, to scalars: inout [Unicode.Scalar], using random: inout some RandomNumberGenerator
    ) -> Bool {
        switch node {
        case .literal(let scalar):
            guard scalars.count < maximumLength else { return false }
            scalars.append(scalar)
            return true
        case .ranges(let ranges):
            let chosen = ranges.randomElement(using: &random).flatMap { range in
                Unicode.Scalar(UInt32.random(in: range.lowerBound.value...range.upperBound.value, using: &random))
            }
            guard let chosen, scalars.count < maximumLength else { return false }
            scalars.append(chosen)
            return true
        case .choice(let allowed):
            guard let chosen = allowed.randomElement(using: &random), scalars.count < maximumLength else { return false }
            scalars.append(chosen)
            return true
        case .group(let alternatives):
            guard let sequence = alternatives.randomElement(using: &random) else { return true }
            return sequence.allSatisfy { append($0, to: &scalars, using: &random) }
        case .repeated(let inner, let minimum, let maximum):
            let count = Int.random(in: minimum...maximum, using: &random)
            return (0..<count).allSatisfy { _ in append(inner, to: &scalars, using: &random) }
        }
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0

        var isAtEnd: Bool { position >= scalars.count }

        private var current: Unicode.Scalar? { isAtEnd ? nil : scalars[position] }

        mutating func parseAlternatives(depth: Int) -> [[Node]]? {
            guard depth <= SchemaPatternSampler.maximumGroupDepth else { return nil }
            var alternatives: [[Node]] = []
            var sequence: [Node] = []
            while let scalar = current, scalar != ")" {
                if scalar == "|" {
                    position += 1
                    alternatives.append(sequence)
                    sequence = []
                    continue
                }
                if scalar == "^" || scalar == "$" {
                    position += 1
                    continue
                }
                guard let atom = parseAtom(depth: depth), let node = parseQuantifier(on: atom) else { return nil }
                sequence.append(node)
            }
            alternatives.append(sequence)
            return alternatives
        }

        private mutating func parseAtom(depth: Int) -> Node? {
            guard let scalar = current else { return nil }
            position += 1
            switch scalar {
            case "(":
                if current == "?" {
                    guard position + 1 < scalars.count, scalars[position + 1] == ":" else { return nil }
                    position += 2
                }
                guard let inner = parseAlternatives(depth: depth + 1), current == ")" else { return nil }
                position += 1
                return .group(inner)
            case "[":
                return parseBracket()
            case ".":
                return .set(["\n"..."\n", "\r"..."\r"], isNegated: true)
            case "\\":
                return parseEscape(inBracket: false).map { ranges, isNegated in
                    ranges.count == 1 && ranges[0].lowerBound == ranges[0].upperBound && !isNegated
                        ? .literal(ranges[0].lowerBound) : .set(ranges, isNegated: isNegated)
                }
            case "*", "+", "?", "{", "}", "]":
                return nil
            default:
                return .literal(scalar)
            }
        }

        private mutating func parseQuantifier(on atom: Node) -> Node? {
            let extra = SchemaPatternSampler.maximumExtraRepetitions
            let bounds: (Int, Int)
            switch current {
            case "*":
                position += 1
                bounds = (0, extra)
            case "+":
                position += 1
                bounds = (1, 1 + extra)
            case "?":
                position += 1
                bounds = (0, 1)
            case "{":
                position += 1
                guard let minimum = parseNumber() else { return nil }
                var maximum = minimum
                if current == "," {
                    position += 1
                    maximum = current == "}" ? minimum + extra : (parseNumber() ?? -1)
                }
                guard current == "}", maximum >= minimum else { return nil }
                position += 1
                bounds = (minimum, maximum)
            default:
                return atom
            }
            if current == "?" || current == "+" { position += 1 }  // lazy or possessive: same strings
            return .repeated(atom, minimum: bounds.0, maximum: bounds.1)
        }

        private mutating func parseNumber() -> Int? {
            var value = 0
            var digits = 0
            while let scalar = current, let digit = Int(String(scalar)), scalar.isASCII {
                value = value * 10 + digit
                digits += 1
                position += 1
                guard value <= 1_000 else { return nil }
            }
            return digits > 0 ? value : nil
        }

        private mutating func parseBracket() -> Node? {
            var isNegated = false
            if current == "^" {
                isNegated = true
                position += 1
            }
            var ranges: [ClosedRange<Unicode.Scalar>] = []
            var isFirst = true
            while let scalar = current, scalar != "]" || isFirst {
                isFirst = false
                position += 1
                var lower = scalar
                if scalar == "\\" {
                    guard let (escaped, isEscapeNegated) = parseEscape(inBracket: true), !isEscapeNegated else { return nil }
                    guard escaped.count == 1, escaped[0].lowerBound == escaped[0].upperBound else {
                        ranges += escaped
                        continue
                    }
                    lower = escaped[0].lowerBound
                }
                if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                    position += 1
                    guard var upper = current else { return nil }
                    position += 1
                    if upper == "\\" {
                        guard let (escaped, _) = parseEscape(inBracket: true), escaped.count == 1 else { return nil }
                        upper = escaped[0].lowerBound
                    }
                    guard lower <= upper else { return nil }
                    ranges.append(lower...upper)
                } else {
                    ranges.append(lower...lower)
                }
            }
            guard current == "]" else { return nil }
            position += 1
            return .set(ranges, isNegated: isNegated)
        }

        /// The scalars an escape stands for (after the backslash), and whether they are negated.
        private mutating func parseEscape(inBracket: Bool) -> ([ClosedRange<Unicode.Scalar>], Bool)? {
            guard let scalar = current else { return nil }
            position += 1
            let digits: [ClosedRange<Unicode.Scalar>] = ["0"..."9"]
            let word: [ClosedRange<Unicode.Scalar>] = ["a"..."z", "A"..."Z", "0"..."9", "_"..."_"]
            let space: [ClosedRange<Unicode.Scalar>] = [" "..." ", "\t"..."\t", "\n"..."\n", "\r"..."\r"]
            switch scalar {
            case "d": return (digits, false)
            case "D": return (digits, true)
            case "w": return (word, false)
            case "W": return (word, true)
            case "s": return (space, false)
            case "S": return (space, true)
            case "n": return (["\n"..."\n"], false)
            case "t": return (["\t"..."\t"], false)
            case "r": return (["\r"..."\r"], false)
            case "b", "B", "p", "P", "k", "u", "x", "c", "0"..."9":
                return nil
            default:
                // Letters other than the above are classes or escapes we do not know.
                guard !scalar.properties.isAlphabetic || !scalar.isASCII else { return nil }
                return ([scalar...scalar], false)
            }
        }
    }
}
