import NeuroProtocol

/// A rule-level refusal: the action is not allowed now, and the message tells Neuro what to
/// do instead.
///
/// Games throw it from their rules and turn it into ``GameOutcome/rejected(_:)`` at the edge
/// of ``GamePlugin/perform(_:data:)``, after discarding the half-applied copy of the game, so
/// a refused action never changes the game.
struct GameRefusal: Error, Hashable, Sendable {
    /// What was wrong and what to do instead.
    var message: String

    /// Creates a refusal.
    init(_ message: String) {
        self.message = message
    }

    /// The refusal for an action name the game does not offer right now.
    static func unavailableAction(_ name: String, available: [Action]) -> GameRefusal {
        let names = available.map { "`\($0.name)`" }.joined(separator: ", ")
        return GameRefusal("`\(name)` is not available right now. Use one of: \(names).")
    }
}

extension GameRefusal {
    /// Applies a move to a copy of `game` and keeps the copy only when the rules accept it;
    /// a refusal becomes ``GameOutcome/rejected(_:)`` and leaves `game` untouched. Every
    /// game's ``GamePlugin/perform(_:data:)`` is this call around its own rules.
    static func attempt<Game>(
        _ game: inout Game,
        _ move: (inout Game) throws(GameRefusal) -> GameOutcome
    ) -> GameOutcome {
        var next = game
        do throws(GameRefusal) {
            let outcome = try move(&next)
            game = next
            return outcome
        } catch {
            return .rejected(error.message)
        }
    }
}
