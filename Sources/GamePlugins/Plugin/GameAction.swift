import NeuroProtocol

/// One action of a game, declared once: its name, description and JSON schema, the Swift type
/// its data decodes into, and the rule that performs it.
///
/// A plugin lists every action it has in ``GamePlugin/allActions`` and the ones it offers now in
/// ``GamePlugin/availableActions``; the session registers those, routes Neuro's actions to
/// them by name, and decodes the data before the rule runs, so a rule works with typed values:
///
/// ```swift
/// struct Call: Decodable, Sendable { var side: String }
///
/// static let call = GameAction<CoinFlip>(
///     "call", description: "Call the coin.", arguments: Call.self,
///     schema: ["type": "object", "properties": ["side": ["enum": ["heads", "tails"]]], "required": ["side"]]
/// ) { game, call in
///     try game.flip(calling: call.side)
/// }
/// ```
///
/// **The schema is written by hand**, as JSON Schema, next to the arguments type. A schema
/// carries what no Swift type says — ranges taken from the settings, enumerations, patterns,
/// lengths — and it is what Neuro reads. The data is checked against the schema before the
/// rule runs (by the connection, or by ``GamePlugin/perform(_:data:)``), so a rule may rely on
/// it; that the two agree is checked by the plugin test kit (`NeuroPluginTesting`), which feeds
/// every action data generated from its schema and fails when it does not decode.
///
/// A rule refuses a move by throwing ``GameRefusal``: the game is left as it was and Neuro gets
/// the refusal's message. Any other error is a broken game: the session answers with a failure
/// and the host restarts the game from its last good state.
public struct GameAction<Game: GamePlugin>: Sendable {
    /// The action's name as the game knows it (`play`); the host may prefix it on the wire.
    public let name: String
    /// What the action does, for Neuro.
    public let description: String
    // Internal but inlinable: a game's rules run through these per action, and the compiler
    // specializes them for the game's own types only when it can see them.
    @usableFromInline let schema: Schema
    @usableFromInline let body: @Sendable (inout Game, JSONValue?) throws -> GameOutcome

    @usableFromInline enum Schema: Sendable {
        /// The same registration in every state, made once.
        case fixed(Action)
        /// A schema that depends on the game (its settings, the board).
        case perGame(@Sendable (Game) -> JSONValue)
    }

    /// An action whose data decodes into `Arguments` and fits a fixed schema.
    /// - Parameters:
    ///   - name: the action's name, unique within the game.
    ///   - description: what the action does, for Neuro.
    ///   - arguments: the type the data decodes into (with `JSONValueDecoder`).
    ///   - schema: the JSON schema of the data, an object schema.
    ///   - perform: the rule: changes the game and says what happened.
    @inlinable
    public init<Arguments: Decodable & Sendable>(
        _ name: String,
        description: String,
        arguments: Arguments.Type,
        schema: JSONValue,
        perform: @escaping @Sendable (inout Game, Arguments) throws -> GameOutcome
    ) {
        self.name = name
        self.description = description
        self.schema = .fixed(Action(name: name, description: description, schema: schema))
        self.body = Self.decoding(name, perform)
    }

    /// An action whose data decodes into `Arguments` and fits a schema made from the game, for
    /// ranges that come from the settings or the state.
    /// - Parameters:
    ///   - name: the action's name, unique within the game.
    ///   - description: what the action does, for Neuro.
    ///   - arguments: the type the data decodes into (with `JSONValueDecoder`).
    ///   - schema: makes the JSON schema of the data for the game as it is.
    ///   - perform: the rule: changes the game and says what happened.
    @inlinable
    public init<Arguments: Decodable & Sendable>(
        _ name: String,
        description: String,
        arguments: Arguments.Type,
        schema: @escaping @Sendable (Game) -> JSONValue,
        perform: @escaping @Sendable (inout Game, Arguments) throws -> GameOutcome
    ) {
        self.name = name
        self.description = description
        self.schema = .perGame(schema)
        self.body = Self.decoding(name, perform)
    }

    /// An action whose data is checked against a schema but not read by the rule (an action
    /// that takes optional data the game ignores, or one whose data only matters to Neuro).
    /// - Parameters:
    ///   - name: the action's name, unique within the game.
    ///   - description: what the action does, for Neuro.
    ///   - schema: the JSON schema of the data, an object schema.
    ///   - perform: the rule: changes the game and says what happened.
    @inlinable
    public init(
        _ name: String,
        description: String,
        schema: JSONValue,
        perform: @escaping @Sendable (inout Game) throws -> GameOutcome
    ) {
        self.name = name
        self.description = description
        self.schema = .fixed(Action(name: name, description: description, schema: schema))
        self.body = { game, _ in try perform(&game) }
    }

    /// An action without data (`hit`, `stand`).
    /// - Parameters:
    ///   - name: the action's name, unique within the game.
    ///   - description: what the action does, for Neuro.
    ///   - perform: the rule: changes the game and says what happened.
    @inlinable
    public init(
        _ name: String,
        description: String,
        perform: @escaping @Sendable (inout Game) throws -> GameOutcome
    ) {
        self.name = name
        self.description = description
        self.schema = .fixed(Action(name: name, description: description))
        self.body = { game, _ in try perform(&game) }
    }

    /// The registration Neuro gets for this action while `game` is as it is.
    @inlinable
    public func action(for game: Game) -> Action {
        switch schema {
        case .fixed(let action): return action
        case .perGame(let make): return Action(name: name, description: description, schema: make(game))
        }
    }

    /// Runs the rule on data that already fits the schema. Data that does not decode is a
    /// refusal naming the value at fault; the game is unchanged then.
    /// - Throws: ``GameRefusal`` for a refused move, or whatever the rule throws for a broken game.
    @inlinable
    func perform(on game: inout Game, validatedData data: JSONValue?) throws -> GameOutcome {
        try body(&game, data)
    }

    /// Wraps a typed rule: decodes the data first, a failure to decode being a refusal.
    @inlinable
    static func decoding<Arguments: Decodable & Sendable>(
        _ name: String,
        _ perform: @escaping @Sendable (inout Game, Arguments) throws -> GameOutcome
    ) -> @Sendable (inout Game, JSONValue?) throws -> GameOutcome {
        { game, data in
            let arguments: Arguments
            do {
                arguments = try JSONValueDecoder().decode(Arguments.self, from: data ?? emptyObject)
            } catch let error as DecodingError {
                throw GameRefusal.undecodable(name, error)
            }
            return try perform(&game, arguments)
        }
    }
}

/// The data of an action sent without any: an empty object, as the schema check reads it.
@usableFromInline let emptyObject: JSONValue = .object([:])

extension GameAction {
    /// The name in backticks (\`play\`), as a text for Neuro names an action so that the
    /// session can render it as the action's name on the wire:
    /// `"Pick a square with \(Self.play.mention)."`
    public var mention: String { "`\(name)`" }
}
