import Foundation

extension GameConfiguration {
    /// The longest prefix ``namePrefix(forTitle:)`` returns.
    public static let maximumNamePrefixLength = 24

    /// The action-name prefix derived from a title: lower case, `a-z 0-9 _` only, at most
    /// ``maximumNamePrefixLength`` characters, and the same on every run and platform.
    ///
    /// When two games play on one Neuro, their action names are made distinct by this prefix
    /// (`tic_tac_toe` for "Tic Tac Toe"). The scheme:
    /// 1. Accents are removed (Unicode canonical decomposition, combining marks dropped), ASCII
    ///    letters are lower-cased, digits kept, apostrophes dropped (`Neuro's` → `neuros`).
    /// 2. Every other run of characters becomes one `_`; leading and trailing `_` are removed.
    /// 3. A result longer than the maximum keeps its first 17 characters and appends `_` and six
    ///    hex digits of a hash (32-bit FNV-1a) of the whole result, so long titles that share a
    ///    beginning still differ.
    /// 4. A title with no letters or digits left (`"???"`, `"日本語"`) becomes `game_` and six
    ///    hex digits of the hash of the title's UTF-8.
    ///
    /// Two enabled games whose titles give the same prefix are a configuration error.
    ///
    /// ```swift
    /// GameConfiguration.namePrefix(forTitle: "Guess the Number (hard)")  // "guess_the_number_hard"
    /// ```
    public static func namePrefix(forTitle title: String) -> String {
        var slug = ""
        var isPendingSeparator = false
        for scalar in title.decomposedStringWithCanonicalMapping.unicodeScalars {
            let character: Character?
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39: character = Character(scalar)
            case 0x41...0x5A: character = Character(Unicode.Scalar(scalar.value + 0x20) ?? scalar)
            case 0x27, 0x2019: continue  // ' and ’ vanish: "Neuro's" → "neuros"
            default:
                if scalar.properties.generalCategory == .nonspacingMark { continue }
                character = nil
            }
            guard let character else {
                isPendingSeparator = true
                continue
            }
            if isPendingSeparator && !slug.isEmpty { slug.append("_") }
            isPendingSeparator = false
            slug.append(character)
        }
        if slug.isEmpty {
            return "game_" + hashSuffix(of: title.utf8)
        }
        if slug.count > maximumNamePrefixLength {
            var head = String(slug.prefix(maximumNamePrefixLength - 7))
            while head.hasSuffix("_") { head.removeLast() }
            return head + "_" + hashSuffix(of: slug.utf8)
        }
        return slug
    }

    /// Six lower-case hex digits of the 32-bit FNV-1a hash of `bytes`.
    private static func hashSuffix(of bytes: some Sequence<UInt8>) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash & 0xFF_FFFF, radix: 16)
        return String(repeating: "0", count: 6 - hex.count) + hex
    }
}
