import NeuroProtocol

/// What happened when a game performed one action.
public struct GameOutcome: Sendable, Hashable {
    /// Whether the rules accepted the action. A rejected action changes nothing.
    public var isAccepted: Bool
    /// Sent to Neuro in `action/result`: what happened, or what to do instead.
    public var message: String
    /// Context messages that follow the result, in order: what the opponent did, a round's end.
    public var context: [GameContext]

    /// Creates an outcome.
    public init(isAccepted: Bool, message: String, context: [GameContext] = []) {
        self.isAccepted = isAccepted
        self.message = message
        self.context = context
    }

    /// An accepted action.
    public static func accepted(_ message: String, context: [GameContext] = []) -> GameOutcome {
        GameOutcome(isAccepted: true, message: message, context: context)
    }

    /// A rejected action; the message says what to do instead.
    public static func rejected(_ message: String) -> GameOutcome {
        GameOutcome(isAccepted: false, message: message)
    }
}

/// A context message a game sends Neuro.
public struct GameContext: Sendable, Hashable, Codable {
    /// The text.
    public var message: String
    /// Whether it is added without prompting Neuro to speak.
    public var isSilent: Bool

    /// Creates a context message.
    public init(_ message: String, isSilent: Bool = true) {
        self.message = message
        self.isSilent = isSilent
    }
}
