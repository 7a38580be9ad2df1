/// Wording shared by the validator's messages: values, lists and JSON type names.
enum SchemaMessage {
    /// Longest rendering of a value before it is cut with `…`.
    static let maximumValueLength = 40
    /// Most list entries (enum values, property names) named before `…`.
    static let maximumListLength = 8

    /// A value as compact JSON, cut short when long: `"up"`, `5`, `2.5`, `{"a":1}`.
    static func describe(_ value: JSONValue) -> String {
        if case .string(let string) = value {
            let scalars = string.unicodeScalars
            guard scalars.count > maximumValueLength else { return JSONWriter.string(from: value) }
            var cut = String.UnicodeScalarView()
            cut.append(contentsOf: scalars.prefix(maximumValueLength))
            var writer = JSONWriter()
            writer.write(string: String(cut) + "…")
            return writer.string
        }
        let text = JSONWriter.string(from: value)
        guard text.count > maximumValueLength else { return text }
        return String(text.prefix(maximumValueLength)) + "…"
    }

    /// A list of values: `"north", "south", "east", "west"`, cut after a few entries.
    static func list(_ values: some Collection<JSONValue>) -> String {
        var parts = values.prefix(maximumListLength).map(describe)
        if values.count > maximumListLength { parts.append("… (\(values.count) in all)") }
        return parts.joined(separator: ", ")
    }

    /// A JSON type with its article: `a string`, `an integer`, `null`.
    static func article(forType type: String) -> String {
        switch type {
        case "null": return "null"
        case "integer", "array", "object": return "an \(type)"
        default: return "a \(type)"
        }
    }

    /// Alternatives joined in prose: `a string`, `a string or null`, `a string, an integer or null`.
    static func alternatives(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + last
    }

    /// `1 item`, `3 items`.
    static func count(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }

    /// `1 character`, `3 characters`.
    static func characters(_ count: Int) -> String { Self.count(count, "character") }

    /// The plural of `property` is irregular.
    static func properties(_ count: Int) -> String {
        count == 1 ? "1 property" : "\(count) properties"
    }
}
