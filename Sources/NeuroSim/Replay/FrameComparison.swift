import NeuroProtocol

/// Whether a frame the game sent in a replay is the one it sent in the recording.
///
/// What may differ: the order of an object's keys, whitespace between tokens, and how a number
/// is written (`1` and `1.0`), since both frames are compared as JSON values. Action ids are
/// those of the recording on both sides: the replay sends Neuro's recorded frames unchanged, so
/// the id the game answers is compared as recorded (the mapping from recorded to sent ids is
/// the identity). Everything else must be equal: commands, titles, names, schemas, messages,
/// and the text of a frame that is not JSON, exactly.
enum FrameComparison {
    static func isSame(_ expected: String, _ got: String) -> Bool {
        if expected == got { return true }
        let parser = JSONParser()
        guard let expectedValue = try? parser.parse(expected), let gotValue = try? parser.parse(got) else { return false }
        return expectedValue == gotValue
    }

    /// The game's title in a frame, when the frame is a JSON object with a `game` string.
    static func title(in text: String) -> String? {
        (try? JSONParser().parse(text))?["game"]?.stringValue
    }
}
