import NeuroAPI

extension JSONValue {
    /// The value as indented JSON text (four spaces, keys in their stored order, `"key": value`),
    /// for files people read and edit: the schema of `--print-schema`, a generated default.
    package var prettyText: String {
        var text = ""
        write(to: &text, indent: "")
        return text
    }

    private func write(to text: inout String, indent: String) {
        let inner = indent + "    "
        switch self {
        case .array(let elements) where !elements.isEmpty:
            text += "[\n"
            for (index, element) in elements.enumerated() {
                text += inner
                element.write(to: &text, indent: inner)
                text += index == elements.count - 1 ? "\n" : ",\n"
            }
            text += indent + "]"
        case .object(let members) where !members.isEmpty:
            text += "{\n"
            for (index, (key, member)) in members.enumerated() {
                text += inner + JSONWriter.string(from: .string(key)) + ": "
                member.write(to: &text, indent: inner)
                text += index == members.count - 1 ? "\n" : ",\n"
            }
            text += indent + "}"
        default:
            text += JSONWriter.string(from: self)
        }
    }
}
