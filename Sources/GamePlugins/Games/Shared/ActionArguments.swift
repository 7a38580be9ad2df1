import NeuroProtocol

/// Reads the fields of an action's data and refuses anything unusable with a message that
/// names the field and the values it accepts.
///
/// The host validates data against the action's schema before calling
/// ``GamePlugin/perform(_:data:)``; these checks keep the rules safe when a plugin is driven
/// without that validation (tests, other hosts).
struct ActionArguments: Sendable {
    /// The action whose data this is, for messages.
    var actionName: String
    /// The data as Neuro sent it.
    var data: JSONValue?

    /// Creates arguments for an action.
    init(actionName: String, data: JSONValue?) {
        self.actionName = actionName
        self.data = data
    }

    /// The integer field `key`, which must lie in `range`.
    func integer(_ key: String, in range: ClosedRange<Int>) throws(GameRefusal) -> Int {
        let expected = "an integer \"\(key)\" from \(range.lowerBound) to \(range.upperBound)"
        guard let value = data?[key] else {
            throw GameRefusal("`\(actionName)` needs \(expected).")
        }
        guard let raw = value.integerValue, let number = Int(exactly: raw), range.contains(number) else {
            throw GameRefusal("`\(actionName)` needs \(expected), not \(value).")
        }
        return number
    }

    /// The string field `key`.
    func string(_ key: String) throws(GameRefusal) -> String {
        guard let value = data?[key]?.stringValue else {
            throw GameRefusal("`\(actionName)` needs a string \"\(key)\".")
        }
        return value
    }
}
