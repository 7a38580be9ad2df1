/// Everything wrong with `games.json`, found before anything connects: the error that
/// loading a configuration throws, holding every ``ConfigurationProblem`` found.
///
/// Thrown by ``HostConfiguration/load(path:catalog:environment:urlFlag:)`` and
/// ``HostConfiguration/decode(text:file:catalog:environment:urlFlag:)``. The problems are
/// in document order. Its ``description`` lists each problem with its fix, ready to print:
///
/// ```text
/// games.json:4:9: $.restartPolicy.maximumDelay: maximumDelay (0.5 s, from $.restartPolicy.maximumDelay) is below initialDelay (1 s, the default)
///   fix: make maximumDelay at least initialDelay
/// games.json:9:13: $.games[1].plugin: unknown plugin "chess"; known plugins: blackjack, guess-the-number, hangman
///   fix: use one of the known plugin ids
/// ```
///
/// `neuro-host` exits with ``exitCode`` after printing it.
public struct InvalidConfiguration: Error, Sendable, Hashable, RandomAccessCollection, CustomStringConvertible {
    /// The exit status for usage and configuration errors (as `EX_USAGE`-style tools use 2).
    public static let exitCode: Int32 = 2

    /// The problems, in document order; never empty.
    public var problems: [ConfigurationProblem]

    /// Creates the error; `problems` should not be empty.
    public init(_ problems: [ConfigurationProblem]) {
        self.problems = problems
    }

    public var startIndex: Int { problems.startIndex }
    public var endIndex: Int { problems.endIndex }
    public subscript(position: Int) -> ConfigurationProblem { problems[position] }

    /// Every problem on its own line, each followed by an indented `fix:` line.
    public var description: String {
        problems.map { "\($0)\n  fix: \($0.fix)" }.joined(separator: "\n")
    }
}
