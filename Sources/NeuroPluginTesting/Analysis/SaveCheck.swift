import Foundation
import GamePlugins
import NeuroAPI

/// Saves a game as the host does (JSON with sorted keys), reads it back, and compares: the
/// encoded forms, and what the restored game offers, forces, shows and says.
enum SaveCheck {
    /// The outcome of a round trip.
    struct Outcome<Plugin: GamePlugin> {
        /// The game read back, or `nil` when it could not be.
        var restored: Plugin?
        /// What went wrong.
        var violations: [PluginCheckViolation]
    }

    /// Saves `plugin` and reads it back.
    static func roundTrip<Plugin: GamePlugin>(_ plugin: Plugin) -> Outcome<Plugin> {
        func violation(_ rule: PluginCheckRule, _ message: String) -> PluginCheckViolation {
            PluginCheckViolation(rule: rule, stage: .saveAndRestore, message: message)
        }
        let saved: String
        do {
            saved = try encoded(plugin)
        } catch {
            return Outcome(restored: nil, violations: [violation(.savedGameUnreadable, "the game could not be saved: \(error)")])
        }
        let restored: Plugin
        do {
            restored = try JSONDecoder().decode(Plugin.self, from: Data(saved.utf8))
        } catch {
            return Outcome(
                restored: nil,
                violations: [
                    violation(
                        .savedGameUnreadable,
                        "the save could not be read back: \(describe(error)); the save was \(ContextMentionCheck.excerpt(saved, limit: 400))"
                    )
                ])
        }
        var violations: [PluginCheckViolation] = []
        do {
            let again = try encoded(restored)
            if again != saved {
                violations.append(
                    violation(.restoredGameDiffers, "the restored game saves differently: \(difference(saved, again))"))
            }
        } catch {
            violations.append(violation(.savedGameUnreadable, "the restored game could not be saved again: \(error)"))
        }
        /// Adds a `restoredGameDiffers` violation unless the restored game and the saved one agree.
        func requireSame<Value: Equatable>(_ restoredValue: Value, _ savedValue: Value, _ message: () -> String) {
            if restoredValue != savedValue { violations.append(violation(.restoredGameDiffers, message())) }
        }
        requireSame(restored.actions, plugin.actions) {
            "the restored game offers \(names(restored.actions)), the saved one \(names(plugin.actions))"
        }
        requireSame(restored.force, plugin.force) {
            "the restored game forces \(describe(restored.force)), the saved one \(describe(plugin.force))"
        }
        requireSame(restored.status, plugin.status) {
            "the restored game's status is \"\(restored.status)\", the saved one's \"\(plugin.status)\""
        }
        requireSame(restored.introduction, plugin.introduction) {
            "the restored game's introduction is \"\(restored.introduction)\", the saved one's \"\(plugin.introduction)\""
        }
        return Outcome(restored: restored, violations: violations)
    }

    /// The game as the host saves it: JSON with sorted keys.
    static func encoded(_ plugin: some GamePlugin) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(plugin), as: UTF8.self)
    }

    private static func names(_ actions: [Action]) -> String {
        actions.isEmpty ? "no actions" : actions.map { "`\($0.name)`" }.joined(separator: ", ")
    }

    private static func describe(_ force: ActionForce?) -> String {
        guard let force else { return "nothing" }
        return "\"\(force.query)\" with \(force.actionNames.map { "`\($0)`" }.joined(separator: ", "))"
    }

    /// A decoding error as a sentence naming where it happened.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.isEmpty ? "the top level" : context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)): the key \"\(key.stringValue)\" is missing"
        case .typeMismatch(let type, let context): return "\(path(context)): not a \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "\(path(context)): no \(type): \(context.debugDescription)"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// Where two encoded games first differ, with a little of each from there.
    static func difference(
        _ first: String, _ second: String, labels: (String, String) = ("saved", "read back and saved again")
    )
        -> String
    {
        let common = zip(first, second).prefix { $0 == $1 }.count
        let start = max(0, common - 40)
        func around(_ text: String) -> String {
            String(text.dropFirst(start).prefix(120))
        }
        return "from character \(common): \(labels.0) …\(around(first))…, \(labels.1) …\(around(second))…"
    }
}
