import NeuroProtocol

/// Everything NeuroSim can be told: how it checks games, how it plays, and which faults it
/// injects. Every field has a default, so `NeuroSimConfiguration()` is a polite Neuro on one
/// character, checking the newest protocol, playing at random like Randy and retrying, timing
/// out and discarding late results like the real server.
///
/// ```swift
/// var configuration = NeuroSimConfiguration()
/// configuration.seed = 42
/// configuration.isStrict = true
/// configuration.forceDelay = .zero
/// ```
public struct NeuroSimConfiguration: Sendable, Hashable {
    /// The seed of every random choice. Each connection derives its own generator from the seed
    /// and its connection number, so a run with the same seed and the same games is reproducible.
    public var seed: UInt64 = 0

    /// The version of the protocol games are checked against (``NeuroSimSpec/newest`` by
    /// default): the rules that changed follow it (see ``NeuroSimSpec``).
    public var spec = NeuroSimSpec.newest

    /// Closes a connection with code 1008 (policy violation) and the diagnostic's message as
    /// soon as it commits its first error. Warnings, performance and info diagnostics are
    /// recorded but never close a connection.
    public var isStrict = false

    /// The character that acknowledges `startup`; `nil` sends no acknowledgement.
    public var character: NeuroSimCharacter? = .neuro

    /// Sends `actions/reregister_all` to each new connection, as Randy does.
    public var sendsReregisterAllOnConnect = false

    /// Who decides which action to send and with which data: ``NeuroSimPlayer/random`` (the
    /// default) or a language model (``NeuroSimPlayer/languageModel(_:)``).
    package var player = NeuroSimPlayer.random

    /// How long NeuroSim "thinks" before answering a force (and before retrying one after a
    /// failed result). Randy waits half a second.
    public var forceDelay: Duration = .milliseconds(500)

    /// How long a game may take to answer an `action` with `action/result`, as the real
    /// server's ~20 s (since 2026-08-21, ~30 s before: ``NeuroSimSpec/resultTimeout``): then the
    /// action counts as failed (``ConformanceRule/resultTimeout``; a forced one is retried unless
    /// ``isForceRetriedAfterTimeout`` is off) and a later result is discarded
    /// (``ConformanceRule/resultAfterTimeout``). `nil` waits forever.
    public var resultTimeout: Duration? = NeuroSimSpec.newest.resultTimeout

    /// Whether a forced action whose result timed out is answered again (as the real Neuro does
    /// today, up to ``forceRetries`` times) or the force is abandoned at once (what the spec's
    /// author said it will change to after 2026-08-21). A failed result is retried either way.
    public var isForceRetriedAfterTimeout = true

    /// How often a force whose action failed (a failed result or a timeout) is answered
    /// again; after that many retries the force is abandoned silently, as the real Neuro does
    /// (no message to the game; counted in ``NeuroSimStatistics/abandonedForces``).
    public var forceRetries = 3

    /// A `startup` later than this after connecting, and a result later than this after its
    /// action, are performance diagnostics (``ConformanceRule/lateStartup``,
    /// ``ConformanceRule/lateResult``).
    public var lateThreshold: Duration = .milliseconds(500)

    /// How long a game has to register its actions again after `actions/reregister_all`
    /// (``ConformanceRule/missingReregistration``). Also the window in which what the game
    /// sent before reading the request (registrations, forces, unregistrations) is taken as
    /// re-synchronising rather than checked against the actions NeuroSim forgot.
    public var reregisterTimeout: Duration = .seconds(5)

    /// How long a game has to answer `shutdown/graceful` (wanting shutdown) or
    /// `shutdown/immediate` with `shutdown/ready` (``ConformanceRule/missingShutdownReady``).
    public var shutdownReadyTimeout: Duration = .seconds(10)

    /// Sends `speech_finished` after each action, as Neuro speaking her answer: a few
    /// non-final messages, then a final one, ``speechInterval`` apart; some utterances are
    /// cancelled (``speechCancellationShare``), and one still being spoken when the next
    /// action goes out is cut short. Only under a spec that has `speech_finished`.
    public var sendsSpeechFinished = false

    /// The time between two `speech_finished` messages of one answer.
    public var speechInterval: Duration = .milliseconds(250)

    /// The share of answers, from 0 to 1, whose speech is cancelled (`cancelled: true`,
    /// `reason: "interrupted"`).
    public var speechCancellationShare: Double = 0.2

    /// Unforced actions per second per connection, sent while nothing else is pending; `0`
    /// sends none.
    public var unforcedActionRate: Double = 0

    /// Flood mode: answer every force at once (ignoring ``forceDelay``) and send the next
    /// unforced action as soon as the previous result arrives, per connection. For load tests.
    public var isFlooding = false

    /// When above 0, the data of each registered action comes from this many values made once
    /// (the first actions make them; later ones pick one at random) instead of a value made
    /// for every action. Generating and checking data costs NeuroSim more than a game spends
    /// answering, so benchmarks set it to keep NeuroSim's own cost out of the game's figures.
    /// A (re-)registration of the action makes new values. `0` (the default) makes fresh data
    /// for every action.
    public var dataPoolSize = 0

    /// The share of actions, from 0 to 1, sent with bad data on purpose (invalid JSON,
    /// off-schema values or an unknown action name), to test a game's validation.
    public var badDataShare: Double = 0

    /// Drops each connection abruptly (no close frame) once it has received this many messages.
    public var dropAfterMessages: Int? = nil

    /// The probability, from 0 to 1, of dropping a connection abruptly after any one message.
    public var dropProbability: Double = 0

    /// Also checks the rules that span games: one force slot per Neuro character (a force while
    /// another game's force is pending), and an action name registered by two different games.
    public var isCheckingAcrossGames = true

    /// How many violations the report lists one by one, and how many notes (performance and
    /// info diagnostics); all are counted.
    public var maximumReportedViolations = 1000

    /// Creates the default configuration.
    public init() {}
}

/// Which Neuro character NeuroSim plays; sent in the `startup` acknowledgement.
public struct NeuroSimCharacter: Sendable, Hashable {
    /// The `characterId`, e.g. `neuro` or `evil`.
    public var id: String
    /// The `displayName`, e.g. `Neuro-sama`.
    public var displayName: String

    /// Creates a character.
    public init(id: String, displayName: String) {
        self.id = id
        self.displayName = displayName
    }

    /// Neuro-sama.
    public static let neuro = NeuroSimCharacter(id: "neuro", displayName: "Neuro-sama")
    /// Evil Neuro.
    public static let evil = NeuroSimCharacter(id: "evil", displayName: "Evil Neuro")
}
