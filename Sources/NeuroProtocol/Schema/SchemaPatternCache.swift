import Foundation
import Synchronization

/// Compiled `pattern` regular expressions, shared by every validator in the process.
///
/// Games validate every action against the same few schemas, so compiling each pattern once
/// matters (measured in release: compiling `^[a-h][1-8]$` takes about 14 µs, matching a short
/// string about 1 µs; Swift `Regex` took 80 µs to compile and matched no faster). The
/// cache is bounded: when full it is emptied, so a program that builds schemas on the fly
/// cannot grow it without limit. Invalid patterns are cached too, as `nil`.
///
/// Patterns use ICU syntax through `NSRegularExpression`, which agrees with ECMA-262 on what
/// action schemas use (classes, escapes, anchors, groups, alternation, quantifiers). As in JSON
/// Schema, a pattern is not anchored: it needs to match somewhere in the string.
enum SchemaPatternCache {
    /// Most patterns kept before the cache is emptied.
    static let capacity = 256

    // `NSRegularExpression` is immutable once created and documented as safe to share between
    // threads (on Linux, CoreFoundation checks its ICU matcher out per match, cloning it when
    // another thread holds it); the dictionary itself is guarded by the mutex.
    private static let entries = Mutex<[String: NSRegularExpression?]>([:])

    /// The compiled pattern, or `nil` when the pattern is not a valid regular expression.
    static func expression(for pattern: String) -> NSRegularExpression? {
        if let cached = entries.withLock({ $0[pattern] }) { return cached }
        let compiled = try? NSRegularExpression(pattern: pattern, options: [])
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[pattern] = .some(compiled)
        }
        return compiled
    }

    /// Whether `string` contains a match of `pattern`; `nil` when the pattern is invalid.
    static func matches(_ string: String, pattern: String) -> Bool? {
        guard let expression = expression(for: pattern) else { return nil }
        let range = NSRange(string.startIndex..<string.endIndex, in: string)
        return expression.firstMatch(in: string, options: [], range: range) != nil
    }
}
