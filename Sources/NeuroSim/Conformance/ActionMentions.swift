/// The action names a text mentions in backticks — `` `play_card` `` — as a language model
/// reading it would take them: the names it would try to call.
///
/// Only tokens that look like action names count: one or more of `a-z 0-9 _ -` with at least
/// one letter, between two single backticks. Code fences (```` ``` ````), inline code with
/// other characters (`` `X wins` ``) and empty pairs are not mentions.
///
/// Package access: the plugin test kit (`NeuroPluginTesting`) reads context messages with the
/// same rule.
package enum ActionMentions {
    /// The names mentioned, each once, in order of first mention.
    package static func names(in text: String) -> [String] {
        let backtick = UInt8(ascii: "`")
        let bytes = text.utf8
        guard bytes.contains(backtick) else { return [] }
        var names: [String] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes[index] == backtick else {
                index = bytes.index(after: index)
                continue
            }
            var end = bytes.index(after: index)
            var hasLetter = false
            while end < bytes.endIndex, isNameByte(bytes[end]) {
                if bytes[end] >= UInt8(ascii: "a") && bytes[end] <= UInt8(ascii: "z") { hasLetter = true }
                end = bytes.index(after: end)
            }
            guard end < bytes.endIndex, bytes[end] == backtick, end > bytes.index(after: index) else {
                // Not a name: go on from the first byte that is not part of the run, so that a
                // backtick ending the run may open the next mention.
                index = end > bytes.index(after: index) ? end : bytes.index(after: index)
                continue
            }
            if hasLetter {
                let name = String(decoding: bytes[bytes.index(after: index)..<end], as: UTF8.self)
                if !names.contains(name) { names.append(name) }
            }
            index = bytes.index(after: end)
        }
        return names
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
