import Foundation
import GamePlugins

extension GameCatalog {
    /// `neuro-host --list`: one line per plugin, in catalog order — the id, then the title, the
    /// summary and the action names, nothing said twice:
    ///
    /// ```text
    /// blackjack         Blackjack — bet, hit, stand or double against a dealer who stands on 17. Actions: bet, hit, stand, double
    /// ```
    var listing: [String] {
        let width = plugins.map { $0.id.count }.max() ?? 0
        return plugins.map { plugin in
            plugin.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + Self.describe(plugin)
        }
    }

    /// The title, the summary without a repeated title, and the action names.
    ///
    /// A summary that starts with the title and a colon (`Blackjack: bet, hit, …`, in any case)
    /// loses that start; one that starts with the title otherwise names the game itself and
    /// stands alone; one that is only the title (the default summary) adds nothing.
    static func describe(_ plugin: any GamePlugin.Type) -> String {
        let title = plugin.defaultTitle
        let summary = plugin.summary.trimmingCharacters(in: .whitespaces)
        var line: String
        if summary.lowercased() == title.lowercased() || summary.isEmpty {
            line = title
        } else if summary.lowercased().hasPrefix(title.lowercased()) {
            let rest = summary.dropFirst(title.count)
            if rest.hasPrefix(":") {
                let text = rest.dropFirst().trimmingCharacters(in: .whitespaces)
                line = text.isEmpty ? title : "\(title) — \(text)"
            } else {
                line = summary
            }
        } else {
            line = "\(title) — \(summary)"
        }
        if let last = line.last, !".!?".contains(last) { line += "." }
        let actions = plugin.actionNames
        if !actions.isEmpty { line += " Actions: " + actions.joined(separator: ", ") }
        return line
    }
}
