/// The "did you mean" of error messages: the known word a mistyped one most likely meant.
enum SpellingSuggestion {
    /// The candidate closest to `text` by edit distance (ignoring case), when close enough to be
    /// a likely typo: at most a third of the candidate's letters (and at least one) differ.
    ///
    /// ```swift
    /// SpellingSuggestion.closest(to: "platform", among: ["plugin", "title"])  // nil
    /// SpellingSuggestion.closest(to: "plugn", among: ["plugin", "title"])     // "plugin"
    /// ```
    static func closest(to text: String, among candidates: [String]) -> String? {
        guard text.count <= 64 else { return nil }
        let source = Array(text.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(source, Array(candidate.lowercased()))
            if distance <= max(1, candidate.count / 3), distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The Levenshtein distance: insertions, deletions and substitutions.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            current.reserveCapacity(b.count + 1)
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
