import GamePlugins
import GameSessions
import NeuroAPI
import NeuroTesting

/// Plays again, on a copy of the game, what the game did on the wire, and checks the rules
/// where the wire cannot see them.
///
/// The copy follows the session exactly, through the actions in the order the game read them:
/// an action the game accepted on the wire is applied (and must be accepted again: otherwise
/// ``PluginCheckRule/replayDiffers``); an action the connection answered without the game (an
/// unknown name, data off the schema, a late action) is skipped; an action the rules refused
/// is tried on a copy of the copy, which is then thrown away, as the session does. An action
/// whose answer was lost with a dropped connection is applied when the rules accept it, as the
/// session did. At every refusal the check compares the game before and
/// after (``PluginCheckRule/refusalChangedGame``), and a refusal saying "cannot use this data"
/// of data that fits the schema is ``PluginCheckRule/argumentsRejectSchemaData``. In every
/// state the copy passes through, each action offered gets data generated from its schema too,
/// so an action Neuro never picked is checked as well. At the end the copy must be the game.
struct ReplayCheck<Plugin: GamePlugin> {
    /// How the game's names were renamed on the wire.
    var names: ActionNameMapping
    /// The seed of the generated data.
    var seed: UInt64

    private let generator = SchemaDataGenerator()
    private let validator = JSONSchemaValidator()

    init(names: ActionNameMapping, seed: UInt64) {
        self.names = names
        self.seed = seed
    }

    /// Replays `recordings` from `start`.
    /// - Parameters:
    ///   - start: the game when the first connection opened.
    ///   - recordings: the game's connections, in order, all of one session.
    ///   - final: the session's game once the last one ended.
    /// - Returns: what was found, at most once per rule and action.
    func violations(
        from start: Plugin, through recordings: [ConnectionRecording], endingAt final: Plugin
    )
        -> [PluginCheckViolation]
    {
        var run = Run(check: self, game: start)
        run.checkGeneratedData(stage: recordings.first?.stage ?? .play)
        var accepted = 0
        for recording in recordings {
            let results = Dictionary(
                recording.sentCommands.compactMap { command -> (String, ActionResult)? in
                    guard case .actionResult(let result) = command else { return nil }
                    return (result.id, result)
                }, uniquingKeysWith: { first, _ in first })
            // In the order the game read them, which is the order it handled them in.
            for action in recording.receivedActions {
                switch run.replay(action, result: results[action.id], stage: recording.stage) {
                case .applied: accepted += 1
                case .skipped: break
                case .diverged: return run.violations
                }
            }
        }
        if let replayed = try? SaveCheck.encoded(run.game), let played = try? SaveCheck.encoded(final), replayed != played {
            run.violations.append(
                PluginCheckViolation(
                    rule: .replayDiffers, stage: recordings.last?.stage ?? .play,
                    message:
                        "the \(accepted) actions the game accepted, replayed in order on a copy of it, lead to another game: "
                        + SaveCheck.difference(played, replayed, labels: ("played", "replayed"))
                        + "; its rules depend on something besides the game and the data (an unseeded random number, the clock)"
                ))
        }
        return run.violations
    }

    /// The state of one replay.
    private struct Run {
        enum Step {
            case applied
            case skipped
            case diverged
        }

        let check: ReplayCheck
        var game: Plugin
        var violations: [PluginCheckViolation] = []
        var random: SeededRandomNumberGenerator
        private var reported: Set<String> = []

        init(check: ReplayCheck, game: Plugin) {
            self.check = check
            self.game = game
            random = SeededRandomNumberGenerator(seed: check.seed ^ 0x5EED_DA7A)
        }

