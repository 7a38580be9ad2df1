/// The kinds of problem that only the rules of `games.json` report (the JSON reader reports the
/// others).
extension ConfigurationProblem.Code {
    /// `maximumDelay` is below `initialDelay`.
    package static let invertedDelays = Self("invertedDelays")
    /// A game names a plugin the host does not have.
    package static let unknownPlugin = Self("unknownPlugin")
    /// A game's `settings` were refused by its plugin (a key it does not know, a value of the
    /// wrong type, or settings it cannot start a game with).
    package static let invalidSettings = Self("invalidSettings")
    /// Two enabled games have the same title.
    package static let duplicateTitle = Self("duplicateTitle")
    /// Two enabled games have titles that derive the same action-name prefix.
    package static let namePrefixCollision = Self("namePrefixCollision")
    /// A title that is empty or holds control characters.
    package static let invalidTitle = Self("invalidTitle")
    /// A URL that is not `ws://` or `wss://` with a host.
    package static let invalidURL = Self("invalidURL")
    /// A save directory that is empty or holds a NUL character.
    package static let invalidSaveDirectory = Self("invalidSaveDirectory")
    /// The `games` list is empty, or longer than ``HostConfiguration/maximumGameCount``.
    package static let invalidGameCount = Self("invalidGameCount")
    /// The `relay` has an address that is not `HOST:PORT`, or a prefix that is not one.
    package static let invalidRelay = Self("invalidRelay")
}
