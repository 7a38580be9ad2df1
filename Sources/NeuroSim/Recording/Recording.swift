import NeuroProtocol

/// A whole recording, read back: its header and its entries in file order, grouped by
/// connection in ``connections``.
///
/// ```swift
/// let recording = try Recording(parsing: text)
/// for connection in recording.connections { print(connection.game ?? "?", connection.entries.count) }
/// ```
package struct Recording: Sendable, Hashable {
    /// The first line.
    package var header: RecordingHeader
    /// Every entry, in file order.
    package var entries: [RecordedEntry]

    /// Creates a recording from its parts.
    package init(header: RecordingHeader, entries: [RecordedEntry]) {
        self.header = header
        self.entries = entries
    }

    /// Reads a recording: a header line, then one entry per line; blank lines are skipped. A
    /// last line cut short (the recorder was killed while writing it) is ignored.
    /// - Throws: `NeuroError` with `NeuroError/Code/invalidRecording`, naming the line and
    ///   what is wrong with it.
    package init(parsing text: String) throws(NeuroError) {
        let parser = JSONParser()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var header: RecordingHeader?
        var entries: [RecordedEntry] = []
        for (index, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
            let number = index + 1
            let value: JSONValue
            do {
                value = try parser.parse(String(line))
            } catch {
                let isLastLine = lines[(index + 1)...].allSatisfy { $0.allSatisfy(\.isWhitespace) }
                if isLastLine, header != nil, !text.hasSuffix("\n") { break }
                throw NeuroError(code: .invalidRecording, message: "line \(number): not valid JSON: \(error)")
            }
            do {
                if header == nil {
                    header = try RecordingHeader(json: value)
                } else {
                    entries.append(try RecordedEntry(json: value))
                }
            } catch {
                throw NeuroError(code: .invalidRecording, message: "line \(number): \(error.message)")
            }
        }
        guard let header else {
            throw NeuroError(code: .invalidRecording, message: "the recording is empty: it has no header line")
        }
        self.init(header: header, entries: entries)
    }

    /// The entries grouped by connection, in the order the connections first appear.
    package var connections: [RecordedConnection] {
        var order: [Int] = []
        var byID: [Int: RecordedConnection] = [:]
        for entry in entries {
            if byID[entry.connection] == nil {
                order.append(entry.connection)
                byID[entry.connection] = RecordedConnection(id: entry.connection, entries: [])
            }
            byID[entry.connection]?.entries.append(entry)
        }
        return order.compactMap { byID[$0] }
    }

    /// The text of the recording: the header line and one line per entry, each ending in a
    /// newline.
    package var text: String {
        ([header.jsonValue] + entries.map(\.jsonValue)).map { JSONWriter.string(from: $0) + "\n" }.joined()
    }
}
