import NeuroProtocol

/// A rule-level refusal: the action is not allowed now, and the message tells Neuro what to
/// do instead.
///
/// A ``GameAction``'s rule throws it; the game is then left exactly as it was before the
/// action (the rule ran on a copy), and Neuro gets a failed result with the message.
///
/// ```swift
/// guard board[square] == nil else {
///     throw GameRefusal("That square is taken. Pick an empty one.")
/// }
/// ```
public struct GameRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong and what to do instead.
    public var message: String

    /// Creates a refusal.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// The refusal for an action name the game does not offer right now, listing what it
    /// offers (`available`, as registered).
    public static func unavailableAction(_ name: String, available: [Action]) -> GameRefusal {
        let names = available.map { "`\($0.name)`" }.joined(separator: ", ")
        return GameRefusal("`\(name)` is not available right now. Use one of: \(names).")
    }

    /// Applies a move to a copy of `game` and keeps the copy only when the rules accept it;
    /// a refusal becomes ``GameOutcome/rejected(_:)`` and, like a rejected outcome returned by
    /// the move, leaves `game` untouched.
    /// - Throws: any error of `move` other than a refusal (a broken game); `game` is then
    ///   untouched too.
    @inlinable
    public static func attempt<Game>(
        _ game: inout Game,
        _ move: (inout Game) throws -> GameOutcome
    ) throws -> GameOutcome {
        var next = game
        let outcome: GameOutcome
        do {
            outcome = try move(&next)
        } catch let refusal as GameRefusal {
            return .rejected(refusal.message)
        }
        // A rule may also return a rejected outcome: that changes nothing either.
        if outcome.isAccepted { game = next }
        return outcome
    }

    /// The refusal of data that does not decode into an action's arguments.
    @usableFromInline
    static func undecodable(_ actionName: String, _ error: DecodingError) -> GameRefusal {
        GameRefusal("`\(actionName)` cannot use this data: \(describe(error))")
    }

    /// A `DecodingError` as a sentence naming the value at fault (`row: must be an integer`).
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.isEmpty
                ? "data" : context.codingPath.map(JSONCodingKey.init).map(\.description).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)): must be \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): must be \(type), not null"
        case .keyNotFound(let key, let context):
            return "\(path(DecodingError.Context(codingPath: context.codingPath + [key], debugDescription: ""))) is missing"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
