/// A strict enough reader of the Prometheus text exposition format (0.0.4) for the tests:
/// every line is a comment (`# HELP`, `# TYPE`) or `name{labels} value`, with valid names,
/// quoted and escaped label values, and a number.
struct PrometheusText {
    struct Sample: Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Problem: Error, CustomStringConvertible {
        var line: String
        var reason: String
        var description: String { "\(reason): \(line)" }
    }

    var samples: [Sample] = []
    var types: [String: String] = [:]

    init(parsing text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, Self.isName(String(parts[2])),
                    ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3])
                else { throw Problem(line: line, reason: "bad TYPE") }
                types[String(parts[2])] = String(parts[3])
                continue
            }
            if line.hasPrefix("#") { continue }
            samples.append(try Self.sample(line))
        }
    }

    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
    }

    static func isName(_ text: String) -> Bool {
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == ":"
        }
        guard let first = text.unicodeScalars.first, isLetter(first) else { return false }
        return text.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }

    private static func sample(_ line: String) throws -> Sample {
        var rest = Substring(line)
        let nameEnd = rest.firstIndex { $0 == "{" || $0 == " " } ?? rest.endIndex
        let name = String(rest[..<nameEnd])
        guard isName(name) else { throw Problem(line: line, reason: "bad metric name") }
        rest = rest[nameEnd...]
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                guard let equals = rest.firstIndex(of: "=") else { throw Problem(line: line, reason: "no =") }
                let key = String(rest[..<equals])
                guard isName(key), !key.contains(":") else { throw Problem(line: line, reason: "bad label name") }
                rest = rest[rest.index(after: equals)...]
                guard rest.first == "\"" else { throw Problem(line: line, reason: "unquoted label value") }
                rest = rest.dropFirst()
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        guard let escaped = rest.first, ["\\", "\"", "n"].contains(escaped) else {
                            throw Problem(line: line, reason: "bad escape")
                        }
                        value.append(escaped == "n" ? "\n" : escaped)
                        rest = rest.dropFirst()
                    } else {
                        guard character != "\n" else { throw Problem(line: line, reason: "raw newline") }
                        value.append(character)
                    }
                }
                guard rest.first == "\"" else { throw Problem(line: line, reason: "unterminated label value") }
                rest = rest.dropFirst()
                labels[key] = value
                if rest.first == "," { rest = rest.dropFirst() }
                guard !rest.isEmpty else { throw Problem(line: line, reason: "unterminated labels") }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw Problem(line: line, reason: "no value") }
        let fields = rest.dropFirst().split(separator: " ")
        guard let first = fields.first, fields.count <= 2 else { throw Problem(line: line, reason: "bad value") }
        let value: Double? =
            switch first {
            case "+Inf": .infinity
            case "-Inf": -.infinity
            case "NaN": .nan
            default: Double(first)
            }
        guard let value else { throw Problem(line: line, reason: "value is not a number") }
        return Sample(name: name, labels: labels, value: value)
    }
}
