import NeuroProtocol

/// One thing wrong with a JSON configuration file such as `games.json`: what, where (JSON path,
/// and line and column when known) and how to fix it.
///
/// Its ``description`` reads like a compiler diagnostic, so editors and terminals can jump to
/// the spot:
///
/// ```text
/// games.json:14:17: $.games[1].plugin: unknown plugin "chess"; known plugins: blackjack, guess-the-number, hangman
/// ```
///
/// Reading collects every problem it can find (`JSONReader` for JSON itself, the rules of
/// `games.json` for the rest); they are thrown together as ``InvalidConfiguration``. The codes
/// that only `games.json` uses are in `ConfigurationProblem+GamesJSON.swift`.
public struct ConfigurationProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of error this is. Extensible: match on the static members.
    public struct Code: ErrorCode {
        /// The code's name (`fileNotFound`).
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The file does not exist.
        public static let fileNotFound = Code("fileNotFound")
        /// The file exists but cannot be read (a directory, no permission, an I/O error).
        public static let unreadableFile = Code("unreadableFile")
        /// The file is larger than ``HostConfiguration/maximumFileSize``.
        public static let fileTooLarge = Code("fileTooLarge")
        /// The text is not JSON; line and column say where the parser stopped.
        public static let invalidJSON = Code("invalidJSON")
        /// An object has a key this format does not know (often a typo).
        public static let unknownKey = Code("unknownKey")
        /// An object repeats a key, so one of the two values would be silently ignored.
        public static let duplicateKey = Code("duplicateKey")
        /// A required key is absent.
        public static let missingKey = Code("missingKey")
        /// A value has the wrong JSON type.
        public static let wrongType = Code("wrongType")
        /// A number or a length is outside its allowed range.
        public static let outOfRange = Code("outOfRange")
        /// More errors than are reported at once (100); the rest were not listed.
        public static let tooManyErrors = Code("tooManyErrors")
    }

    /// What kind of error this is.
    public var code: Code
    /// The file the error is in, as given (`games.json`); for `--url` or the environment, the
    /// flag or variable name.
    public var file: String
    /// Where in the file; `nil` for errors about the file as a whole (missing, too large) or
    /// outside it (`--url`, the environment).
    public var path: ConfigurationPath?
    /// What is wrong, in plain words.
    public var message: String
    /// What to do about it.
    public var fix: String
    /// The line of the offending key or value, from 1, when known.
    public var line: Int?
    /// The column of the offending key or value, from 1 (in UTF-8 bytes), when known.
    public var column: Int?

    /// Creates an error.
    public init(
        code: Code,
        file: String,
        path: ConfigurationPath?,
        message: String,
        fix: String,
        line: Int? = nil,
        column: Int? = nil
    ) {
        self.code = code
        self.file = file
        self.path = path
        self.message = message
        self.fix = fix
        self.line = line
        self.column = column
    }

    /// `file:line:column: path: message`; without line and column when the position is
    /// unknown, and without the path when there is none.
    public var description: String {
        guard let path else { return "\(location): \(message)" }
        return "\(location): \(path): \(message)"
    }

    /// `file:line:column`, or just the file when the position is unknown.
    public var location: String {
        guard let line, let column else { return file }
        return "\(file):\(line):\(column)"
    }
}
