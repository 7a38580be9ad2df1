import GamePlugins
import GameSessions
import NeuroAPI
import NeuroTesting

/// The game side's own work per action, without a socket: decode NeuroSim's `action` frame,
/// run the connection core and the session core (look the action up, validate the data
/// against the schema, perform, complete, decide the effects), encode the frames to send. The
/// same pure functions `NeuroComponent` and `GameSession` call per action, on one thread, so the
/// figure is free of the kernel's and the scheduler's noise: a before/after measure for
/// changes to the hot path.
struct HotPathResult: Sendable {
    var actions: Int
    var seconds: Double
    var bytesSent: Int
    var nanosecondsPerAction: Double { actions > 0 ? seconds * 1e9 / Double(actions) : 0 }
}

/// Runs `count` actions through the hot path of ``BenchGame`` (its rule ignores the data), or
/// with `typed` of ``TypedBenchGame`` (its rule gets the data decoded).
func runHotPath(actions count: Int, typed: Bool = false) throws -> HotPathResult {
    typed ? try runHotPath(actions: count, plugin: TypedBenchGame()) : try runHotPath(actions: count, plugin: BenchGame())
}

private func runHotPath<Plugin: GamePlugin>(actions count: Int, plugin: Plugin) throws -> HotPathResult {
    // Frames as NeuroSim sends them: 64 different payloads, drawn from the schema.
    var random = SeededRandomNumberGenerator(seed: 1)
    let generator = SchemaDataGenerator()
    let frames = (0..<64).map { index in
        NeuroCommand.action(
            NeuroAction(
                id: "sim-\(index)", name: BenchGame.move.name,
                data: generator.generateData(for: BenchGame.moveAction, using: &random))
        ).encoded()
    }
    var core = GameSessionState(plugin: plugin)
    var connection = NeuroConnectionCore()
    let handler: ActionHandler = { _, _ in .failure("not called: the hot path performs the game itself") }
    _ = connection.connected()
    _ = core.connected(core: &connection, handler: handler)
    let parser = JSONParser()
    var bytesSent = 0
    let clock = ContinuousClock()
    let start = clock.now
    for index in 0..<count {
        let command = try NeuroCommand.decode(WireEnvelope.decode(frames[index & 63], parser: parser))
        guard case .action(let action) = command else {
            throw NeuroError(code: .benchFailed, message: "hot path: frame \(index & 63) is not an action")
        }
        let now = clock.now
        guard case .perform(let registration, let data) = connection.accept(action, at: now) else {
            throw NeuroError(code: .benchFailed, message: "hot path: action \(action.id) was not handed to the game")
        }
        let (outcome, before, error) = core.perform(action, data: data, core: &connection, at: now)
        if let error { throw NeuroError(code: .benchFailed, message: "hot path: the game failed", cause: error) }
        let result = connection.complete(action, registration: registration, outcome: outcome, at: now)
        let after = core.actionAnswered(
            action, result: outcome.actionResult(id: action.id), core: &connection, handler: handler, at: now)
        for case .send(let command) in before {
            bytesSent += command.encoded(game: "Bench").utf8.count
        }
        for command in result {
            bytesSent += command.encoded(game: "Bench").utf8.count
        }
        for case .send(let command) in after {
            bytesSent += command.encoded(game: "Bench").utf8.count
        }
    }
    let elapsed = clock.now - start
    guard core.statistics.actionsAccepted == count else {
        throw NeuroError(
            code: .benchFailed, message: "hot path: \(core.statistics.actionsAccepted) of \(count) actions accepted")
    }
    return HotPathResult(actions: count, seconds: elapsed.inSeconds, bytesSent: bytesSent)
}
