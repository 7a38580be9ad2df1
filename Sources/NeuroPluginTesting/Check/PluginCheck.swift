import GamePlugins

/// Plays a game plugin against an in-process NeuroSim, in one call, and reports every way it
/// breaks the Neuro game API or the plugin contract.
///
/// ```swift
/// import NeuroPluginTesting
/// import Testing
///
/// @Test func coinFlipFollowsTheProtocol() async throws {
///     let report = try await PluginCheck.run(CoinFlip.self, actions: 200)
///     #expect(report.violations.isEmpty, "\(report)")
/// }
/// ```
///
/// NeuroSim listens on 127.0.0.1 (an ephemeral port) and the game connects to it over a real
/// websocket, hosted by a `GameSession` as `neuro-host` hosts it. One call covers:
/// - **Valid and invalid data.** NeuroSim's random player answers every force with data
///   generated from the action's schema, and a share of the actions
///   (``PluginCheckConfiguration/badDataShare``) with bad data on purpose: not JSON, off the
///   schema, an unknown name. Each must get exactly one result, a failure for bad data, and a
///   refused move must leave the game unchanged.
/// - **A reconnect mid-game.** After a quarter of the actions NeuroSim drops the connection;
///   the game must resume on a new one: `startup` first, its actions registered again, its
///   force sent again.
/// - **Save and restore.** The game is encoded as the host saves it, decoded, and compared
///   (encoded forms, actions, force, status); the restored game plays the second half.
/// - **A prefixed name.** The second half runs under an action-name prefix (`coin_flip_`), as
///   when several games share one Neuro.
/// - **Texts.** Every backticked name in a force query or state, a result message or a context
///   message must be an action of the game as named on the wire.
/// - **Schemas against argument types.** In every state the game passes through, each offered
///   action gets data generated from its schema, which must decode into its `Arguments` type.
///
/// Every NeuroSim violation (error or warning) is a violation of the check, under NeuroSim's
/// diagnostic id; the kit's own checks have ids of their own (``PluginCheckRule``). The check is
/// bounded in time: a game that stops forcing or answering fails with
/// ``PluginCheckError/Code/stalled`` after ``PluginCheckConfiguration/stallTimeout``, never
/// hangs (a rule that never returns blocks its event loop, which nothing can bound).
public enum PluginCheck {
    /// Checks a plugin and reports what it found.
    /// - Parameters:
    ///   - plugin: the plugin type.
    ///   - configuration: how many actions, the seed, the settings, the time limits.
    /// - Returns: the report; the plugin passed when its ``PluginCheckReport/violations`` are empty.
    /// - Throws: ``PluginCheckError`` when the check could not be carried out: bad settings or
    ///   configuration, a game that stalled, the time limit, NeuroSim unable to listen.
    public static func run<Plugin: GamePlugin>(
        _ plugin: Plugin.Type, configuration: PluginCheckConfiguration = PluginCheckConfiguration()
    ) async throws(PluginCheckError) -> PluginCheckReport {
        try await PluginCheckRun<Plugin>.check(configuration: configuration)
    }

    /// Checks a plugin with the default configuration but for the number of actions and the seed.
    /// - Parameters:
    ///   - plugin: the plugin type.
    ///   - actions: how many actions NeuroSim sends in all (at least 8).
    ///   - seed: the seed of the game and of NeuroSim's player.
    /// - Returns: the report.
    /// - Throws: ``PluginCheckError`` as ``run(_:configuration:)``.
    public static func run<Plugin: GamePlugin>(
        _ plugin: Plugin.Type, actions: Int, seed: UInt64 = 1
    ) async throws(PluginCheckError) -> PluginCheckReport {
        try await run(plugin, configuration: PluginCheckConfiguration(actions: actions, seed: seed))
    }

    /// Checks a plugin and throws when it found anything: for a test that only needs to pass.
    ///
    /// ```swift
    /// @Test func diceDuelConforms() async throws {
    ///     try await PluginCheck.requireConformance(DiceDuel.self)
    /// }
    /// ```
    /// - Parameters:
    ///   - plugin: the plugin type.
    ///   - configuration: how many actions, the seed, the settings, the time limits.
    /// - Returns: the report, with no violations.
    /// - Throws: ``PluginCheckError`` with ``PluginCheckError/Code/violations`` (its
    ///   ``PluginCheckError/report`` lists them, and so does its description), or as
    ///   ``run(_:configuration:)``.
    @discardableResult
    public static func requireConformance<Plugin: GamePlugin>(
        _ plugin: Plugin.Type, configuration: PluginCheckConfiguration = PluginCheckConfiguration()
    ) async throws(PluginCheckError) -> PluginCheckReport {
        let report = try await run(plugin, configuration: configuration)
        guard report.violations.isEmpty else {
            let rules = report.violatedRules.map(\.id).joined(separator: ", ")
            throw PluginCheckError(
                code: .violations, message: "\(Plugin.id) has \(report.violations.count) violations (\(rules))",
                report: report)
        }
        return report
    }
}