        /// Replays one action the game read, answered with `result` (`nil` when the answer was
        /// lost with the connection).
        mutating func replay(_ action: NeuroAction, result: ActionResult?, stage: PluginCheckStage) -> Step {
            let isAcceptedOnTheWire = result?.isSuccess == true
            let name = check.names.pluginName(action.name)
            guard let name, let offered = game.availableActions.first(where: { $0.name == name }) else {
                guard isAcceptedOnTheWire else { return .skipped }
                diverge(
                    stage, "the game accepted `\(action.name)` on the wire, but a replay of its actions does not offer it then")
                return .diverged
            }
            // As the connection does before the game sees it; what fails here it answered itself.
            let data: JSONValue?
            do {
                data = try action.validatedData(against: offered.action(for: game).schema)
            } catch {
                guard isAcceptedOnTheWire else { return .skipped }
                diverge(
                    stage,
                    "the game accepted `\(name)` with \(action.data ?? "no data") on the wire, but that data does not fit the "
                        + "schema the replayed game has then")
                return .diverged
            }
            var next = game
            let outcome: GameOutcome
            do {
                outcome = try next.perform(name, validatedData: data)
            } catch {
                // The session answered with a failure and ended: reported as `gameFailed`.
                guard isAcceptedOnTheWire else { return .skipped }
                diverge(
                    stage,
                    "the game accepted `\(name)` with \(Self.text(data)) on the wire, but throws \(error) when it is replayed")
                return .diverged
            }
            if outcome.isAccepted {
                // Failed on the wire although the rules accept it: the connection answered it
                // (a late action, or one that came while the game was stopping).
                guard result.map(\.isSuccess) ?? true else { return .skipped }
                game = next
                checkGeneratedData(stage: stage)
                return .applied
            }
            if isAcceptedOnTheWire {
                diverge(
                    stage,
                    "the game accepted `\(name)` with \(Self.text(data)) on the wire, but refuses it when the same actions "
                        + "are replayed on a copy (\"\(outcome.message)\"): its rules depend on something besides the game and "
                        + "the data (an unseeded random number, the clock)")
                return .diverged
            }
            checkRefusal(of: name, data: data, message: outcome.message, leaving: next, stage: stage)
            return .skipped
        }

        /// Tries every action offered now with data generated from its schema, on copies.
        mutating func checkGeneratedData(stage: PluginCheckStage) {
            for action in game.availableActions {
                guard let schema = action.action(for: game).schema else { continue }
                let data = check.generator.generate(for: schema, using: &random)
                // A schema the generator could not satisfy: NeuroSim reports it (`unsatisfiableSchema`).
                guard check.validator.validate(data, against: schema).isEmpty else { continue }
                var copy = game
                guard let outcome = try? copy.perform(action.name, validatedData: data), !outcome.isAccepted else { continue }
                checkRefusal(of: action.name, data: data, message: outcome.message, leaving: copy, stage: stage)
            }
        }

        /// Checks a refusal of data that fits the schema: it decoded, and it left the game alone.
        private mutating func checkRefusal(
            of name: String, data: JSONValue?, message: String, leaving after: Plugin, stage: PluginCheckStage
        ) {
            if message.hasPrefix("`\(name)` cannot use this data") {
                report(
                    .argumentsRejectSchemaData, action: name, stage,
                    "`\(name)`'s schema allows \(Self.text(data)), but that data does not decode into its arguments type: "
                        + "\"\(message)\"; make the schema and the type agree")
            }
            if let before = try? SaveCheck.encoded(game), let changed = try? SaveCheck.encoded(after), before != changed {
                report(
                    .refusalChangedGame, action: name, stage,
                    "`\(name)` refused \(Self.text(data)) (\"\(message)\") but changed the game: "
                        + SaveCheck.difference(before, changed, labels: ("before", "after"))
                        + "; throw GameRefusal instead of returning .rejected after changing the game")
            }
        }

        private mutating func report(_ rule: PluginCheckRule, action: String, _ stage: PluginCheckStage, _ message: String) {
            guard reported.insert("\(rule)|\(action)").inserted else { return }
            violations.append(PluginCheckViolation(rule: rule, stage: stage, message: message))
        }

        private mutating func diverge(_ stage: PluginCheckStage, _ message: String) {
            violations.append(PluginCheckViolation(rule: .replayDiffers, stage: stage, message: message))
        }

        private static func text(_ data: JSONValue?) -> String {
            data.map { JSONWriter.string(from: $0) } ?? "no data"
        }
    }
}
