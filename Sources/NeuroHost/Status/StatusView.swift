/// Renders the host's status: a compact table for a terminal, plain lines otherwise.
package enum StatusView {
    /// A table with one row per game, fitted to `width` columns. When any game has an
    /// action-name prefix on the wire (games sharing one Neuro), a `PREFIX` column shows it
    /// (`-` for none).
    package static func table(_ games: [GameStatus], width: Int = 120) -> String {
        let hasPrefixes = games.contains { !$0.actionNamePrefix.isEmpty }
        var header = ["GAME", "STATE", "UP", "RECONN", "ACTIONS", "FAIL", "STATUS / LAST ERROR"]
        if hasPrefixes { header.insert("PREFIX", at: 1) }
        let numericColumns = hasPrefixes ? 3...6 : 2...5
        let rows = games.map { game -> [String] in
            var row = [
                game.title,
                game.state.description,
                game.secondsInCurrentSession.map(formatDuration) ?? "-",
                String(game.reconnects),
                String(game.actionsHandled),
                String(game.failures),
                game.lastError.map { "\(game.gameStatus) | \($0)" } ?? game.gameStatus,
            ]
            if hasPrefixes { row.insert(game.actionNamePrefix.isEmpty ? "-" : game.actionNamePrefix, at: 1) }
            return row
        }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        widths[0] = min(widths[0], 24)
        let fixed = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
        widths[widths.count - 1] = max(10, min(widths[widths.count - 1], width - fixed))
        func line(_ cells: [String]) -> String {
            zip(cells, widths).enumerated().map { index, pair in
                let (cell, width) = pair
                let clipped = cell.count > width ? String(cell.prefix(max(0, width - 1))) + "…" : cell
                let isNumeric = numericColumns.contains(index)
                let padding = String(repeating: " ", count: max(0, width - clipped.count))
                return isNumeric ? padding + clipped : clipped + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// One plain, greppable line per game, for logs and pipes; `prefix=` is the game's
    /// action-name prefix on the wire, when it has one.
    package static func lines(_ games: [GameStatus]) -> [String] {
        games.map { game in
            var text =
                "game=\"\(game.title)\" state=\(game.state.description.replacingSpaces()) reconnects=\(game.reconnects) "
                + "actions=\(game.actionsHandled) failures=\(game.failures)"
            if !game.actionNamePrefix.isEmpty { text += " prefix=\(game.actionNamePrefix)" }
            if let up = game.secondsInCurrentSession { text += " up=\(formatDuration(up))" }
            if !game.gameStatus.isEmpty { text += " status=\"\(game.gameStatus)\"" }
            if let error = game.lastError { text += " last_error=\"\(error)\"" }
            return text
        }
    }

    /// `42s`, `3m05s`, `2h01m`.
    package static func formatDuration(_ seconds: Double) -> String {
        let total = max(0, Int(seconds))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m" + twoDigits(total % 60) + "s" }
        return "\(total / 3600)h" + twoDigits(total % 3600 / 60) + "m"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }

    fileprivate func replacingSpaces() -> String {
        String(map { $0 == " " ? "-" : $0 })
    }
}
