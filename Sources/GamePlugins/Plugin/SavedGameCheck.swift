/// Checks a game decoded from a save file, so that a damaged or hand-edited save fails to
/// load with an error naming what is wrong, instead of breaking the rules later.
///
/// Every game's `init(from:)` calls ``require(_:_:in:)`` for each invariant its rules keep:
///
/// ```swift
/// public init(from decoder: any Decoder) throws {
///     let container = try decoder.container(keyedBy: CodingKeys.self)
///     wins = try container.decode(Int.self, forKey: .wins)
///     try SavedGameCheck.require(wins >= 0, "wins must not be negative", in: decoder)
/// }
/// ```
public enum SavedGameCheck {
    /// Throws `DecodingError.dataCorrupted` with `message` unless `condition` holds.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String, in decoder: any Decoder) throws {
        guard !condition else { return }
        throw DecodingError.dataCorrupted(
            DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "saved game: " + message())
        )
    }

    /// Re-checks decoded settings with the game's own validation.
    public static func requireValid(_ validate: () throws(GamePluginError) -> Void, in decoder: any Decoder) throws {
        do {
            try validate()
        } catch {
            try require(false, "settings: \(error.description)", in: decoder)
        }
    }
}
